import type { Db } from '../store/open';
import { eventBodySql } from '../store/event-bodies';

/** deliveries.status values (see migration 003). */
export type DeliveryStatus = 'pending' | 'in_flight' | 'succeeded' | 'failed' | 'exhausted' | 'cancelled' | 'gone';
export const OPEN_STATUSES: readonly DeliveryStatus[] = ['pending', 'failed', 'in_flight'];

export interface DeliveryRow {
  seq: number;
  delivery_id: string;
  event_id: string;
  webhook_id: string | null;
  /** The event's (deliveries do not store it since migration 023). */
  project_id: string;
  event_type: string;
  webhook_url: string;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: string | null;
  injection_json: string | null;
  created_at: string;
  /** 'sonzai' | 'oneinbox' (migration 011). */
  platform?: string;
}

/** A delivery ready to run, with its event's exact bytes. */
export interface ReadyDelivery extends DeliveryRow {
  body: Buffer;
}

export interface NewEvent {
  event_id: string;
  project_id: string;
  agent_id: string | null;
  user_id: string | null;
  event_type: string;
  body: Buffer;
  source: string;
  created_at: string;
  platform?: string;
}

export interface DeliveryOutcome {
  delivery_id: string;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: string | null;
}

/** Events and deliveries: what the due loop reads and the runner writes back. */
export function createDeliveriesRepo(db: Db) {
  const q = {
    // Positional parameters on the per-delivery writes: binding by name, and the object spread
    // that went with it, cost a few µs per row on every delivery.
    insertEvent: db.prepare(
      `INSERT INTO events (event_id, project_id, agent_id, user_id, event_type, body, source, created_at, platform)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertDelivery: db.prepare(
      `INSERT INTO deliveries (delivery_id, event_id, webhook_id, event_type, webhook_url, status,
         attempt_count, next_attempt_at, injection_json, created_at, platform)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
    ),
    due: db.prepare<[string, string, number], ReadyDelivery>(
      `SELECT d.*, e.project_id, ${eventBodySql('e')} AS body FROM deliveries d INDEXED BY deliveries_ready JOIN events e ON e.event_id = d.event_id
       WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= ?
         AND d.webhook_url NOT IN (SELECT value FROM json_each(?))
       ORDER BY d.next_attempt_at, d.seq LIMIT ?`,
    ),
    dueInOrder: db.prepare<[string, string, number], ReadyDelivery>(
      `SELECT d.*, e.project_id, ${eventBodySql('e')} AS body FROM deliveries d INDEXED BY deliveries_ready JOIN events e ON e.event_id = d.event_id
       WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= ?
         AND d.webhook_url NOT IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM deliveries x WHERE x.webhook_url = d.webhook_url AND x.seq < d.seq
                         AND x.status IN ('pending', 'failed', 'in_flight'))
       ORDER BY d.next_attempt_at, d.seq LIMIT ?`,
    ),
    claim: db.prepare(`UPDATE deliveries SET status = 'in_flight' WHERE delivery_id = ?`),
    setStatus: db.prepare(`UPDATE deliveries SET status = ?, next_attempt_at = ? WHERE delivery_id = ?`),
    outcome: db.prepare(
      `UPDATE deliveries SET status = ?, attempt_count = ?, next_attempt_at = ? WHERE delivery_id = ?`,
    ),
    get: db.prepare<[string], DeliveryRow>(
      `SELECT d.*, e.project_id FROM deliveries d LEFT JOIN events e ON e.event_id = d.event_id WHERE d.delivery_id = ?`,
    ),
    nextDue: db.prepare<[], { at: string | null }>(
      `SELECT MIN(next_attempt_at) AS at FROM deliveries INDEXED BY deliveries_ready WHERE status IN ('pending', 'failed')`,
    ),
    nextDueAfter: db.prepare<[string], { at: string | null }>(
      `SELECT MIN(next_attempt_at) AS at FROM deliveries INDEXED BY deliveries_ready
       WHERE status IN ('pending', 'failed') AND next_attempt_at > ?`,
    ),
    resetInFlight: db.prepare(`UPDATE deliveries SET status = 'pending' WHERE status = 'in_flight'`),
    event: db.prepare<[string], NewEvent>(
      `SELECT event_id, project_id, agent_id, user_id, event_type, ${eventBodySql('e')} AS body, source, created_at, platform
       FROM events e WHERE event_id = ?`,
    ),
  };

  const claimTx = db.transaction((ids: string[]) => {
    for (const id of ids) q.claim.run(id);
  });

  return {
    insertEvent: (e: NewEvent) =>
      q.insertEvent.run(
        e.event_id,
        e.project_id,
        e.agent_id,
        e.user_id,
        e.event_type,
        e.body,
        e.source,
        e.created_at,
        e.platform ?? 'sonzai',
      ),
    insertDelivery: (d: {
      delivery_id: string;
      event_id: string;
      /** null for a delivery to a URL given with the event (OneInbox's per-call webhook_url). */
      webhook_id: string | null;
      event_type: string;
      webhook_url: string;
      /** in_flight when this dispatcher takes it at once (a restart puts it back to pending). */
      status: 'pending' | 'in_flight';
      next_attempt_at: string;
      injection_json: string | null;
      created_at: string;
      platform?: string;
    }) =>
      q.insertDelivery.run(
        d.delivery_id,
        d.event_id,
        d.webhook_id,
        d.event_type,
        d.webhook_url,
        d.status,
        d.next_attempt_at,
        d.injection_json,
        d.created_at,
        d.platform ?? 'sonzai',
      ),
    /** Deliveries due at `now`, oldest first, skipping the endpoints in `skipUrls`. */
    due(now: string, skipUrls: readonly string[], limit: number, inOrder: boolean): ReadyDelivery[] {
      return (inOrder ? q.dueInOrder : q.due).all(now, JSON.stringify(skipUrls), limit);
    },
    /** Marks rows as taken by this dispatcher (a restart puts them back to pending). */
    claim: (ids: string[]) => claimTx(ids),
    setStatus: (id: string, status: DeliveryStatus, nextAt: string | null) => q.setStatus.run(status, nextAt, id),
    saveOutcome: (o: DeliveryOutcome) => q.outcome.run(o.status, o.attempt_count, o.next_attempt_at, o.delivery_id),
    get: (id: string) => q.get.get(id),
    event: (id: string) => q.event.get(id),
    nextDueAt: (): string | null => q.nextDue.get()?.at ?? null,
    /** The next due time strictly after `now` (what the timer waits for). */
    nextDueAfter: (now: string): string | null => q.nextDueAfter.get(now)?.at ?? null,
    /** After a crash or a close: whatever was taken and not finished runs again. */
    resetInFlight: () => q.resetInFlight.run().changes,
  };
}
export type DeliveriesRepo = ReturnType<typeof createDeliveriesRepo>;
