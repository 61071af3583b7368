import type { AttemptSummary } from '../../shared/contract';
import type { Db } from '../store/open';

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
  request_headers_json: string;
  request_body: Buffer | null;
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
}

/** Stored attempts: insert (the writer batches them) and read one back. */
export function createAttemptsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO attempts (attempt_id, delivery_id, event_id, webhook_id, project_id, event_type, webhook_url,
       attempt_number, status, response_code, duration_ms, error_message, request_headers_json, request_body,
       response_headers_json, response_body, response_body_truncated, signature_header, signed_at, secret_ids_json,
       kind, replay_of, injected_json, created_at)
     VALUES (@attempt_id, @delivery_id, @event_id, @webhook_id, @project_id, @event_type, @webhook_url,
       @attempt_number, @status, @response_code, @duration_ms, @error_message, @request_headers_json, @request_body,
       @response_headers_json, @response_body, @response_body_truncated, @signature_header, @signed_at,
       @secret_ids_json, @kind, @replay_of, @injected_json, @created_at)`,
  );
  const get = db.prepare<[string], AttemptRow>(`SELECT * FROM attempts WHERE attempt_id = ?`);
  const forDelivery = db.prepare<[string], AttemptRow>(`SELECT * FROM attempts WHERE delivery_id = ? ORDER BY seq`);

  return {
    /** Inserts and returns the row's seq. */
    insert: (row: AttemptRow): number => Number(insert.run(row).lastInsertRowid),
    get: (id: string) => get.get(id),
    forDelivery: (deliveryId: string) => forDelivery.all(deliveryId),
  };
}
export type AttemptsRepo = ReturnType<typeof createAttemptsRepo>;

/** The live list's view of a stored attempt. */
export function toSummary(row: AttemptRow & { seq: number }): AttemptSummary {
  let injected: string[] = [];
  if (row.injected_json) {
    try {
      const v = JSON.parse(row.injected_json) as unknown;
      if (Array.isArray(v)) injected = v.map(String);
    } catch {
      /* unreadable marker: shown as none */
    }
  }
  return {
    seq: row.seq,
    attemptId: row.attempt_id,
    deliveryId: row.delivery_id,
    eventId: row.event_id,
    projectId: row.project_id,
    eventType: row.event_type,
    webhookUrl: row.webhook_url,
    attemptNumber: row.attempt_number,
    status: row.status,
    responseCode: row.response_code,
    durationMs: row.duration_ms,
    errorMessage: row.error_message,
    kind: row.kind,
    replayOf: row.replay_of,
    injected,
    createdAt: row.created_at,
  };
}
