import type { AttemptFilter, BulkReplayProgress } from '../../shared/contract/inspector';
import type { Clock, Random } from '../deps';
import type { DispatcherApi } from '../dispatch/dispatcher-api';
import { StudioError } from '../errors';
import type { Db } from '../store/open';
import { bulkReplayPlan } from './bulk-replay-plan';

export { failedDeliveryTargets } from './bulk-replay-plan';

/** Replays sent at once by one job, and jobs kept for `cancel` / late progress reads. */
export const BULK_CONCURRENCY = 4;
const JOBS_KEPT = 20;
const LAST_ERRORS_KEPT = 5;

export interface BulkReplayDeps {
  db: Db;
  dispatcher: DispatcherApi;
  clock: Clock;
  random: Random;
  emit(progress: BulkReplayProgress): void;
}

interface Job {
  progress: BulkReplayProgress;
  cancelled: boolean;
  done: Promise<void>;
}

/** Bulk replay jobs: progress events as they go, cancel between replays, a summary at the end. */
export function createBulkReplayer(deps: BulkReplayDeps) {
  const jobs = new Map<string, Job>();
  const statusOf = deps.db.prepare('SELECT status FROM attempts WHERE attempt_id = ?');

  function snapshot(job: Job): BulkReplayProgress {
    return { ...job.progress, lastErrors: [...job.progress.lastErrors] };
  }

  async function run(job: Job, ids: string[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (!job.cancelled && next < ids.length) {
        const id = ids[next++];
        try {
          const { attemptId } = await deps.dispatcher.replay({ attemptId: id });
          const row = statusOf.get(attemptId) as { status: string } | undefined;
          if (row?.status === 'success') job.progress.succeeded++;
          else job.progress.failed++;
        } catch (err) {
          job.progress.errors++;
          job.progress.lastErrors = [...job.progress.lastErrors, `${id}: ${(err as Error).message}`].slice(
            -LAST_ERRORS_KEPT,
          );
        }
        job.progress.done++;
        deps.emit(snapshot(job));
      }
    };
    await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, ids.length) }, worker));
    job.progress.state = job.cancelled ? 'cancelled' : 'done';
    job.progress.finishedAt = deps.clock.now().toISOString();
    deps.emit(snapshot(job));
  }

  return {
    start(filter: AttemptFilter, includeScheduled = false): BulkReplayProgress {
      const ids = bulkReplayPlan(deps.db, filter, includeScheduled).attemptIds;
      const jobId = `bulk_${deps.random.token(9)}`;
      const job: Job = {
        cancelled: false,
        done: Promise.resolve(),
        progress: {
          jobId,
          state: 'running',
          total: ids.length,
          done: 0,
          succeeded: 0,
          failed: 0,
          errors: 0,
          lastErrors: [],
          startedAt: deps.clock.now().toISOString(),
          finishedAt: null,
        },
      };
      jobs.set(jobId, job);
      for (const old of [...jobs.keys()].slice(0, Math.max(0, jobs.size - JOBS_KEPT))) {
        if (jobs.get(old)?.progress.state !== 'running') jobs.delete(old);
      }
      const first = snapshot(job);
      job.done = run(job, ids);
      return first;
    },
    cancel(jobId: string): BulkReplayProgress {
      const job = jobs.get(jobId);
      if (!job) throw new StudioError('not_found', `no bulk replay ${jobId}`);
      job.cancelled = true;
      return snapshot(job);
    },
    /** Resolves when the job has finished (tests, CLI). */
    async wait(jobId: string): Promise<BulkReplayProgress> {
      const job = jobs.get(jobId);
      if (!job) throw new StudioError('not_found', `no bulk replay ${jobId}`);
      await job.done;
      return snapshot(job);
    },
    async close(): Promise<void> {
      for (const j of jobs.values()) j.cancelled = true;
      await Promise.all([...jobs.values()].map((j) => j.done));
    },
  };
}
export type BulkReplayer = ReturnType<typeof createBulkReplayer>;
