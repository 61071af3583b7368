import type { Clock, Random } from '../deps';
import type { Db } from '../store/open';
import { timeOrderedId } from '../ids';
import { eventBodySql } from '../store/event-bodies';

export interface ProactiveRow {
  seq: number;
  message_id: string;
  project_id: string;
  agent_id: string;
  user_id: string;
  check_type: string;
  generated_message: string;
  status: string;
  wakeup_id: string | null;
  intent: string | null;
  created_at: string;
  consumed_at: string | null;
}

export interface ProjectNotificationRow {
  seq: number;
  notification_id: string;
  project_id: string;
  event_type: string;
  payload_json: string;
  status: string;
  agent_id: string | null;
  user_id: string | null;
  created_at: string;
  expires_at: string | null;
  acknowledged_at: string | null;
}

export interface NewProactive {
  projectId: string;
  agentId: string;
  userId: string;
  checkType: string;
  generatedMessage: string;
  wakeupId?: string | null;
  intent?: string | null;
  /** The id the event announced (`agent.message`'s `data.message_id`), when free; otherwise a new one. */
  messageId?: string;
  /** When the event that left it was stamped (studio clock); default now. */
  at?: Date;
}

export interface NewProjectNotification {
  projectId: string;
  eventType: string;
  payload: unknown;
  /** `payload` already serialised (exactly `JSON.stringify(payload)`), when the caller has it. */
  payloadJson?: string;
  /**
   * The stored event whose body is exactly `payloadJson`: the payload is read from it (migration
   * 016), not stored a second time.
   */
  eventId?: string;
  agentId?: string | null;
  userId?: string | null;
  /** When the event that left it was stamped (studio clock); default now. */
  at?: Date;
}

/**
 * A project notification's columns, its payload read from its event when it names one
 * (migration 016: `payload_json` is then empty). `alias` is the table's alias in the query.
 */
export const projectNotificationColumnsSql = (alias: string): string =>
  `${alias}.seq, ${alias}.notification_id, ${alias}.project_id, ${alias}.event_type,
   CASE WHEN ${alias}.event_id IS NULL THEN ${alias}.payload_json
        ELSE coalesce(CAST((SELECT ${eventBodySql('e')} FROM events e WHERE e.event_id = ${alias}.event_id) AS TEXT), 'null')
   END AS payload_json,
   ${alias}.status, ${alias}.agent_id, ${alias}.user_id, ${alias}.created_at, ${alias}.expires_at, ${alias}.acknowledged_at`;

/** Project notifications expire after 7 days (they are listed until then). */
export const PROJECT_NOTIFICATION_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * Agent-scoped proactive notifications (pending → consumed) and project notifications
 * (pending → acknowledged). Timestamps come from the clock given (the studio clock).
 */
export function createNotificationsRepo(db: Db, clock: Clock, random: Random) {
  const iso = () => clock.now().toISOString();
  // Optional filters as `(? IS NULL OR col = ?)`: each statement is prepared once.
  const q = {
    listProactive: db.prepare<
      [string, string | null, string | null, string | null, string | null, number],
      ProactiveRow
    >(
      `SELECT * FROM proactive_notifications WHERE agent_id = ? AND (? IS NULL OR status = ?)
       AND (? IS NULL OR user_id = ?) ORDER BY seq DESC LIMIT ?`,
    ),
    listProject: db.prepare<
      [string, string, string | null, string | null, string | null, string | null, number],
      ProjectNotificationRow
    >(
      `SELECT ${projectNotificationColumnsSql('n')} FROM project_notifications n WHERE project_id = ? AND status = 'pending'
       AND (expires_at IS NULL OR expires_at > ?) AND (? IS NULL OR agent_id = ?)
       AND (? IS NULL OR event_type = ?) ORDER BY seq DESC LIMIT ?`,
    ),
    acknowledgeAll: db.prepare<[string, string, string | null, string | null, string | null, string | null]>(
      `UPDATE project_notifications SET status = 'acknowledged', acknowledged_at = ?
       WHERE project_id = ? AND status = 'pending' AND (? IS NULL OR agent_id = ?) AND (? IS NULL OR event_type = ?)`,
    ),
  };
  // A message id already taken stores nothing (no read before every insert); the caller then takes a new one.
  const insertProactive = db.prepare(
    `INSERT INTO proactive_notifications (message_id, project_id, agent_id, user_id, check_type, generated_message, wakeup_id, intent, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING`,
  );
  const proactiveById = db.prepare<[string], ProactiveRow>(
    'SELECT * FROM proactive_notifications WHERE message_id = ?',
  );
  const consumeAll = db.prepare(
    `UPDATE proactive_notifications SET status = 'consumed', consumed_at = ?
     WHERE project_id = ? AND status = 'pending' AND (? IS NULL OR agent_id = ?) AND (? IS NULL OR user_id = ?)`,
  );
  const consume = db.prepare(
    "UPDATE proactive_notifications SET status = 'consumed', consumed_at = ? WHERE message_id = ? AND status = 'pending'",
  );
  const insertProject = db.prepare(
    `INSERT INTO project_notifications (notification_id, project_id, event_type, payload_json, event_id, agent_id, user_id, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const projectById = db.prepare<[string], ProjectNotificationRow>(
    `SELECT ${projectNotificationColumnsSql('n')} FROM project_notifications n WHERE notification_id = ?`,
  );

  /** Stores a pending agent notification; returns its message id. */
  function insertProactiveRow(n: NewProactive): string {
    const at = n.at ?? clock.now();
    const wanted = n.messageId && n.messageId.length <= 200 ? n.messageId : undefined;
    const store = (id: string) =>
      insertProactive.run(
        id,
        n.projectId,
        n.agentId,
        n.userId,
        n.checkType,
        n.generatedMessage,
        n.wakeupId ?? null,
        n.intent ?? null,
        at.toISOString(),
      ).changes === 1;
    if (wanted && store(wanted)) return wanted;
    for (let tries = 0; tries < 5; tries++) {
      const id = timeOrderedId(at, random);
      if (store(id)) return id;
    }
    throw new Error('no free notification message id (the random source repeats itself)');
  }

  function createProactive(n: NewProactive): ProactiveRow {
    return proactiveById.get(insertProactiveRow(n))!;
  }

  function listProactive(agentId: string, f: { status?: string; userId?: string; limit: number }): ProactiveRow[] {
    const st = f.status || null;
    const u = f.userId || null;
    return q.listProactive.all(agentId, st, st, u, u, f.limit);
  }

  /** Stores a pending project notification; returns its id. */
  function insertProjectRow(n: NewProjectNotification): string {
    const now = n.at ?? clock.now();
    const id = timeOrderedId(now, random);
    const fromEvent = n.eventId !== undefined && n.payloadJson !== undefined;
    insertProject.run(
      id,
      n.projectId,
      n.eventType,
      fromEvent ? '' : (n.payloadJson ?? JSON.stringify(n.payload ?? null)),
      fromEvent ? n.eventId : null,
      n.agentId ?? null,
      n.userId ?? null,
      now.toISOString(),
      new Date(now.getTime() + PROJECT_NOTIFICATION_TTL_MS).toISOString(),
    );
    return id;
  }

  function createProject(n: NewProjectNotification): ProjectNotificationRow {
    return projectById.get(insertProjectRow(n))!;
  }

  function listProject(projectId: string, f: { agentId?: string; eventType?: string; limit: number }) {
    const ag = f.agentId || null;
    const et = f.eventType || null;
    return q.listProject.all(projectId, iso(), ag, ag, et, et, f.limit);
  }

  /** Acknowledges the given pending notifications of a project; returns how many changed. */
  const acknowledge = db.transaction((projectId: string, ids: readonly string[]): number => {
    const stmt = db.prepare(
      "UPDATE project_notifications SET status = 'acknowledged', acknowledged_at = ? WHERE project_id = ? AND notification_id = ? AND status = 'pending'",
    );
    const now = iso();
    let n = 0;
    for (const id of new Set(ids)) n += stmt.run(now, projectId, id).changes;
    return n;
  });

  function acknowledgeAll(projectId: string, f: { agentId?: string; eventType?: string }): number {
    const ag = f.agentId || null;
    const et = f.eventType || null;
    return q.acknowledgeAll.run(iso(), projectId, ag, ag, et, et).changes;
  }

  return {
    createProactive,
    /** As `createProactive`, without reading the row back (what a fired event leaves); returns its id. */
    recordProactive: insertProactiveRow,
    listProactive,
    getProactive: (messageId: string) => proactiveById.get(messageId),
    /** pending → consumed; true if it changed now, false if it was already consumed. */
    consume: (messageId: string): boolean => consume.run(iso(), messageId).changes > 0,
    /** Every pending agent notification of a project (optionally one agent's, one user's) → consumed. */
    consumeAll(projectId: string, f: { agentId?: string; userId?: string }): number {
      const a = f.agentId || null;
      const u = f.userId || null;
      return consumeAll.run(iso(), projectId, a, a, u, u).changes;
    },
    createProject,
    /** As `createProject`, without reading the row back (what a fired event leaves); returns its id. */
    recordProject: insertProjectRow,
    listProject,
    acknowledge: (projectId: string, ids: readonly string[]): number => acknowledge(projectId, ids),
    acknowledgeAll,
  };
}
export type NotificationsRepo = ReturnType<typeof createNotificationsRepo>;
