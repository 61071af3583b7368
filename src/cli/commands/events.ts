import type { Command } from 'commander';
import { connectStudio } from '../connect';
import { resolveDataDir } from '../options';

/** `webhook-studio events`: the catalog, one line per type. */
export function registerEvents(program: Command): void {
  program
    .command('events')
    .description('list the event types the studio can fire, one line per type')
    .option('--json', 'print JSON (type, family, description)')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)')
    .action(async (opts: { json?: boolean; dataDir?: string }) => {
      const conn = await connectStudio(resolveDataDir(opts.dataDir));
      try {
        const { types } = await conn.client.call('events.catalog', {});
        if (opts.json) {
          const rows = types.map((t) => ({ type: t.type, family: t.family, description: t.description }));
          process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
          return;
        }
        const width = Math.max(0, ...types.map((t) => t.type.length));
        for (const t of types) {
          const line = t.description.split('\n')[0];
          process.stdout.write(`${t.type.padEnd(width)}  ${t.family.padEnd(10)}  ${line}\n`);
        }
      } finally {
        conn.close();
      }
    });
}
