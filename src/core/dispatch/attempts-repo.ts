import type { AttemptSummary } from '../../shared/contract';
import type { Db } from '../store/open';
import { readAttempt } from './attempt-read';
import { eventBodySql } from '../store/event-bodies';
import { secretIdsSql, storedSecretIds } from './secret-ids-stored';
import { signatureHeaderSql, storedSignature } from './signature-stored';

/** One row of `attempts` (migration 003). */
export interface AttemptRow {
  seq?: number;
  attempt_id: string;
  delivery_id: string | null;
  event_id: string | null;
  webhook_id: string | null;
  project_id: string;
  event_type: string;
  webhook_url: string;
  attempt_number: number;
  status: 'success' | 'failed';
  response_code: number;
  duration_ms: number;
  error_message: string | null;
  /** JSON; '' on disk when the sender's canonical set (migration 015), rebuilt by the readers. */
  request_headers_json: string;
  request_body: Buffer | null;
  /** JSON, or lines (response-headers-stored.ts) on disk; JSON once read back (attempt-read.ts). */
  response_headers_json: string | null;
  response_body: string | null;
  response_body_truncated: number;
  signature_header: string | null;
  signed_at: number | null;
  secret_ids_json: string;
  kind: 'delivery' | 'retry' | 'replay';
  replay_of: string | null;
  injected_json: string | null;
  created_at: string;
  /** 'sonzai' | 'oneinbox' (migration 011); Sonzai when absent. */
  platform?: string;
  /** Read back only: 1 when the attempt sent its event's stored bytes (`request_body` NULL on disk). */
  body_from_event?: number;
}

const COLUMNS = [
  'seq',
  'attempt_id',
  'delivery_id',
  'event_id',
  'webhook_id',
  'project_id',
  'event_type',
  'webhook_url',
  'attempt_number',
  'status',
  'response_code',
  'duration_ms',
  'error_message',
  'request_headers_json',
  'request_body',
  'response_headers_json',
  'response_body',
  'response_body_truncated',
  'signature_header',
  'signed_at',
  'secret_ids_json',
  'kind',
  'replay_of',
  'injected_json',
  'created_at',
  'platform',
] as const;

/**
 * The bytes an attempt sent (migration 014): its own `request_body` when it stored one (an edited
 * replay), else its event's body, stored once for every delivery, retry and plain replay of it.
 */
export const attemptBodySql = (alias: string): string =>
  `coalesce(${alias}.request_body, (SELECT ${eventBodySql('e')} FROM events e WHERE e.event_id = ${alias}.event_id))`;

/** The columns a list needs (no bodies), under `alias`. */
export const summaryColumnsSql = (alias: string): string =>
  SUMMARY_COLUMNS.split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');

/** Every column of `attempts` under `alias`, the body and signature header resolved, plus `body_from_event`. */
export const attemptColumnsSql = (alias: string): string =>
  COLUMNS.map((c) =>
    c === 'request_body'
      ? `${attemptBodySql(alias)} AS request_body`
      : c === 'signature_header'
        ? `${signatureHeaderSql(alias)} AS signature_header`
        : c === 'secret_ids_json'
          ? `${secretIdsSql(alias)} AS secret_ids_json`
          : `${alias}.${c}`,
  ).join(', ') + `, ${alias}.request_body IS NULL AS body_from_event`;

/** Stored attempts: insert (the writer batches them) and read one back. */
export function createAttemptsRepo(db: Db) {
  const stored = COLUMNS.filter((c) => c !== 'seq');
  // Positional: binding by name, and the object spread that went with it, cost a few µs per
  // attempt, on every delivery. The values follow `stored`, the order of COLUMNS.
  const insert = db.prepare(`INSERT INTO attempts (${stored.join(', ')}) VALUES (${stored.map(() => '?').join(', ')})`);
  const get = db.prepare<[string], AttemptRow>(`SELECT ${attemptColumnsSql('a')} FROM attempts a WHERE attempt_id = ?`);
  const forDelivery = db.prepare<[string], AttemptRow>(
    `SELECT ${attemptColumnsSql('a')} FROM attempts a WHERE delivery_id = ? ORDER BY seq`,
  );

  return {
    /** Inserts and returns the row's seq. */
    insert: (row: AttemptRow): number =>
      Number(
        insert.run(
          row.attempt_id,
          row.delivery_id,
          row.event_id,
          row.webhook_id,
          row.project_id,
          row.event_type,
          row.webhook_url,
          row.attempt_number,
          row.status,
          row.response_code,
          row.duration_ms,
          row.error_message,
          row.request_headers_json,
          row.request_body,
          row.response_headers_json,
          row.response_body,
          row.response_body_truncated,
          // 32 bytes when it is the one-secret header signed_at rebuilds (signature-stored.ts).
          storedSignature(row.signature_header, row.signed_at),
          row.signed_at,
          // 16 bytes when it names one secret by a lower-case UUID (secret-ids-stored.ts).
          storedSecretIds(row.secret_ids_json),
          row.kind,
          row.replay_of,
          row.injected_json,
          row.created_at,
          row.platform ?? 'sonzai',
        ).lastInsertRowid,
      ),
    /** The row as sent, its headers' JSON as the studio stored it before issue 17 (attempt-read.ts). */
    get: (id: string) => readAttempt(get.get(id)),
    forDelivery: (deliveryId: string) => forDelivery.all(deliveryId).map((r) => readAttempt(r)),
  };
}
export type AttemptsRepo = ReturnType<typeof createAttemptsRepo>;

/** The columns a list needs (no bodies). */
export const SUMMARY_COLUMNS =
  'seq, attempt_id, delivery_id, event_id, project_id, event_type, webhook_url, attempt_number, status, ' +
  'response_code, duration_ms, error_message, kind, replay_of, injected_json, created_at, platform';

export type SummaryRow = Pick<
  AttemptRow,
  | 'attempt_id'
  | 'delivery_id'
  | 'event_id'
  | 'project_id'
  | 'event_type'
  | 'webhook_url'
  | 'attempt_number'
  | 'response_code'
  | 'duration_ms'
  | 'error_message'
  | 'replay_of'
  | 'injected_json'
  | 'created_at'
> & { seq: number; status: string; kind: string; platform?: string };

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

/** The lists' view of a stored attempt (the live event, the inspector, the CLI). */
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
    platform: r.platform === 'oneinbox' ? 'oneinbox' : 'sonzai',
  };
}
