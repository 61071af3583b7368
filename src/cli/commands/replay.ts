import type { Command } from 'commander';
import type { BulkReplayProgress } from '../../shared/contract/inspector';
import { connectStudio } from '../connect';
import { CliError, EXIT } from '../errors';
import { resolveDataDir } from '../options';
import { filterFrom, readTextArg, type FilterFlags } from './inspector-args';

export function registerReplay(program: Command): void {
  program
    .command('replay [attempt-id]')
    .description('send an attempt again (re-signed when the body is edited), or every failed delivery with --failed')
    .option('--to <url>', 'send to this URL instead of the original one')
    .option('--body <text|@file>', 'edited body to send (re-signed with the current secret)')
    .option('--failed', 'replay every failed delivery (narrow with --event-type / --status filters)')
    .option('--event-type <type>', 'with --failed: only this event type')
    .option('--include-scheduled', 'with --failed: also deliveries whose automatic retry is still scheduled')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)')
    .action(
      async (
        attemptId: string | undefined,
        opts: FilterFlags & {
          to?: string;
          body?: string;
          failed?: boolean;
          includeScheduled?: boolean;
          dataDir?: string;
        },
      ) => {
        if (!opts.failed && !attemptId) throw new CliError('give an attempt id, or --failed', EXIT.usage);
        if (opts.failed && attemptId) throw new CliError('give an attempt id or --failed, not both', EXIT.usage);
        const conn = await connectStudio(resolveDataDir(opts.dataDir));
        try {
          if (attemptId) {
            const body = opts.body !== undefined ? readTextArg(opts.body, '--body') : undefined;
            const { attemptId: newId } = await conn.client.call('attempts.replay', {
              attemptId,
              ...(opts.to ? { to: opts.to } : {}),
              ...(body !== undefined ? { body } : {}),
            });
            const d = await conn.client.call('attempts.get', { attemptId: newId });
            const s = d.summary;
            process.stdout.write(
              `${s.status === 'success' ? '✓' : '✗'} ${newId} → ${s.webhookUrl}: ${s.responseCode || 'no response'} in ${s.durationMs} ms` +
                `${s.errorMessage ? ` (${s.errorMessage})` : ''}\n`,
            );
            if (s.status !== 'success') process.exitCode = EXIT.failure;
            return;
          }
          const filter = filterFrom({ eventType: opts.eventType });
          let finish: (p: BulkReplayProgress) => void = () => {};
          const finished = new Promise<BulkReplayProgress>((r) => (finish = r));
          let jobId: string | null = null;
          const early: BulkReplayProgress[] = [];
          const off = conn.client.on('bulkReplay.progress', (p) => {
            if (jobId === null) early.push(p);
            else if (p.jobId === jobId && p.state !== 'running') finish(p);
            else if (p.jobId === jobId) process.stderr.write(`\r${p.done}/${p.total} replayed`);
          });
          const includeScheduled = opts.includeScheduled === true;
          const plan = await conn.client.call('attempts.bulkReplay.preview', { filter, includeScheduled });
          if (plan.skippedScheduled > 0)
            process.stderr.write(
              `skipping ${plan.skippedScheduled} deliveries whose automatic retry is still scheduled (--include-scheduled sends them too)\n`,
            );
          const start = await conn.client.call('attempts.bulkReplay.start', { filter, includeScheduled });
          jobId = start.jobId;
          const done = early.find((p) => p.jobId === jobId && p.state !== 'running');
          const end = start.total === 0 ? start : (done ?? (await finished));
          off();
          if (start.total > 0) process.stderr.write('\n');
          process.stdout.write(
            `${end.total} failed deliveries: ${end.succeeded} now succeed, ${end.failed} still fail, ${end.errors} could not be replayed\n`,
          );
          for (const e of end.lastErrors) process.stdout.write(`  ${e}\n`);
          if (end.failed + end.errors > 0) process.exitCode = EXIT.failure;
        } finally {
          conn.close();
        }
      },
    );
}
