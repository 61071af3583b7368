import type { Command } from 'commander';
import { formatDuration, parseDuration } from '../../shared/duration';
import type { ClockDto } from '../../shared/contract/notifications';
import { connectStudio } from '../connect';
import { CliError, EXIT } from '../errors';
import { resolveDataDir } from '../options';

function describe(c: ClockDto): string {
  const ahead = c.offsetMs > 0 ? `${formatDuration(c.offsetMs)} ahead of real time` : 'real time';
  const next = c.nextWakeupAt ? `next wakeup ${c.nextWakeupAt}` : 'no wakeup pending';
  return `studio clock ${c.now} (${ahead}) · ${c.pendingWakeups} pending · ${next}`;
}

/** `webhook-studio clock [show|advance <duration>]`: the studio clock that runs wakeups. */
export function registerClock(program: Command): void {
  const clock = program
    .command('clock')
    .description('show or fast-forward the studio clock that runs scheduled wakeups');
  clock
    .command('show', { isDefault: true })
    .description('where the studio clock stands')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)')
    .option('--json', 'print JSON')
    .action(async (opts: { dataDir?: string; json?: boolean }) => {
      const conn = await connectStudio(resolveDataDir(opts.dataDir));
      try {
        const c = await conn.client.call('clock.get');
        process.stdout.write((opts.json ? JSON.stringify(c) : describe(c)) + '\n');
      } finally {
        conn.close();
      }
    });
  clock
    .command('advance <duration>')
    .description('move the clock forward (e.g. 90s, 15m, 2h, 1d, 1h30m) and run the wakeups that fall due')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)')
    .option('--json', 'print JSON')
    .action(async (duration: string, opts: { dataDir?: string; json?: boolean }) => {
      const parsed = parseDuration(duration);
      if (!parsed.ok) throw new CliError(parsed.error, EXIT.usage);
      const conn = await connectStudio(resolveDataDir(opts.dataDir));
      try {
        const r = await conn.client.call('clock.advance', { ms: parsed.ms });
        if (opts.json) {
          process.stdout.write(JSON.stringify(r) + '\n');
          return;
        }
        process.stdout.write(`advanced ${formatDuration(parsed.ms)} · ${describe(r.clock)}\n`);
        for (const w of r.executed) {
          process.stdout.write(
            `ran wakeup ${w.wakeupId} · ${w.checkType} for ${w.userId}: ${w.generatedMessage ?? ''}\n`,
          );
        }
        if (r.executed.length === 0) process.stdout.write('no wakeup fell due\n');
      } finally {
        conn.close();
      }
    });
}
