import type { Clock, Random } from '../deps';
import type { Db } from '../store/open';
import { nextOccurrences, parseActiveWindow, parseCadence, type ActiveWindow, type Cadence } from './cadence';

export interface ScheduleRow {
  schedule_id: string;
  project_id: string;
  agent_id: string;
  user_id: string;
  cadence_type: string;
  cadence_json: string;
  timezone: string;
  active_window_json: string | null;
  check_type: string;
  intent: string;
  inventory_item_id: string | null;
  metadata_json: string | null;
  starts_at: string | null;
  ends_at: string | null;
  enabled: number;
  next_fire_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScheduleInput {
  cadence: Cadence;
  activeWindow?: ActiveWindow | null;
  checkType: string;
  intent: string;
  inventoryItemId?: string | null;
  metadata?: unknown;
  startsAt?: Date | null;
  endsAt?: Date | null;
  enabled?: boolean;
}

/** At most this many schedules per (agent, user), and occurrences fired per schedule per run. */
export const MAX_SCHEDULES_PER_USER = 200;
export const MAX_OCCURRENCES_PER_RUN = 1000;

/** The `ScheduleDTO` the API returns: cadence, window and metadata as JSON text, as the SDK types them. */
export function scheduleDto(r: ScheduleRow) {
  return {
    schedule_id: r.schedule_id,
    cadence_type: r.cadence_type,
    cadence: r.cadence_json,
    timezone: r.timezone,
    next_fire_at: r.next_fire_at ?? '',
    intent: r.intent,
    check_type: r.check_type,
    enabled: r.enabled === 1,
    created_at: r.created_at,
    updated_at: r.updated_at,
    ...(r.active_window_json ? { active_window: r.active_window_json } : {}),
    ...(r.metadata_json ? { metadata: r.metadata_json } : {}),
    ...(r.inventory_item_id ? { inventory_item_id: r.inventory_item_id } : {}),
    ...(r.starts_at ? { starts_at: r.starts_at } : {}),
    ...(r.ends_at ? { ends_at: r.ends_at } : {}),
  };
}
export type ScheduleDtoOut = ReturnType<typeof scheduleDto>;

export const cadenceOf = (r: ScheduleRow): Cadence => parseCadence(JSON.parse(r.cadence_json));
export const windowOf = (r: ScheduleRow): ActiveWindow | undefined =>
  r.active_window_json ? parseActiveWindow(JSON.parse(r.active_window_json)) : undefined;
const dateOrNull = (s: string | null) => (s ? new Date(s) : null);

/** Recurring schedules per (agent, user), due on the studio clock given. */
export function createSchedulesRepo(db: Db, clock: Clock, random: Random) {
  const q = {
    insert: db.prepare(
      `INSERT INTO schedules (schedule_id, project_id, agent_id, user_id, cadence_type, cadence_json, timezone,
        active_window_json, check_type, intent, inventory_item_id, metadata_json, starts_at, ends_at, enabled,
        next_fire_at, created_at, updated_at)
       VALUES (@schedule_id, @project_id, @agent_id, @user_id, @cadence_type, @cadence_json, @timezone,
        @active_window_json, @check_type, @intent, @inventory_item_id, @metadata_json, @starts_at, @ends_at, @enabled,
        @next_fire_at, @created_at, @updated_at)`,
    ),
    update: db.prepare(
      `UPDATE schedules SET cadence_type = @cadence_type, cadence_json = @cadence_json, timezone = @timezone,
        active_window_json = @active_window_json, check_type = @check_type, intent = @intent,
        inventory_item_id = @inventory_item_id, metadata_json = @metadata_json, starts_at = @starts_at,
        ends_at = @ends_at, enabled = @enabled, next_fire_at = @next_fire_at, updated_at = @updated_at
       WHERE schedule_id = @schedule_id`,
    ),
    one: db.prepare<[string, string, string], ScheduleRow>(
      'SELECT * FROM schedules WHERE schedule_id = ? AND agent_id = ? AND user_id = ?',
    ),
    byId: db.prepare<[string], ScheduleRow>('SELECT * FROM schedules WHERE schedule_id = ?'),
    list: db.prepare<[string, string], ScheduleRow>(
      'SELECT * FROM schedules WHERE agent_id = ? AND user_id = ? ORDER BY created_at, schedule_id',
    ),
    count: db.prepare<[string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM schedules WHERE agent_id = ? AND user_id = ?',
    ),
    forAgent: db.prepare<[string], ScheduleRow>('SELECT * FROM schedules WHERE agent_id = ? ORDER BY next_fire_at'),
    due: db.prepare<[string], ScheduleRow>(
      `SELECT * FROM schedules WHERE enabled = 1 AND next_fire_at IS NOT NULL AND next_fire_at <= ?
       ORDER BY next_fire_at, schedule_id LIMIT 1000`,
    ),
    advance: db.prepare('UPDATE schedules SET next_fire_at = ?, updated_at = ? WHERE schedule_id = ?'),
    remove: db.prepare('DELETE FROM schedules WHERE schedule_id = ? AND agent_id = ? AND user_id = ?'),
  };

  function nextAfter(c: Cadence, w: ActiveWindow | undefined, after: Date, starts: Date | null, ends: Date | null) {
    return nextOccurrences(c, w, after, 1, { startsAt: starts, endsAt: ends })[0] ?? null;
  }

  function create(owner: { projectId: string; agentId: string; userId: string }, s: ScheduleInput): ScheduleRow {
    const now = clock.now();
    const id = random.uuid();
    const next = nextAfter(s.cadence, s.activeWindow ?? undefined, now, s.startsAt ?? null, s.endsAt ?? null);
    q.insert.run({
      schedule_id: id,
      project_id: owner.projectId,
      agent_id: owner.agentId,
      user_id: owner.userId,
      cadence_type: s.cadence.type,
      cadence_json: JSON.stringify(s.cadence.spec),
      timezone: s.cadence.timezone,
      active_window_json: s.activeWindow ? JSON.stringify(s.activeWindow.spec) : null,
      check_type: s.checkType,
      intent: s.intent,
      inventory_item_id: s.inventoryItemId ?? null,
      metadata_json: s.metadata === undefined ? null : JSON.stringify(s.metadata),
      starts_at: s.startsAt?.toISOString() ?? null,
      ends_at: s.endsAt?.toISOString() ?? null,
      enabled: s.enabled === false ? 0 : 1,
      next_fire_at: next?.toISOString() ?? null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    return q.byId.get(id)!;
  }

  /** Applies a patch; `next_fire_at` is recomputed only when cadence, window or start change (as documented). */
  function patch(row: ScheduleRow, p: Partial<ScheduleInput>): ScheduleRow {
    const now = clock.now();
    const cadence = p.cadence ?? cadenceOf(row);
    const window = p.activeWindow !== undefined ? (p.activeWindow ?? undefined) : windowOf(row);
    const startsAt = p.startsAt !== undefined ? p.startsAt : dateOrNull(row.starts_at);
    const endsAt = p.endsAt !== undefined ? p.endsAt : dateOrNull(row.ends_at);
    const recompute = p.cadence !== undefined || p.activeWindow !== undefined || p.startsAt !== undefined;
    const next = recompute ? nextAfter(cadence, window, now, startsAt, endsAt) : dateOrNull(row.next_fire_at);
    q.update.run({
      schedule_id: row.schedule_id,
      cadence_type: cadence.type,
      cadence_json: JSON.stringify(cadence.spec),
      timezone: cadence.timezone,
      active_window_json: window ? JSON.stringify(window.spec) : null,
      check_type: p.checkType ?? row.check_type,
      intent: p.intent ?? row.intent,
      inventory_item_id: row.inventory_item_id,
      metadata_json: p.metadata !== undefined ? JSON.stringify(p.metadata) : row.metadata_json,
      starts_at: startsAt?.toISOString() ?? null,
      ends_at: endsAt?.toISOString() ?? null,
      enabled: p.enabled === undefined ? row.enabled : p.enabled ? 1 : 0,
      next_fire_at: next && endsAt && next > endsAt ? null : (next?.toISOString() ?? null),
      updated_at: now.toISOString(),
    });
    return q.byId.get(row.schedule_id)!;
  }

  /** The next `limit` allowed fire times from now (or from its next fire), without changing anything. */
  function upcoming(row: ScheduleRow, limit: number): string[] {
    if (!row.next_fire_at) return [];
    const first = new Date(row.next_fire_at);
    const rest = nextOccurrences(cadenceOf(row), windowOf(row), first, limit - 1, {
      startsAt: dateOrNull(row.starts_at),
      endsAt: dateOrNull(row.ends_at),
    });
    return [first, ...rest].slice(0, limit).map((d) => d.toISOString());
  }

  /**
   * Every occurrence due at `now`, oldest first, each once: the row's `next_fire_at` moves
   * to the following occurrence before `fire` sees it. `fire(row, occurrence)` gets the
   * row as it stands after that occurrence; `skip(row)` says not to fire (an inactive
   * agent) — its occurrences pass all the same.
   */
  const runDue = db.transaction(
    (now: Date, fire: (row: ScheduleRow, occurrenceAt: string) => void, skip: (row: ScheduleRow) => boolean) => {
      let fired = 0;
      const at = now.toISOString();
      for (const row of q.due.all(at)) {
        const cadence = cadenceOf(row);
        const window = windowOf(row);
        const ends = dateOrNull(row.ends_at);
        const first = new Date(row.next_fire_at!);
        // Every occurrence up to now and the one after, from one iterator.
        const later = nextOccurrences(cadence, window, first, MAX_OCCURRENCES_PER_RUN, { endsAt: ends, until: now });
        const occurrences = [first, ...later];
        const muted = skip(row);
        for (let i = 0; i < occurrences.length && occurrences[i].getTime() <= now.getTime(); i++) {
          const occurrence = occurrences[i];
          const next = occurrences[i + 1] ?? null;
          // The look-ahead was cut short: this one (and the rest) run on the next call.
          if (!next && later.length === MAX_OCCURRENCES_PER_RUN) break;
          q.advance.run(next?.toISOString() ?? null, occurrence.toISOString(), row.schedule_id);
          if (!muted) {
            fire(q.byId.get(row.schedule_id)!, occurrence.toISOString());
            fired++;
          }
        }
      }
      return fired;
    },
  );

  return {
    create,
    patch,
    upcoming,
    get: (scheduleId: string, agentId: string, userId: string) => q.one.get(scheduleId, agentId, userId),
    list: (agentId: string, userId: string) => q.list.all(agentId, userId),
    count: (agentId: string, userId: string) => q.count.get(agentId, userId)!.n,
    forAgent: (agentId: string) => q.forAgent.all(agentId),
    remove: (scheduleId: string, agentId: string, userId: string) =>
      q.remove.run(scheduleId, agentId, userId).changes > 0,
    runDue: (now: Date, fire: (row: ScheduleRow, occurrenceAt: string) => void, skip: (row: ScheduleRow) => boolean) =>
      runDue(now, fire, skip),
  };
}
export type SchedulesRepo = ReturnType<typeof createSchedulesRepo>;
