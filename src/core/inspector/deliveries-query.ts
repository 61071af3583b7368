import type {
  DeliveryAttempt,
  DeliveryCounts,
  DeliveryFilter,
  DeliveryState,
  DeliverySummary,
} from '../../shared/contract/deliveries';
import { INSPECTOR_LIMITS } from '../../shared/contract/limits';
import type { Db } from '../store/open';
import { bodyContains, isCommonText, pageLimit, whereFor, type SqlWhere } from './query';
import { summaryColumnsSql } from '../dispatch/attempts-repo';
import { toSummary, type SummaryRow } from './rows';
import { eventBodySql } from '../store/event-bodies';

/** The store's statuses (migration 003) behind each state a user sees. */
const STATE_SQL: Record<DeliveryState, string> = {
  scheduled: `d.status = 'pending' AND d.attempt_count = 0`,
  sending: `d.status = 'in_flight'`,
  retrying: `(d.status = 'failed' OR (d.status = 'pending' AND d.attempt_count > 0))`,
  delivered: `d.status = 'succeeded'`,
  failed: `d.status IN ('exhausted', 'gone')`,
  cancelled: `d.status = 'cancelled'`,
};

export function stateOf(status: string, attemptCount: number): DeliveryState {
  switch (status) {
    case 'succeeded':
      return 'delivered';
    case 'in_flight':
      return 'sending';
    case 'failed':
      return 'retrying';
    case 'pending':
      return attemptCount > 0 ? 'retrying' : 'scheduled';
    case 'exhausted':
    case 'gone':
      return 'failed';
    default:
      return 'cancelled';
  }
}

/**
 * A filter of the attempt view applied to deliveries: event type, URL, platform and time on the
 * delivery itself; status as the delivery's outcome (failed = retrying or failed for good);
 * code class, kind and body text as "has an attempt that matches".
 */
export function deliveryWhere(filter: DeliveryFilter, opts: { walk?: boolean } = {}): SqlWhere {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    parts.push(sql);
    params.push(value);
  };
  if (filter.eventType !== undefined) add('d.event_type = ?', filter.eventType);
  if (filter.webhookUrl !== undefined) add('d.webhook_url = ?', filter.webhookUrl);
  if (filter.platform !== undefined) add('d.platform = ?', filter.platform);
  if (filter.since !== undefined) add('d.created_at >= ?', new Date(filter.since).toISOString());
  if (filter.until !== undefined) add('d.created_at < ?', new Date(filter.until).toISOString());
  if (filter.status === 'success') parts.push(STATE_SQL.delivered);
  if (filter.status === 'failed') parts.push(`d.status IN ('failed', 'exhausted', 'gone')`);
  if (filter.state !== undefined) parts.push(STATE_SQL[filter.state]);
  if (filter.source !== undefined || filter.fromEvent !== undefined || filter.toEvent !== undefined) {
    const ev: string[] = [];
    const evParams: unknown[] = [];
    if (filter.source !== undefined) {
      ev.push('e.source = ?');
      evParams.push(filter.source);
    }
    if (filter.fromEvent !== undefined) {
      ev.push('e.seq >= coalesce((SELECT seq FROM events WHERE event_id = ?), 9e18)');
      evParams.push(filter.fromEvent);
    }
    if (filter.toEvent !== undefined) {
      ev.push('e.seq <= coalesce((SELECT seq FROM events WHERE event_id = ?), -1)');
      evParams.push(filter.toEvent);
    }
    params.push(...evParams);
    parts.push(`d.event_id IN (SELECT e.event_id FROM events e WHERE ${ev.join(' AND ')})`);
  }
  const { codeClass, kind, text } = filter;
  if (text !== undefined && opts.walk) {
    // A common text (isCommonText): each delivery, newest first, is checked for an attempt that
    // has it, rather than collecting every matching attempt's delivery before the first page.
    const w = whereFor({ codeClass, kind }, 'a');
    const check = bodyContains('a', text);
    parts.push(`EXISTS (SELECT 1 FROM attempts a WHERE a.delivery_id = d.delivery_id AND ${w.sql} AND ${check.sql})`);
    params.push(...w.params, ...check.params);
  } else if (codeClass !== undefined || kind !== undefined || text !== undefined) {
    const w = whereFor({ codeClass, kind, text });
    parts.push(`d.delivery_id IN (SELECT delivery_id FROM attempts WHERE delivery_id IS NOT NULL AND ${w.sql})`);
    params.push(...w.params);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

interface DeliveryListRow {
  seq: number;
  delivery_id: string;
  event_id: string;
  /** Null only for a delivery whose event is gone (never, as the studio stores them). */
  project_id: string | null;
  event_type: string;
  webhook_url: string;
  status: string;
  attempt_count: number;
  next_attempt_at: string | null;
  created_at: string;
  replays: number;
  source: string | null;
  l_attempt_id: string | null;
  l_status: string | null;
  l_code: number | null;
  l_ms: number | null;
  l_at: string | null;
  l_kind: string | null;
}

// The latest attempt of each delivery, through attempts_delivery (delivery_id, seq).
const LAST = (col: string) =>
  `(SELECT ${col} FROM attempts a WHERE a.delivery_id = d.delivery_id ORDER BY a.seq DESC LIMIT 1)`;
const LIST_COLUMNS = [
  'd.seq, d.delivery_id, d.event_id, d.event_type, d.webhook_url, d.status, d.attempt_count',
  'd.next_attempt_at, d.created_at',
  `(SELECT count(*) FROM attempts a WHERE a.delivery_id = d.delivery_id AND a.kind = 'replay') AS replays`,
  // The event's project and source: subqueries, evaluated for the page's rows only (a join would
  // look up the event of every row a sorted filter collects before its LIMIT).
  `(SELECT e.project_id FROM events e WHERE e.event_id = d.event_id) AS project_id`,
  `(SELECT e.source FROM events e WHERE e.event_id = d.event_id) AS source`,
  `${LAST('attempt_id')} AS l_attempt_id`,
  `${LAST('status')} AS l_status`,
  `${LAST('response_code')} AS l_code`,
  `${LAST('duration_ms')} AS l_ms`,
  `${LAST('created_at')} AS l_at`,
  `${LAST('kind')} AS l_kind`,
].join(', ');

function toDelivery(r: DeliveryListRow): DeliverySummary {
  const state = stateOf(r.status, r.attempt_count);
  return {
    seq: r.seq,
    deliveryId: r.delivery_id,
    eventId: r.event_id,
    projectId: r.project_id ?? '',
    eventType: r.event_type,
    webhookUrl: r.webhook_url,
    state,
    tries: r.attempt_count,
    replays: r.replays,
    last:
      r.l_attempt_id === null
        ? null
        : {
            attemptId: r.l_attempt_id,
            status: r.l_status === 'success' ? 'success' : 'failed',
            responseCode: r.l_code ?? 0,
            durationMs: r.l_ms ?? 0,
            createdAt: r.l_at ?? r.created_at,
            kind: r.l_kind === 'retry' || r.l_kind === 'replay' ? r.l_kind : 'delivery',
          },
    nextAttemptAt: state === 'retrying' || state === 'scheduled' ? r.next_attempt_at : null,
    source: r.source ?? 'fire',
    createdAt: r.created_at,
  };
}

export interface DeliveryPageQuery {
  filter: DeliveryFilter;
  ids?: readonly string[];
  cursor?: number | null;
  limit?: number;
}

/** One page of deliveries, newest first, keyset-paginated on `seq`. */
export function listDeliveries(
  db: Db,
  q: DeliveryPageQuery,
): { deliveries: DeliverySummary[]; nextCursor: number | null } {
  const limit = pageLimit(q.limit);
  const w = deliveryWhere(q.filter, { walk: q.filter.text !== undefined && isCommonText(db, q.filter.text, limit) });
  const parts = [w.sql];
  const params = [...w.params];
  const add = (sql: string, value: unknown) => {
    parts.push(sql);
    params.push(value);
  };
  if (q.ids) add('d.delivery_id IN (SELECT value FROM json_each(?))', JSON.stringify(q.ids));
  if (q.cursor !== undefined && q.cursor !== null) add('d.seq < ?', q.cursor);
  const rows = db
    .prepare(`SELECT ${LIST_COLUMNS} FROM deliveries d WHERE ${parts.join(' AND ')} ORDER BY d.seq DESC LIMIT ?`)
    .all(...params, limit + 1) as DeliveryListRow[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { deliveries: page.map(toDelivery), nextCursor: more ? page[page.length - 1].seq : null };
}

/** Every attempt of a delivery, in the order they were made; a replay with other bytes than the event's is `edited`. */
export function deliveryAttempts(db: Db, deliveryId: string): DeliveryAttempt[] {
  const rows = db
    .prepare(
      `SELECT ${summaryColumnsSql('a')}, (a.kind = 'replay' AND a.request_body IS NOT NULL AND a.request_body IS NOT ${eventBodySql('e')}) AS edited
       FROM attempts a LEFT JOIN events e ON e.event_id = a.event_id
       WHERE a.delivery_id = ? ORDER BY a.seq LIMIT ?`,
    )
    .all(deliveryId, INSPECTOR_LIMITS.pageSizeMax) as (SummaryRow & { edited: number })[];
  return rows.map((r) => ({ ...toSummary(r), edited: r.edited === 1 }));
}

/** True totals for a filter: deliveries, how many fail, and the attempts behind them. */
export function deliveryCounts(db: Db, filter: DeliveryFilter): DeliveryCounts {
  const w = deliveryWhere(filter);
  const row = db
    .prepare(
      `SELECT count(*) AS deliveries, coalesce(sum(d.status = 'succeeded'), 0) AS delivered,
         coalesce(sum(d.status IN ('failed', 'exhausted', 'gone') OR (d.status = 'pending' AND d.attempt_count > 0)), 0) AS failing,
         coalesce(sum(d.status = 'failed' OR (d.status = 'pending' AND d.attempt_count > 0)), 0) AS retrying
       FROM deliveries d WHERE ${w.sql}`,
    )
    .get(...w.params) as { deliveries: number; delivered: number; failing: number; retrying: number };
  const { state, source, fromEvent, toEvent, ...attemptFilter } = filter;
  let attempts: number;
  if (state === undefined && source === undefined && fromEvent === undefined && toEvent === undefined) {
    // The attempt view's own filter, answered by its indexes.
    const a = whereFor(attemptFilter);
    attempts = (db.prepare(`SELECT count(*) AS n FROM attempts WHERE ${a.sql}`).get(...a.params) as { n: number }).n;
  } else {
    // Filters only a delivery has: the attempts of the deliveries that match.
    attempts = (
      db
        .prepare(
          `SELECT count(*) AS n FROM attempts WHERE delivery_id IN (SELECT d.delivery_id FROM deliveries d WHERE ${w.sql})`,
        )
        .get(...w.params) as { n: number }
    ).n;
  }
  return { ...row, attempts };
}
