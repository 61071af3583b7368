import type { FastifyRequest } from 'fastify';
import { CadenceError, localIso, parseActiveWindow, parseCadence } from '../agent-state/cadence';
import { MAX_SCHEDULES_PER_USER, scheduleDto, type ScheduleInput } from '../agent-state/schedules-repo';
import { HttpProblem } from '../http/problem';
import type { AgentRow } from '../store/projects-repo';
import { resolveAgent } from './agents';
import { checkLength, withSchema } from './respond';
import type { ApiDeps, OperationHandlers } from './types';

/** Free-text schedule fields are bounded here (the published schema types them as strings). */
export const MAX_SCHEDULE_TEXT = 4000;
const MAX_METADATA_BYTES = 16 * 1024;

function parseTime(value: unknown, location: string): Date {
  const ok =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value);
  const t = ok ? new Date(value) : null;
  if (!t || Number.isNaN(t.getTime())) {
    throw new HttpProblem(422, 'validation failed', [
      { location, message: 'expected an RFC 3339 date-time', value: String(value).slice(0, 100) },
    ]);
  }
  return t;
}

/** Cadence and window problems → 422 at the field at fault. */
function fields<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CadenceError) {
      throw new HttpProblem(422, 'validation failed', [{ location: err.location, message: err.message }]);
    }
    throw err;
  }
}

interface Body {
  cadence?: unknown;
  active_window?: unknown;
  check_type?: string;
  intent?: string;
  inventory_item_id?: string;
  metadata?: unknown;
  starts_at?: string;
  ends_at?: string;
  enabled?: boolean;
}

/** The parts of a create / patch body that were sent, read and bounded. */
function readBody(b: Body): Partial<ScheduleInput> {
  for (const k of ['check_type', 'intent', 'inventory_item_id'] as const) {
    checkLength(b[k], `body.${k}`, MAX_SCHEDULE_TEXT);
  }
  if (b.metadata !== undefined && JSON.stringify(b.metadata).length > MAX_METADATA_BYTES) {
    throw new HttpProblem(422, 'validation failed', [
      { location: 'body.metadata', message: `expected at most ${MAX_METADATA_BYTES} bytes of JSON` },
    ]);
  }
  const out: Partial<ScheduleInput> = {};
  if (b.cadence !== undefined) out.cadence = fields(() => parseCadence(b.cadence));
  if (b.active_window !== undefined) out.activeWindow = fields(() => parseActiveWindow(b.active_window)) ?? null;
  if (b.check_type !== undefined) out.checkType = b.check_type;
  if (b.intent !== undefined) out.intent = b.intent;
  if (b.inventory_item_id !== undefined) out.inventoryItemId = b.inventory_item_id;
  if (b.metadata !== undefined) out.metadata = b.metadata;
  if (b.starts_at !== undefined) out.startsAt = b.starts_at === '' ? null : parseTime(b.starts_at, 'body.starts_at');
  if (b.ends_at !== undefined) out.endsAt = b.ends_at === '' ? null : parseTime(b.ends_at, 'body.ends_at');
  if (b.enabled !== undefined) out.enabled = b.enabled;
  if (out.startsAt && out.endsAt && out.endsAt <= out.startsAt) {
    throw new HttpProblem(422, 'validation failed', [
      { location: 'body.ends_at', message: 'expected after starts_at' },
    ]);
  }
  return out;
}

/**
 * Recurring schedules per (agent, user): create / list / get / patch / delete / upcoming.
 * Each occurrence fires `on_recurring_event_due` on the studio clock (agent-state/service.ts).
 */
export function scheduleRoutes(deps: ApiDeps): OperationHandlers {
  const repo = deps.agentState.schedules;

  function owner(req: FastifyRequest): { agent: AgentRow; userId: string } {
    const agent = resolveAgent(deps, req);
    const { userId } = req.params as { userId: string };
    if (!userId || userId.length > 200) {
      throw new HttpProblem(422, 'validation failed', [
        { location: 'path.userId', message: 'expected 1 to 200 characters', value: userId.slice(0, 100) },
      ]);
    }
    return { agent, userId };
  }

  function found(req: FastifyRequest) {
    const o = owner(req);
    const { scheduleId } = req.params as { scheduleId: string };
    const row = scheduleId.length <= 200 ? repo.get(scheduleId, o.agent.agent_id, o.userId) : undefined;
    if (!row) throw new HttpProblem(404, `schedule ${scheduleId.slice(0, 200)} not found`);
    return { ...o, row };
  }

  const changed = (a: AgentRow) => deps.stateChanged(a.project_id);

  return {
    createSchedule(req) {
      const { agent, userId } = owner(req);
      const input = readBody(req.body as Body);
      if (repo.count(agent.agent_id, userId) >= MAX_SCHEDULES_PER_USER) {
        throw new HttpProblem(422, 'validation failed', [
          { location: 'path.userId', message: `at most ${MAX_SCHEDULES_PER_USER} schedules per user` },
        ]);
      }
      const row = repo.create(
        { projectId: agent.project_id, agentId: agent.agent_id, userId },
        input as ScheduleInput, // cadence, intent and check_type are required by the published schema
      );
      changed(agent);
      const next = row.next_fire_at ? new Date(row.next_fire_at) : null;
      return withSchema(deps, 'CreateScheduleOutputBody', {
        schedule_id: row.schedule_id,
        next_fire_at: row.next_fire_at ?? '',
        next_fire_at_local: next ? localIso(next, row.timezone) : '',
        enabled: row.enabled === 1,
      });
    },
    listSchedules(req) {
      const { agent, userId } = owner(req);
      return withSchema(deps, 'ListSchedulesOutputBody', {
        schedules: repo.list(agent.agent_id, userId).map(scheduleDto),
      });
    },
    getSchedule(req) {
      return withSchema(deps, 'ScheduleDTO', scheduleDto(found(req).row));
    },
    patchSchedule(req) {
      const { agent, row } = found(req);
      const next = repo.patch(row, readBody(req.body as Body));
      changed(agent);
      return withSchema(deps, 'ScheduleDTO', scheduleDto(next));
    },
    deleteSchedule(req, reply) {
      const { agent, userId } = owner(req);
      const { scheduleId } = req.params as { scheduleId: string };
      if (scheduleId.length <= 200 && repo.remove(scheduleId, agent.agent_id, userId)) changed(agent);
      return reply.code(204).send();
    },
    upcomingSchedule(req) {
      const { row } = found(req);
      const limit = (req.query as { limit?: number }).limit ?? 10;
      return withSchema(deps, 'UpcomingScheduleOutputBody', { upcoming: repo.upcoming(row, limit) });
    },
  };
}
