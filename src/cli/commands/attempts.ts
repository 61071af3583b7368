import type { Command } from 'commander';
import { INSPECTOR_LIMITS } from '../../shared/contract/limits';
import { connectStudio } from '../connect';
import { resolveDataDir } from '../options';
import { filterFrom, positiveInt, type FilterFlags } from './inspector-args';

export function registerAttempts(program: Command): void {
  program
    .command('attempts')
    .description('list delivery attempts, newest first, with filters')
    .option('--status <status>', 'success or failed')
    .option('--event-type <type>', 'only this event type')
    .option('--code <class>', 'response code class: 1xx..5xx, or none (no response)')
    .option('--url <url>', 'only this webhook URL')
    .option('--search <text>', 'text in the request or response body (3+ characters)')
    .option('--since <time>', 'ISO-8601 time')
    .option('--limit <n>', `how many (max ${INSPECTOR_LIMITS.pageSizeMax})`, '50')
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)')
    .action(async (opts: FilterFlags & { limit: string; json?: boolean; dataDir?: string }) => {
      const filter = filterFrom(opts);
      const limit = positiveInt(opts.limit, '--limit', INSPECTOR_LIMITS.pageSizeMax);
      const conn = await connectStudio(resolveDataDir(opts.dataDir));
      try {
        const page = await conn.client.call('attempts.list', { filter, limit });
        if (opts.json) {
          process.stdout.write(JSON.stringify(page.attempts, null, 2) + '\n');
          return;
        }
        if (page.attempts.length === 0) {
          process.stdout.write('no attempts match\n');
          return;
        }
        for (const a of page.attempts) {
          const code = a.responseCode === 0 ? '---' : String(a.responseCode);
          const extra = a.kind === 'delivery' ? '' : ` ${a.kind}${a.replayOf ? ` of ${a.replayOf}` : ''}`;
          process.stdout.write(
            `${a.createdAt}  ${a.status === 'success' ? '✓' : '✗'} ${code}  ${String(a.durationMs).padStart(5)} ms  ` +
              `${a.attemptId}  ${a.eventType}  ${a.webhookUrl}${extra}${a.errorMessage ? `  (${a.errorMessage})` : ''}\n`,
          );
        }
      } finally {
        conn.close();
      }
    });
}
