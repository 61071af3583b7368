import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { INSPECTOR_LIMITS } from '../../shared/contract/limits';
import { connectStudio } from '../connect';
import { CliError, EXIT } from '../errors';
import { resolveDataDir } from '../options';
import { filterFrom, positiveInt, type FilterFlags } from './inspector-args';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export attempts as HAR 1.2 (opens in browser dev tools), JSON, or curl commands')
    .requiredOption('--format <format>', 'har, json or curl')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--status <status>', 'success or failed')
    .option('--event-type <type>', 'only this event type')
    .option('--code <class>', 'response code class: 1xx..5xx, or none')
    .option('--search <text>', 'text in the body (3+ characters)')
    .option('--limit <n>', `newest n attempts (max ${INSPECTOR_LIMITS.exportMax})`, '500')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)')
    .action(async (opts: FilterFlags & { format: string; out?: string; limit: string; dataDir?: string }) => {
      if (!['har', 'json', 'curl'].includes(opts.format))
        throw new CliError(`--format must be har, json or curl, got "${opts.format}"`, EXIT.usage);
      const filter = filterFrom(opts);
      const limit = positiveInt(opts.limit, '--limit', INSPECTOR_LIMITS.exportMax);
      const conn = await connectStudio(resolveDataDir(opts.dataDir));
      try {
        const out = await conn.client.call('attempts.export', {
          format: opts.format as 'har' | 'json' | 'curl',
          filter,
          limit,
        });
        if (opts.out) {
          writeFileSync(opts.out, out.content);
          process.stderr.write(`wrote ${out.count} attempts to ${opts.out}\n`);
        } else process.stdout.write(out.content.endsWith('\n') ? out.content : `${out.content}\n`);
      } finally {
        conn.close();
      }
    });
}
