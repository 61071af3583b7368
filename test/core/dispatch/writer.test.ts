import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/core/store/open';
import { createAttemptsRepo, type AttemptRow } from '../../../src/core/dispatch/attempts-repo';
import { createDeliveriesRepo } from '../../../src/core/dispatch/deliveries-repo';
import { createWriter } from '../../../src/core/dispatch/writer';
import { tempDir } from '../../helpers/tmp';

function attempt(i: number): AttemptRow {
  return {
    attempt_id: `att_${i}`,
    delivery_id: `dlv_${i}`,
    event_id: `evt_${i}`,
    webhook_id: 'wh_1',
    project_id: 'proj_1',
    event_type: 'agent.message',
    webhook_url: 'http://127.0.0.1:9/hook',
    attempt_number: 1,
    status: 'success',
    response_code: 200,
    duration_ms: 1,
    error_message: null,
    request_headers_json: '{}',
    request_body: Buffer.alloc(8192, 0x61 + (i % 26)),
    response_headers_json: null,
    response_body: 'ok',
    response_body_truncated: 0,
    signature_header: null,
    signed_at: null,
    secret_ids_json: '[]',
    kind: 'delivery',
    replay_of: null,
    injected_json: null,
    created_at: '2026-12-03T00:00:00.000Z',
  };
}

describe('dispatch writer on a full disk', () => {
  it('keeps every result in memory, says so once, and stores them all when space returns', async () => {
    const db = openStore(join(tempDir(), 'studio.db'));
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`);
    const troubles: (string | null)[] = [];
    const stored: number[] = [];
    const writer = createWriter({
      db,
      attempts: createAttemptsRepo(db),
      deliveries: createDeliveriesRepo(db),
      onStored: (rows) => stored.push(...rows.map((r) => r.seq)),
      onTrouble: (err) => troubles.push(err ? err.message : null),
      retryMs: 20,
    });
    for (let i = 0; i < 50; i++) writer.push({ attempts: [attempt(i)], outcome: null });
    expect(() => writer.flush()).not.toThrow();
    expect(writer.failing).toBe(true);
    expect(troubles).toHaveLength(1);
    expect(troubles[0]).toMatch(/full/i);
    expect(db.prepare('SELECT count(*) AS n FROM attempts').get()).toEqual({ n: 0 });
    // More results arrive while the disk is full: kept too, no second message.
    for (let i = 50; i < 60; i++) writer.push({ attempts: [attempt(i)], outcome: null });
    await new Promise((r) => setTimeout(r, 80));
    expect(troubles).toHaveLength(1);

    db.pragma('max_page_count = 1000000');
    await new Promise((r) => setTimeout(r, 80));
    expect(writer.failing).toBe(false);
    expect(troubles).toEqual([troubles[0], null]);
    expect(stored).toHaveLength(60);
    const ids = db.prepare('SELECT attempt_id FROM attempts ORDER BY seq').pluck().all();
    expect(ids).toEqual(Array.from({ length: 60 }, (_, i) => `att_${i}`));
    db.close();
  });
});
