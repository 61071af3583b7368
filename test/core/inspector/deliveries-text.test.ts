import { describe, expect, it } from 'vitest';
import { createBodyIndex } from '../../../src/core/inspector/body-index';
import { listDeliveries } from '../../../src/core/inspector/deliveries-query';
import { isCommonText } from '../../../src/core/inspector/query';
import { PROJECT, seededDb } from '../../helpers/seed-attempts';

/** Deliveries with one attempt each, bodies stored once (with the event), as the dispatcher stores them. */
function store(n: number, body: (i: number) => string) {
  const db = seededDb();
  const event = db.prepare(
    `INSERT INTO events (event_id, project_id, event_type, body, created_at) VALUES (?, ?, 'agent.message', ?, 'x')`,
  );
  const delivery = db.prepare(
    `INSERT INTO deliveries (delivery_id, event_id, event_type, webhook_url, status, created_at)
     VALUES (?, ?, 'agent.message', 'http://localhost/h', 'succeeded', 'x')`,
  );
  const attempt = db.prepare(
    `INSERT INTO attempts (attempt_id, delivery_id, event_id, project_id, event_type, webhook_url, attempt_number,
       status, response_code, request_body, response_body, created_at)
     VALUES (?, ?, ?, ?, 'agent.message', 'http://localhost/h', 1, ?, ?, NULL, 'ok', 'x')`,
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      event.run(`e${i}`, PROJECT, Buffer.from(body(i)));
      delivery.run(`d${i}`, `e${i}`);
      attempt.run(`a${i}`, `d${i}`, `e${i}`, PROJECT, i % 7 === 0 ? 'failed' : 'success', i % 7 === 0 ? 500 : 200);
    }
  })();
  createBodyIndex(db).catchUp();
  return db;
}

const ids = (db: ReturnType<typeof store>, filter: object, limit = 20) =>
  listDeliveries(db, { filter, limit } as Parameters<typeof listDeliveries>[1]).deliveries.map((d) => d.deliveryId);

describe('deliveries filtered by body text', () => {
  // √(20 × 2,300) ≈ 215: a text in nine deliveries of ten is common, one in a single one is not.
  const n = 2_300;
  const db = store(n, (i) =>
    i % 10 === 3 ? `{"text":"hay ${i}"}` : `{"text":"a needle ${i}${i === 42 ? ' rarething' : ''}"}`,
  );

  it('walks deliveries newest first for a text the index finds everywhere', () => {
    expect(isCommonText(db, 'needle', 20)).toBe(true);
    const want = Array.from({ length: n }, (_, i) => n - 1 - i)
      .filter((i) => i % 10 !== 3)
      .slice(0, 20)
      .map((i) => `d${i}`);
    expect(ids(db, { text: 'needle' })).toEqual(want);
    // With an attempt filter beside it, both hold for the same attempt.
    const failed = Array.from({ length: n }, (_, i) => n - 1 - i)
      .filter((i) => i % 10 !== 3 && i % 7 === 0)
      .slice(0, 20)
      .map((i) => `d${i}`);
    expect(ids(db, { text: 'NEEDLE', codeClass: '5xx' })).toEqual(failed);
  });

  it('collects the few matches of a rare text from the index', () => {
    expect(isCommonText(db, 'rarething', 20)).toBe(false);
    // 1,000 matches of 2,300 (in blocks of four: over 250 blocks hold its trigrams): common for a page of 20
    // (√46,000 ≈ 215 attempts, 54 blocks), not for one of 1,000 (√2,300,000 ≈ 1,517 attempts, 380 blocks).
    expect(isCommonText(db, 'needle 1', 20)).toBe(true);
    expect(isCommonText(db, 'needle 1', 1000)).toBe(false);
    expect(ids(db, { text: 'rarething' })).toEqual(['d42']);
    expect(ids(db, { text: 'hay 1003' })).toEqual(['d1003']);
    expect(ids(db, { text: 'no such text' })).toEqual([]);
  });
});
