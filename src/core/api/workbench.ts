import { HttpProblem } from '../http/problem';
import type { WakeupRow } from '../proactive';
import { visibleProjectIds } from './auth';
import { withSchema } from './respond';
import type { ApiDeps, OperationHandlers } from './types';

/** Most simulated hours one advance-time call may add: one year. */
export const MAX_SIMULATED_HOURS = 8784;

interface AdvanceBody {
  simulated_hours?: unknown;
  agent_id?: unknown;
  user_id?: unknown;
  async?: unknown;
}

interface JobRow {
  job_id: string;
  project_id: string;
  agent_id: string | null;
  user_id: string | null;
  status: string;
  result_json: string | null;
  error: string | null;
  started_at: string;
  updated_at: string;
}

/**
 * `POST /workbench/advance-time`: moves the studio clock forward by `simulated_hours`,
 * runs the wakeups due inside the window (marked executed, listed in `wakeups_executed`).
 * `async: true` answers 202 with a job polled at `/workbench/advance-time/jobs/{jobId}`.
 */
export function workbenchRoutes(deps: ApiDeps): OperationHandlers {
  const insertJob = deps.db.prepare(
    `INSERT INTO advance_time_jobs (job_id, project_id, agent_id, user_id, status, started_at, updated_at)
     VALUES (?, ?, ?, ?, 'running', ?, ?)`,
  );
  const finishJob = deps.db.prepare(
    'UPDATE advance_time_jobs SET status = ?, result_json = ?, error = ?, updated_at = ? WHERE job_id = ?',
  );
  const getJob = deps.db.prepare<[string], JobRow>('SELECT * FROM advance_time_jobs WHERE job_id = ?');

  function parse(body: unknown): { hours: number; agentId?: string; userId?: string; async: boolean } {
    if (body === undefined || body === null) {
      throw new HttpProblem(400, 'request body is required', [
        { location: 'body', message: 'request body is required', value: null },
      ]);
    }
    if (typeof body !== 'object' || Array.isArray(body)) {
      throw new HttpProblem(422, 'validation failed', [
        { location: 'body', message: 'expected a JSON object', value: null },
      ]);
    }
    const b = body as AdvanceBody;
    const hours = b.simulated_hours ?? 0;
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > MAX_SIMULATED_HOURS) {
      throw new HttpProblem(422, 'validation failed', [
        {
          location: 'body.simulated_hours',
          message: `expected a number from 0 to ${MAX_SIMULATED_HOURS}`,
          value: hours,
        },
      ]);
    }
    for (const k of ['agent_id', 'user_id'] as const) {
      if (b[k] !== undefined && (typeof b[k] !== 'string' || (b[k] as string).length > 200)) {
        throw new HttpProblem(422, 'validation failed', [
          { location: `body.${k}`, message: 'expected a string of at most 200 characters', value: null },
        ]);
      }
    }
    if (b.async !== undefined && typeof b.async !== 'boolean') {
      throw new HttpProblem(422, 'validation failed', [
        { location: 'body.async', message: 'expected boolean', value: b.async },
      ]);
    }
    return {
      hours,
      agentId: (b.agent_id as string | undefined) || undefined,
      userId: (b.user_id as string | undefined) || undefined,
      async: b.async === true,
    };
  }

  function advance(projectIds: string[], p: { hours: number; agentId?: string; userId?: string }) {
    const now = deps.proactive.clock.advance(p.hours * 3_600_000);
    // Only the caller's wakeups run here (and all of them are reported). The studio clock is
    // shared, so other projects' wakeups that came due run on the next periodic tick.
    const mine: WakeupRow[] = deps.proactive.runDueWakeups(now, {
      projectIds,
      agentId: p.agentId,
      userId: p.userId,
    });
    const days = Math.floor(p.hours / 24);
    return {
      days_processed: days,
      consolidation_ran: false,
      weekly_consolidations: Math.floor(days / 7),
      diary_entries_created: 0,
      diary_entries: [],
      consolidation_processed: 0,
      wakeups_executed: mine.map((w) => ({
        wakeup_id: w.wakeup_id,
        check_type: w.check_type,
        intent: w.intent,
        user_id: w.user_id,
        agent_id: w.agent_id,
        generated_message: w.generated_message ?? '',
      })),
    };
  }

  function jobOut(j: JobRow) {
    return withSchema(deps, 'WorkbenchAdvanceTimeJobBody', {
      job_id: j.job_id,
      status: j.status,
      started_at: j.started_at,
      updated_at: j.updated_at,
      ...(j.agent_id ? { agent_id: j.agent_id } : {}),
      ...(j.user_id ? { user_id: j.user_id } : {}),
      ...(j.result_json ? { result: JSON.parse(j.result_json) as object } : {}),
      ...(j.error ? { error: j.error } : {}),
    });
  }

  return {
    workbenchAdvanceTime(req, reply) {
      const p = parse(req.body);
      const projectIds = visibleProjectIds(deps, req);
      if (!p.async) return advance(projectIds, p);
      const id = deps.random.uuid();
      const now = deps.clock.now().toISOString();
      insertJob.run(id, req.api.project!.project_id, p.agentId ?? null, p.userId ?? null, now, now);
      setImmediate(() => {
        try {
          const result = advance(projectIds, p);
          finishJob.run('succeeded', JSON.stringify(result), null, deps.clock.now().toISOString(), id);
        } catch (err) {
          try {
            finishJob.run('failed', null, (err as Error).message, deps.clock.now().toISOString(), id);
          } catch {
            /* the store closed while the job ran */
          }
        }
      });
      return reply.code(202).send(jobOut(getJob.get(id)!));
    },
    workbenchGetAdvanceTimeJob(req) {
      const { jobId } = req.params as { jobId: string };
      const j = jobId.length <= 200 ? getJob.get(jobId) : undefined;
      if (!j || !visibleProjectIds(deps, req).includes(j.project_id)) {
        throw new HttpProblem(404, `advance-time job ${jobId.slice(0, 200)} not found`);
      }
      return jobOut(j);
    },
  };
}
