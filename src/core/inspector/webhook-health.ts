import { HEALTH_WINDOW, type WebhookHealth } from '../../shared/contract/deliveries';
import type { Db } from '../store/open';

/** p50 of a list (the lower middle for an even count), null when empty. */
export function p50(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

/**
 * Each webhook of a project: last status, success rate and p50 latency over its most recent
 * attempts to its URL (at most HEALTH_WINDOW, read newest first through attempts_url).
 */
export function webhookHealth(db: Db, projectId: string): WebhookHealth[] {
  const hooks = db
    .prepare(
      'SELECT webhook_id, event_type, webhook_url FROM webhooks WHERE project_id = ? ORDER BY event_type LIMIT 500',
    )
    .all(projectId) as { webhook_id: string; event_type: string; webhook_url: string }[];
  const recent = db.prepare(
    `SELECT status, response_code, duration_ms, created_at FROM attempts
     WHERE webhook_url = ? AND webhook_id = ? ORDER BY seq DESC LIMIT ?`,
  );
  return hooks.map((h) => {
    const rows = recent.all(h.webhook_url, h.webhook_id, HEALTH_WINDOW) as {
      status: string;
      response_code: number;
      duration_ms: number;
      created_at: string;
    }[];
    const ok = rows.filter((r) => r.status === 'success').length;
    const last = rows[0];
    return {
      webhookId: h.webhook_id,
      eventType: h.event_type,
      webhookUrl: h.webhook_url,
      sample: rows.length,
      successRate: rows.length ? ok / rows.length : null,
      p50Ms: p50(rows.map((r) => r.duration_ms)),
      lastStatus: last ? (last.status === 'success' ? 'success' : 'failed') : null,
      lastCode: last ? last.response_code : null,
      lastAt: last ? last.created_at : null,
    };
  });
}
