import type { AttemptFilter, BulkReplayPlan } from '../../shared/contract/inspector';
import type { Db } from '../store/open';
import { INSPECTOR_LIMITS } from '../../shared/contract/limits';
import { whereFor } from './query';

/**
 * The latest failed attempt of every delivery in the filter whose delivery never
 * succeeded (replays of it included), newest first, at most `max`.
 */
export function failedDeliveryTargets(db: Db, filter: AttemptFilter, max = INSPECTOR_LIMITS.bulkReplayMax): string[] {
  const w = whereFor({ ...filter, status: 'failed' }, 'a');
  const rows = db
    .prepare(
      `SELECT a.attempt_id, a.delivery_id, a.replay_of FROM attempts a
       WHERE ${w.sql} ORDER BY a.seq DESC LIMIT ?`,
    )
    .all(...w.params, max * 4) as { attempt_id: string; delivery_id: string | null; replay_of: string | null }[];
  const deliveryOf = db.prepare('SELECT delivery_id FROM attempts WHERE attempt_id = ?');
  const succeeded = db.prepare(
    `SELECT 1 FROM attempts s WHERE s.status = 'success' AND (s.delivery_id = ?
       OR s.replay_of IN (SELECT attempt_id FROM attempts WHERE delivery_id = ?) OR s.replay_of = ?) LIMIT 1`,
  );
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of rows) {
    const origin = r.replay_of
      ? ((deliveryOf.get(r.replay_of) as { delivery_id: string | null } | undefined)?.delivery_id ?? r.replay_of)
      : null;
    const key = r.delivery_id ?? origin ?? r.attempt_id;
    if (seen.has(key)) continue;
    seen.add(key);
    if (succeeded.get(key, key, r.replay_of ?? r.attempt_id)) continue;
    out.push(r.attempt_id);
    if (out.length >= max) break;
  }
  return out;
}

/** URLs named in a plan (the rest are summed into the last line by the UI). */
const PLAN_URLS_MAX = 20;

/**
 * What a bulk replay of a filter would send: the latest failed attempt of each failing
 * delivery, minus (unless asked) the deliveries whose automatic retry is still scheduled:
 * replaying those would hand the handler the same event twice.
 */
export function bulkReplayPlan(
  db: Db,
  filter: AttemptFilter,
  includeScheduled: boolean,
): BulkReplayPlan & { attemptIds: string[] } {
  const all = failedDeliveryTargets(db, filter);
  const scheduled = db.prepare(
    `SELECT 1 FROM attempts a JOIN deliveries d ON d.delivery_id = a.delivery_id
     WHERE a.attempt_id = ? AND d.status IN ('pending', 'failed', 'in_flight')`,
  );
  const attemptIds: string[] = [];
  let skippedScheduled = 0;
  for (const id of all) {
    if (!includeScheduled && scheduled.get(id)) skippedScheduled++;
    else attemptIds.push(id);
  }
  const urls = db
    .prepare(
      `SELECT webhook_url AS url, count(*) AS count FROM attempts
       WHERE attempt_id IN (SELECT value FROM json_each(?)) GROUP BY webhook_url ORDER BY count DESC, url LIMIT ?`,
    )
    .all(JSON.stringify(attemptIds), PLAN_URLS_MAX) as { url: string; count: number }[];
  return { total: attemptIds.length, skippedScheduled, urls, attemptIds };
}
