import type { Command } from 'commander';
import { connectStudio } from '../connect';
import { resolveDataDir } from '../options';

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
          ].join('\n') + '\n',
        );
      } finally {
        conn.close();
      }
    });
}
