import type { AttemptRow } from './attempts-repo';
import { storedRequestHeaders } from './request-headers-stored';
import { storedResponseHeaders } from './response-headers-stored';
import type { SendResult } from './send';

/** The headers production sends, plus the labelled extras only when switched on. */
export function deliveryHeaders(opts: {
  signature: string;
  authHeader: string | null;
  extras?: { deliveryId: string | null; eventId: string | null; attemptNumber: number } | null;
}): [string, string][] {
  const h: [string, string][] = [
    ['Content-Type', 'application/json'],
    ['Sonzai-Signature', opts.signature],
  ];
  if (opts.authHeader) h.push(['Authorization', opts.authHeader]);
  if (opts.extras) {
    // Not sent by production: named so nobody mistakes them for platform headers.
    if (opts.extras.eventId) h.push(['X-Webhook-Studio-Event-Id', opts.extras.eventId]);
    if (opts.extras.deliveryId) h.push(['X-Webhook-Studio-Delivery-Id', opts.extras.deliveryId]);
    h.push(['X-Webhook-Studio-Attempt', String(opts.extras.attemptNumber)]);
  }
  return h;
}

/** A send result for an attempt that never left the studio (drop, forced status, no secret). */
export function syntheticResult(
  headers: [string, string][],
  body: Buffer,
  status: number,
  error: SendResult['error'],
): SendResult {
  return {
    status,
    headers: status ? {} : null,
    body: status ? '' : null,
    truncated: false,
    durationMs: 0,
    requestHeaders: { ...Object.fromEntries(headers), 'Content-Length': String(body.length) },
    error,
    location: null,
  };
}

/** The human line stored in `error_message` (null for a plain HTTP answer). */
export function errorMessage(r: SendResult): string | null {
  if (r.error) return `${r.error.kind}: ${r.error.message}`;
  if (r.status >= 300 && r.status < 400)
    return `redirect not followed: ${r.status} to ${r.location ?? '(no Location header)'}`;
  return null;
}

export function attemptRow(base: {
  /** Sonzai when absent. */
  platform?: string;
  attemptId: string;
  deliveryId: string | null;
  eventId: string | null;
  webhookId: string | null;
  projectId: string;
  eventType: string;
  webhookUrl: string;
  attemptNumber: number;
  kind: AttemptRow['kind'];
  replayOf?: string | null;
  body: Buffer;
  /** The body is its event's stored bytes: not stored again (migration 014), read back from `events`. */
  bodyFromEvent: boolean;
  signature: string | null;
  signedAt: number | null;
  secretIds: string[];
  injected: string[];
  result: SendResult;
  createdAt: string;
}): AttemptRow {
  const r = base.result;
  return {
    attempt_id: base.attemptId,
    delivery_id: base.deliveryId,
    event_id: base.eventId,
    webhook_id: base.webhookId,
    project_id: base.projectId,
    event_type: base.eventType,
    webhook_url: base.webhookUrl,
    attempt_number: base.attemptNumber,
    status: r.status >= 200 && r.status < 300 ? 'success' : 'failed',
    response_code: r.status,
    duration_ms: r.durationMs,
    error_message: errorMessage(r),
    // '' when exactly what the sender writes for this URL, body and signature (rebuilt on read).
    request_headers_json: storedRequestHeaders(r.requestHeaders, base.webhookUrl, base.body.length, base.signature),
    request_body: base.bodyFromEvent && base.eventId !== null ? null : base.body,
    response_headers_json: r.headers ? storedResponseHeaders(r.headers) : null,
    response_body: r.body,
    response_body_truncated: r.truncated ? 1 : 0,
    signature_header: base.signature,
    signed_at: base.signedAt,
    secret_ids_json: JSON.stringify(base.secretIds),
    kind: base.kind,
    replay_of: base.replayOf ?? null,
    injected_json: base.injected.length ? JSON.stringify(base.injected) : null,
    created_at: base.createdAt,
    platform: base.platform ?? 'sonzai',
  };
}
