import type { Clock, Random } from '../deps';
import type { Db } from '../store/open';

export interface WakeupRow {
  seq: number;
  wakeup_id: string;
  project_id: string;
  agent_id: string;
  user_id: string;
  check_type: string;
  intent: string;
  occasion: string | null;
  interest_topic: string | null;
  event_description: string | null;
  scheduled_at: string;
  status: string;
  generated_message: string | null;
  created_at: string;
  executed_at: string | null;
}

export interface NewWakeup {
  projectId: string;
  agentId: string;
  userId: string;
  checkType: string;
  intent: string;
  scheduledAt: Date;
  occasion?: string;
  interestTopic?: string;
  eventDescription?: string;
}

/** Which wakeups a run may execute: these projects, this agent, this user (each optional). */
export interface WakeupScope {
  projectIds?: readonly string[];
  agentId?: string;
  userId?: string;
}

/** At most this many wakeups run in one `runDue` call; the rest run on the next. */
export const MAX_WAKEUPS_PER_RUN = 1000;

/** Scheduled wakeups (pending → executed). Timestamps come from the clock given (the studio clock). */
export function createWakeupsRepo(db: Db, clock: Clock, random: Random) {
  const insert = db.prepare(
    `INSERT INTO wakeups (wakeup_id, project_id, agent_id, user_id, check_type, intent, occasion, interest_topic, event_description, scheduled_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], WakeupRow>('SELECT * FROM wakeups WHERE wakeup_id = ?');
  const listQ = db.prepare<[string, string | null, string | null, string | null, string | null, number], WakeupRow>(
    `SELECT * FROM wakeups WHERE agent_id = ? AND (? IS NULL OR status = ?) AND (? IS NULL OR user_id = ?)
     ORDER BY scheduled_at, seq LIMIT ?`,
  );
  const due = db.prepare<
    [string, string | null, string | null, string | null, string | null, string | null, string | null, number],
    WakeupRow
  >(
    `SELECT * FROM wakeups WHERE status = 'pending' AND scheduled_at <= ?
       AND (? IS NULL OR project_id IN (SELECT value FROM json_each(?)))
       AND (? IS NULL OR agent_id = ?) AND (? IS NULL OR user_id = ?)
       AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.agent_id = wakeups.agent_id AND a.is_active = 0)
     ORDER BY scheduled_at, seq LIMIT ?`,
  );
  const markExecuted = db.prepare(
    "UPDATE wakeups SET status = 'executed', executed_at = ?, generated_message = ? WHERE wakeup_id = ? AND status = 'pending'",
  );

  function create(w: NewWakeup): WakeupRow {
    const id = random.uuid();
    insert.run(
      id,
      w.projectId,
      w.agentId,
      w.userId,
      w.checkType,
      w.intent,
      w.occasion ?? null,
      w.interestTopic ?? null,
      w.eventDescription ?? null,
      w.scheduledAt.toISOString(),
      clock.now().toISOString(),
    );
    return byId.get(id)!;
  }

  function list(agentId: string, f: { status?: string; userId?: string; limit: number }): WakeupRow[] {
    const st = f.status || null;
    const u = f.userId || null;
    return listQ.all(agentId, st, st, u, u, f.limit);
  }

  /**
   * Marks every pending wakeup due at `now` (within `scope`, if given) executed, with
   * `executed_at = now`, and returns them.
   */
  const runDue = db.transaction(
    (now: Date, message: (w: WakeupRow) => string, scope: WakeupScope = {}): WakeupRow[] => {
      const at = now.toISOString();
      const ran: WakeupRow[] = [];
      const projects = scope.projectIds ? JSON.stringify(scope.projectIds) : null;
      const agent = scope.agentId ?? null;
      const user = scope.userId ?? null;
      for (const w of due.all(at, projects, projects, agent, agent, user, user, MAX_WAKEUPS_PER_RUN)) {
        if (markExecuted.run(at, message(w), w.wakeup_id).changes) ran.push(byId.get(w.wakeup_id)!);
      }
      return ran;
    },
  );

  return {
    create,
    list,
    get: (id: string) => byId.get(id),
    runDue: (now: Date, message: (w: WakeupRow) => string, scope?: WakeupScope): WakeupRow[] =>
      runDue(now, message, scope),
  };
}
export type WakeupsRepo = ReturnType<typeof createWakeupsRepo>;
