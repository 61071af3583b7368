import { join } from 'node:path';
import { createBodyIndex } from '../../src/core/inspector/body-index';
import { sign } from '../../src/core/signing/signature';
import { openStore, type Db } from '../../src/core/store/open';
import type { DispatcherApi, ReplayInput } from '../../src/core/dispatch/dispatcher-api';
import { tempDir } from './tmp';

export const PROJECT = 'proj_test';

/** A fresh studio database in a temp folder, with one project. */
export function seededDb(): Db {
  const db = openStore(join(tempDir(), 'studio.db'));
  addTestProject(db);
  return db;
}

/** The project the seeded webhooks and attempts belong to. */
export function addTestProject(db: Db): void {
  const now = '2026-01-01T00:00:00.000Z';
  db.prepare(
    'INSERT OR IGNORE INTO projects (project_id, tenant_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  ).run(PROJECT, 'tenant', 'Test', now, now);
}

export interface SeedWebhook {
  webhookId: string;
  eventType: string;
  url: string;
  secrets: { secretId: string; secret: string; rotatedAt?: string | null; createdAt?: string }[];
}

export function seedWebhook(db: Db, w: SeedWebhook): void {
  const now = '2026-01-01T00:00:00.000Z';
  db.prepare(
    'INSERT INTO webhooks (webhook_id, project_id, event_type, webhook_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(w.webhookId, PROJECT, w.eventType, w.url, now, now);
  for (const s of w.secrets) {
    db.prepare(
      'INSERT INTO webhook_secrets (secret_id, webhook_id, project_id, event_type, secret, created_at, rotated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(s.secretId, w.webhookId, PROJECT, w.eventType, s.secret, s.createdAt ?? now, s.rotatedAt ?? null);
  }
}

export interface SeedAttempt {
  attemptId: string;
  deliveryId?: string | null;
  eventId?: string | null;
  webhookId?: string | null;
  eventType?: string;
  webhookUrl?: string;
  attemptNumber?: number;
  status?: 'success' | 'failed';
  responseCode?: number;
  durationMs?: number;
  errorMessage?: string | null;
  body?: string | Buffer;
  requestHeaders?: Record<string, string>;
  responseHeaders?: Record<string, string> | null;
  responseBody?: string | null;
  /** Signs the body with these secrets at `signedAt` (and sets the header). */
  sign?: { secrets: { secretId: string; secret: string }[]; at: number };
  kind?: 'delivery' | 'retry' | 'replay';
  replayOf?: string | null;
  injected?: unknown;
  createdAt?: string;
}

/** Inserts attempts the way the dispatcher stores them (migration 003 columns). */
export function seedAttempts(db: Db, attempts: SeedAttempt[]): void {
  const insert = db.prepare(`INSERT INTO attempts (
    attempt_id, delivery_id, event_id, webhook_id, project_id, event_type, webhook_url, attempt_number, status,
    response_code, duration_ms, error_message, request_headers_json, request_body, response_headers_json,
    response_body, response_body_truncated, signature_header, signed_at, secret_ids_json, kind, replay_of,
    injected_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (const a of attempts) {
      const body = a.body ?? '{"event_type":"agent.message","data":{"text":"hello"}}';
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      const header = a.sign
        ? sign(
            bytes,
            a.sign.secrets.map((s) => s.secret),
            a.sign.at,
          )
        : null;
      const headers = {
        'Content-Type': 'application/json',
        ...(header ? { 'Sonzai-Signature': header } : {}),
        ...a.requestHeaders,
      };
      const status = a.status ?? 'success';
      insert.run(
        a.attemptId,
        a.deliveryId === undefined ? `dlv_${a.attemptId}` : a.deliveryId,
        a.eventId ?? null,
        a.webhookId ?? null,
        PROJECT,
        a.eventType ?? 'agent.message',
        a.webhookUrl ?? 'http://localhost:3000/webhooks',
        a.attemptNumber ?? 1,
        status,
        a.responseCode ?? (status === 'success' ? 200 : 500),
        a.durationMs ?? 12,
        a.errorMessage ?? null,
        JSON.stringify(headers),
        bytes,
        a.responseHeaders === undefined
          ? JSON.stringify({ 'content-type': 'text/plain' })
          : a.responseHeaders && JSON.stringify(a.responseHeaders),
        a.responseBody === undefined ? 'ok' : a.responseBody,
        header,
        a.sign?.at ?? null,
        JSON.stringify(a.sign?.secrets.map((s) => s.secretId) ?? []),
        a.kind ?? 'delivery',
        a.replayOf ?? null,
        a.injected === undefined ? null : JSON.stringify(a.injected),
        a.createdAt ?? '2026-01-01T00:00:00.000Z',
      );
    }
  })();
  // As the studio's indexer would by the time anyone searches (tests of the lag: body-index.test).
  createBodyIndex(db).catchUp();
}

/** A DispatcherApi that records replay calls and stores a new replay attempt with the given outcome. */
export function recordingDispatcher(
  db: Db,
  outcome: (input: ReplayInput) => 'success' | 'failed' | Error = () => 'success',
) {
  const calls: ReplayInput[] = [];
  let n = 0;
  const api: DispatcherApi = {
    fire: () => {
      throw new Error('not in these tests');
    },
    replay: async (input) => {
      calls.push(input);
      await new Promise((r) => setImmediate(r));
      const result = outcome(input);
      if (result instanceof Error) throw result;
      const origin = db.prepare('SELECT * FROM attempts WHERE attempt_id = ?').get(input.attemptId) as {
        delivery_id: string | null;
        event_type: string;
        webhook_url: string;
      };
      const attemptId = `rpl_${++n}_${input.attemptId}`;
      seedAttempts(db, [
        {
          attemptId,
          deliveryId: origin.delivery_id,
          eventType: origin.event_type,
          webhookUrl: input.to ?? origin.webhook_url,
          status: result,
          kind: 'replay',
          replayOf: input.attemptId,
          body: input.body,
        },
      ]);
      return { attemptId };
    },
    retryNow: () => {},
    cancel: () => {},
    idle: async () => {},
  };
  return { api, calls };
}
