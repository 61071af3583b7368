import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAttemptsRepo, type AttemptRow } from '../../../src/core/dispatch/attempts-repo';
import { createDeliveriesRepo } from '../../../src/core/dispatch/deliveries-repo';
import { openStore, type Db } from '../../../src/core/store/open';
import { tempDir } from '../../helpers/tmp';

let db: Db | undefined;
afterEach(() => db?.close());

/** Every value distinct, so a column bound in another's place cannot go unnoticed. */
const attempt: AttemptRow = {
  attempt_id: 'att-1',
  delivery_id: 'del-1',
  event_id: 'evt-1',
  webhook_id: 'wh-1',
  project_id: 'proj-1',
  event_type: 'agent.message',
  webhook_url: 'http://127.0.0.1:9/hook',
  attempt_number: 3,
  status: 'failed',
  response_code: 503,
  duration_ms: 41,
  error_message: 'HTTP 503',
  request_headers_json: '{"Content-Type":"application/json"}',
  request_body: Buffer.from('{"edited":true}'),
  response_headers_json: '{"retry-after":"1"}',
  response_body: 'busy',
  response_body_truncated: 1,
  signature_header: 't=1,v1=ab',
  signed_at: 1767225604,
  secret_ids_json: '["sec-1"]',
  kind: 'replay',
  replay_of: 'att-0',
  injected_json: '["latency"]',
  created_at: '2026-01-01T00:00:04.000Z',
  platform: 'oneinbox',
};

describe('the per-delivery writes (positional parameters)', () => {
  it('store every column of an attempt in its own place', () => {
    db = openStore(join(tempDir(), 'studio.db'));
    const repo = createAttemptsRepo(db);
    const seq = repo.insert(attempt);
    const row = db.prepare('SELECT * FROM attempts WHERE seq = ?').get(seq) as Record<string, unknown>;
    expect({ ...row, request_body: (row.request_body as Buffer).toString() }).toEqual({
      ...attempt,
      seq,
      request_body: '{"edited":true}',
    });
    // A Sonzai attempt by default.
    const plain = repo.insert({ ...attempt, attempt_id: 'att-2', platform: undefined });
    expect(db.prepare('SELECT platform FROM attempts WHERE seq = ?').pluck().get(plain)).toBe('sonzai');
  });

  it('store every column of an event, a delivery and its outcome in its own place', () => {
    db = openStore(join(tempDir(), 'studio.db'));
    const repo = createDeliveriesRepo(db);
    const event = {
      event_id: 'evt-1',
      project_id: 'proj-1',
      agent_id: 'agt-1',
      user_id: 'user-1',
      event_type: 'agent.message',
      body: Buffer.from('{"a":1}'),
      source: 'burst',
      created_at: '2026-01-01T00:00:00.000Z',
      platform: 'oneinbox',
    };
    repo.insertEvent(event);
    expect(db.prepare('SELECT * FROM events').get()).toMatchObject(event);
    repo.insertDelivery({
      delivery_id: 'del-1',
      event_id: 'evt-1',
      webhook_id: 'wh-1',
      event_type: 'agent.message',
      webhook_url: 'http://127.0.0.1:9/hook',
      status: 'in_flight',
      next_attempt_at: '2026-01-01T00:00:01.000Z',
      injection_json: '{"drop":true}',
      created_at: '2026-01-01T00:00:00.500Z',
    });
    // The delivery's project is its event's (migration 023): read through the event.
    expect(repo.get('del-1')).toMatchObject({
      delivery_id: 'del-1',
      event_id: 'evt-1',
      webhook_id: 'wh-1',
      project_id: 'proj-1',
      event_type: 'agent.message',
      webhook_url: 'http://127.0.0.1:9/hook',
      status: 'in_flight',
      attempt_count: 0,
      next_attempt_at: '2026-01-01T00:00:01.000Z',
      injection_json: '{"drop":true}',
      created_at: '2026-01-01T00:00:00.500Z',
      platform: 'sonzai',
    });
    repo.saveOutcome({
      delivery_id: 'del-1',
      status: 'failed',
      attempt_count: 2,
      next_attempt_at: '2026-01-01T00:00:09.000Z',
    });
    expect(db.prepare('SELECT * FROM deliveries').get()).toMatchObject({
      status: 'failed',
      attempt_count: 2,
      next_attempt_at: '2026-01-01T00:00:09.000Z',
      created_at: '2026-01-01T00:00:00.500Z',
    });
  });
});
