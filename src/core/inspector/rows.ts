import type { AttemptSummary } from '../../shared/contract';

/** One row of the pinned `attempts` table (migration 003). */
export interface AttemptRow {
  seq: number;
  attempt_id: string;
  delivery_id: string | null;
  event_id: string | null;
  webhook_id: string | null;
  project_id: string;
  event_type: string;
  webhook_url: string;
  attempt_number: number;
  status: string;
  response_code: number;
  duration_ms: number;
  error_message: string | null;
  request_headers_json: string;
  request_body: Buffer | null;
  response_headers_json: string | null;
  response_body: string | null;
  response_body_truncated: number;
  signature_header: string | null;
  signed_at: number | null;
  secret_ids_json: string;
  kind: string;
  replay_of: string | null;
  injected_json: string | null;
  created_at: string;
}

/** The columns a list needs (no bodies). */
export const SUMMARY_COLUMNS =
  'seq, attempt_id, delivery_id, event_id, project_id, event_type, webhook_url, attempt_number, status, ' +
  'response_code, duration_ms, error_message, kind, replay_of, injected_json, created_at';

export type SummaryRow = Pick<
  AttemptRow,
  | 'seq'
  | 'attempt_id'
  | 'delivery_id'
  | 'event_id'
  | 'project_id'
  | 'event_type'
  | 'webhook_url'
  | 'attempt_number'
  | 'status'
  | 'response_code'
  | 'duration_ms'
  | 'error_message'
  | 'kind'
  | 'replay_of'
  | 'injected_json'
  | 'created_at'
>;

/** `injected_json` may hold an array of names or an object of settings: both become a list of labels. */
export function parseInjected(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
    if (v && typeof v === 'object')
      return Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== null && x !== undefined && x !== false)
        .map(([k, x]) => (x === true ? k : `${k}=${typeof x === 'string' ? x : JSON.stringify(x)}`));
    return typeof v === 'string' ? [v] : [];
  } catch {
    return [json];
  }
}

export function toSummary(r: SummaryRow): AttemptSummary {
  return {
    seq: r.seq,
    attemptId: r.attempt_id,
    deliveryId: r.delivery_id,
    eventId: r.event_id,
    projectId: r.project_id,
    eventType: r.event_type,
    webhookUrl: r.webhook_url,
    attemptNumber: r.attempt_number,
    status: r.status === 'success' ? 'success' : 'failed',
    responseCode: r.response_code,
    durationMs: r.duration_ms,
    errorMessage: r.error_message,
    kind: r.kind === 'retry' || r.kind === 'replay' ? r.kind : 'delivery',
    replayOf: r.replay_of,
    injected: parseInjected(r.injected_json),
    createdAt: r.created_at,
  };
}

/** Headers as stored: an object, or a list of [name, value] pairs (repeated names joined with ", "). */
export function parseHeaders(json: string | null): Record<string, string> | null {
  if (json === null) return null;
  try {
    const v: unknown = JSON.parse(json);
    const out: Record<string, string> = {};
    if (Array.isArray(v)) {
      for (const pair of v) {
        if (!Array.isArray(pair) || pair.length < 2) continue;
        const [k, x] = pair as [unknown, unknown];
        const name = String(k);
        out[name] = name in out ? `${out[name]}, ${String(x)}` : String(x);
      }
      return out;
    }
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        out[k] = Array.isArray(x) ? x.map(String).join(', ') : String(x);
      return out;
    }
  } catch {}
  return {};
}

export function parseStringList(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}
