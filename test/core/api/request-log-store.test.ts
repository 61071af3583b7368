import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LOG_BODY_LIMIT,
  LOG_MAX_ROWS,
  LOG_MIGRATIONS,
  openLogStore,
  type LogStore,
} from '../../../src/core/api/request-log-store';
import { openStore } from '../../../src/core/store/open';
import { RecordEncoder, type CapturedRequest } from '../../../src/core/api/request-log-frame';
import { IndexBuilder } from '../../../src/core/api/request-log-index';
import { redactHeaders } from '../../../src/core/api/request-log-redact';
import Database from 'better-sqlite3';
import { tempDir } from '../../helpers/tmp';

const at = Date.parse('2026-11-24T10:00:00.000Z');

function captured(over: Partial<CapturedRequest> = {}): CapturedRequest {
  return {
    method: 'PUT',
    url: '/api/v1/webhooks/agent.message',
    operationId: 'upsertWebhookForTenant',
    status: 200,
    durationMs: 0.4567,
    projectId: 'proj_1',
    keyId: 'key_1',
    rawHeaders: [
      'Host',
      '127.0.0.1:1',
      'Authorization',
      'Bearer sk_live_secret_value',
      'Content-Type',
      'application/json',
    ],
    requestBody: '{"webhook_url":"https://x.test/h","auth_header":"Bearer handler-token"}',
    responseBody: '{"success":true,"signing_secret":"whsec_abcdefghijklmnop"}',
    lint: [],
    idempotentReplay: false,
    at,
    ...over,
  };
}

/** A batch as the request thread writes it into the shared ring, with its index (unless `indexed` is false). */
function append(s: LogStore, batch: CapturedRequest[], announce = true, indexed = true) {
  const encoder = new RecordEncoder();
  const index = new IndexBuilder();
  const frame = batch.map((e, i) => (index.add(e), encoder.encode(e, i))).join('');
  return s.append(Buffer.from(frame), batch.length, announce, indexed ? index.build() : undefined);
}

let store: LogStore | null = null;
afterEach(() => {
  store?.close();
  store = null;
});
const open = () => (store = openLogStore(join(tempDir(), 'api-log.db')));

describe('request log store (the writer thread’s file)', () => {
  it('stores a batch in order, splitting path and query, with the studio-clock time and a rounded duration', () => {
    const s = open();
    const out = append(s, [
      captured({ url: '/api/v1/agents/a/wakeups?user_id=u&x=1', method: 'GET', status: 200 }),
      captured(),
    ]);
    expect(out.map((r) => r.seq)).toEqual([1, 2]);
    expect(out[0]).toMatchObject({ path: '/api/v1/agents/a/wakeups', query: 'user_id=u&x=1', durationMs: 0.457 });
    expect(out[0].createdAt).toBe('2026-11-24T10:00:00.000Z');
    expect(out[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.list({ limit: 10 }).map((r) => r.seq)).toEqual([2, 1]);
    // With nobody watching live, a batch is stored without building its summaries.
    expect(append(s, [captured()], false)).toEqual([]);
    expect(s.list({ limit: 10 }).map((r) => r.seq)).toEqual([3, 2, 1]);
  });

  it('never keeps a usable credential: API key, signing secret and handler auth header keep a prefix', () => {
    const s = open();
    const [row] = append(s, [captured()]);
    const d = s.get(row.seq)!;
    expect(d.requestHeaders.authorization).toBe('Bearer sk_live…');
    expect(JSON.parse(d.requestBody!).auth_header).toBe('Bearer ha…');
    expect(JSON.parse(d.responseBody!).signing_secret).toBe('whsec_abc…');
    expect(JSON.stringify(d)).not.toContain('secret_value');
    expect(redactHeaders(['Cookie', 'session=abcdefghijkl', 'X-Api-Key', 'k1234567890', 'Accept', '*/*'])).toEqual([
      'Cookie',
      'session=…',
      'X-Api-Key',
      'k1234…',
      'Accept',
      '*/*',
    ]);
  });

  it(`cuts bodies over ${LOG_BODY_LIMIT} characters and says so`, () => {
    const s = open();
    const big = `{"a":"${'x'.repeat(LOG_BODY_LIMIT)}"}`;
    const [row] = append(s, [captured({ requestBody: big, responseBody: null })]);
    const d = s.get(row.seq)!;
    expect(d.requestBody).toHaveLength(LOG_BODY_LIMIT);
    expect(d.requestBodyTruncated).toBe(true);
    expect(d.responseBody).toBeNull();
    expect(d.responseBodyTruncated).toBe(false);
  });

  it('filters by method, status, status class, path text (LIKE characters literal), lint and cursor', () => {
    const s = open();
    // A batch from before batch indexes (it may hold anything), then one batch per request:
    // each batch's index decides whether it is read at all.
    append(s, [captured({ method: 'POST', url: '/api/v1/Projects', status: 201 })], true, false);
    for (const e of [
      captured({ method: 'GET', url: '/api/v1/webhooks', status: 200 }),
      captured({ method: 'GET', url: '/api/v1/agents/100%_real', status: 404 }),
      captured({ status: 422, lint: [{ code: 'unexpected_body', message: 'm' }] }),
      captured({ method: 'DELETE', url: '/api/v1/webhooks/agent.message', status: 204 }),
    ])
      append(s, [e]);
    const paths = (f: Parameters<LogStore['list']>[0]) => s.list(f).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(paths({ method: 'get', limit: 10 })).toEqual([
      'GET /api/v1/agents/100%_real 404',
      'GET /api/v1/webhooks 200',
    ]);
    expect(paths({ status: '4xx', limit: 10 })).toEqual([
      'PUT /api/v1/webhooks/agent.message 422',
      'GET /api/v1/agents/100%_real 404',
    ]);
    expect(paths({ status: 204, limit: 10 })).toEqual(['DELETE /api/v1/webhooks/agent.message 204']);
    expect(paths({ path: '%_', limit: 10 })).toEqual(['GET /api/v1/agents/100%_real 404']);
    expect(paths({ lintOnly: true, limit: 10 })).toEqual(['PUT /api/v1/webhooks/agent.message 422']);
    expect(paths({ status: '2xx', path: 'PROJ', limit: 10 })).toEqual(['POST /api/v1/Projects 201']);
    expect(paths({ method: 'post', limit: 10 })).toEqual(['POST /api/v1/Projects 201']);
    expect(paths({ path: 'WEBHOOKS/agent', limit: 10 })).toEqual([
      'DELETE /api/v1/webhooks/agent.message 204',
      'PUT /api/v1/webhooks/agent.message 422',
    ]);
    expect(s.list({ beforeSeq: 3, limit: 1 }).map((r) => r.seq)).toEqual([2]);
    expect(s.get(99)).toBeUndefined();
  });

  it(`keeps the newest ${LOG_MAX_ROWS} requests`, () => {
    const s = open();
    const batch = Array.from({ length: 500 }, () => captured({ requestBody: null, responseBody: null }));
    for (let i = 0; i < LOG_MAX_ROWS / 500 + 2; i++) append(s, batch);
    const rows = s.list({ limit: LOG_MAX_ROWS + 1000 });
    expect(rows).toHaveLength(LOG_MAX_ROWS);
    expect(rows[0].seq).toBe(LOG_MAX_ROWS + 1000);
    expect(rows.at(-1)!.seq).toBe(1001);
  });

  it('a damaged row hides only its own requests: the rest of the log still reads', () => {
    const path = join(tempDir(), 'api-log.db');
    let s = (store = openLogStore(path));
    append(s, [captured({ status: 201 })]);
    append(s, [captured({ status: 202 }), captured({ status: 203 })]);
    append(s, [captured({ status: 204 })]);
    s.close();
    // Damage the middle batch's time field, keeping its frame well-formed.
    const db = new Database(path);
    const row = db.prepare('SELECT frame FROM api_log_batches WHERE first_seq = 2').get() as { frame: Buffer };
    const damaged = row.frame.toString().replace(`13:${at}`, `13:${String(at).slice(0, 12)}x`);
    expect(damaged).not.toBe(row.frame.toString());
    db.prepare('UPDATE api_log_batches SET frame = ? WHERE first_seq = 2').run(Buffer.from(damaged));
    db.close();
    s = store = openLogStore(path);
    expect(s.list({ limit: 10 }).map((r) => r.status)).toEqual([204, 201]);
    expect(s.get(2)).toBeUndefined();
    expect(s.get(4)?.status).toBe(204);
  });

  it('keeps a log written before batch indexes, and still filters it', () => {
    const path = join(tempDir(), 'api-log.db');
    const old = openStore(path, { migrations: LOG_MIGRATIONS.filter((m) => m.id <= 2) });
    const frame = new RecordEncoder().encode(captured({ status: 404, method: 'GET' }), 0);
    old.prepare('INSERT INTO api_log_batches (first_seq, last_seq, frame) VALUES (1, 1, ?)').run(Buffer.from(frame));
    old.close();
    const s = (store = openLogStore(path));
    expect(s.list({ status: '4xx', method: 'get', path: 'agent', limit: 10 }).map((r) => r.seq)).toEqual([1]);
    expect(s.list({ status: 200, limit: 10 })).toEqual([]);
    append(s, [captured()]);
    expect(s.list({ limit: 10 }).map((r) => r.seq)).toEqual([2, 1]);
  });

  it('clears everything and reports how many', () => {
    const s = open();
    append(s, [captured(), captured()]);
    expect(s.clear()).toBe(2);
    expect(s.list({ limit: 10 })).toEqual([]);
  });
});
