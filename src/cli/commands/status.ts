import type { Command } from 'commander';
import { connectStudio } from '../connect';
import { resolveDataDir } from '../options';
import { EXIT } from '../errors';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show the running studio: URLs, API key, data folder, uptime')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)')
    .option('--json', 'print JSON')
    .action(async (opts: { dataDir?: string; json?: boolean }) => {
      const conn = await connectStudio(resolveDataDir(opts.dataDir));
      try {
        const s = await conn.client.call('studio.status');
        // A full disk is the studio's state, not this command's failure, but a script should see it.
        if (!s.storage.ok) process.exitCode = EXIT.diskFull;
        if (opts.json) {
          process.stdout.write(JSON.stringify(s, null, 2) + '\n');
          return;
        }
        process.stdout.write(
          [
            `SONZAI_BASE_URL=${s.apiBaseUrl}`,
            `SONZAI_API_KEY=${s.apiKey}`,
            ...(s.oneInboxApiKey
              ? [`ONEINBOX_BASE_URL=${s.oneInboxBaseUrl}`, `ONEINBOX_API_KEY=${s.oneInboxApiKey}`]
              : []),
            ...(s.uiUrl ? [`WEBHOOK_STUDIO_UI=${s.uiUrl}`] : []),
            `version ${s.version} · up ${Math.round(s.uptimeMs / 1000)} s · data ${s.dataDir}`,
            ...(s.storage.ok ? [] : [`DISK FULL since ${s.storage.since ?? '?'}: ${s.storage.detail ?? ''}`]),
          ].join('\n') + '\n',
        );
      } finally {
        conn.close();
      }
    });
}
