import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attemptDetail } from '../../../src/core/inspector/detail';
import { inspectSignature } from '../../../src/core/inspector/signature-inspect';
import { seedAttempts, seededDb, seedWebhook } from '../../helpers/seed-attempts';

const T = 1_700_000_000;
const OLD = { secretId: 'sec_old', secret: 'whsec_oldkey111' };
const NEW = { secretId: 'sec_new', secret: 'whsec_newkey222' };
const BODY = '{"event_type":"agent.message","data":{"text":"hi"}}';

function world() {
  const db = seededDb();
  seedWebhook(db, {
    webhookId: 'wh_1',
    eventType: 'agent.message',
    url: 'http://localhost:3000/hooks',
    secrets: [
      { ...OLD, rotatedAt: '2026-01-02T00:00:00.000Z', createdAt: '2026-01-01T00:00:00.000Z' },
      { ...NEW, createdAt: '2026-01-02T00:00:00.000Z' },
    ],
  });
  seedAttempts(db, [
    {
      attemptId: 'd1',
      deliveryId: 'dlv_1',
      webhookId: 'wh_1',
      status: 'failed',
      responseCode: 500,
      body: BODY,
      sign: { secrets: [OLD], at: T },
      responseBody: '{"error":"boom"}',
      injected: ['forced_status'],
    },
    {
      attemptId: 'd2',
      deliveryId: 'dlv_1',
      webhookId: 'wh_1',
      status: 'failed',
      attemptNumber: 2,
      kind: 'retry',
      body: BODY,
      sign: { secrets: [OLD], at: T + 30 },
    },
    { attemptId: 'other', deliveryId: 'dlv_2', webhookId: 'wh_1', body: BODY, sign: { secrets: [NEW], at: T + 60 } },
    {
      attemptId: 'r1',
      deliveryId: null,
      webhookId: 'wh_1',
      kind: 'replay',
      replayOf: 'd2',
      body: BODY,
      sign: { secrets: [NEW], at: T + 90 },
    },
    {
      attemptId: 'r2',
      deliveryId: null,
      webhookId: 'wh_1',
      kind: 'replay',
      replayOf: 'r1',
      body: BODY,
      sign: { secrets: [NEW], at: T + 120 },
    },
  ]);
  return db;
}

describe('attempt detail', () => {
  it('shows raw and pretty bodies, response, injected faults and the linked timeline', () => {
    const db = world();
    const d = attemptDetail(db, 'd1');
    expect(d.request.bodyText).toBe(BODY);
    expect(d.request.bodyPretty).toBe(JSON.stringify(JSON.parse(BODY), null, 2));
    expect(d.request.headers['Sonzai-Signature']).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(d.response).toMatchObject({ status: 500, body: '{"error":"boom"}', bodyPretty: '{\n  "error": "boom"\n}' });
    expect(d.summary.injected).toEqual(['forced_status']);
    expect(d.timeline.map((a) => a.attemptId)).toEqual(['d1', 'd2', 'r1', 'r2']);
    // The same timeline seen from the end of a replay chain.
    expect(attemptDetail(db, 'r2').timeline.map((a) => a.attemptId)).toEqual(['d1', 'd2', 'r1', 'r2']);
    expect(attemptDetail(db, 'other').timeline.map((a) => a.attemptId)).toEqual(['other']);
  });

  it('answers not_found for an unknown attempt', () => {
    expect(() => attemptDetail(world(), 'nope')).toThrow(/no attempt nope/);
  });
});

describe('signature inspector', () => {
  it('names the secret that signed, recomputes the HMAC and says it was rotated since', () => {
    const s = inspectSignature(world(), 'd1');
    const expected = createHmac('sha256', 'oldkey111').update(`${T}.${BODY}`).digest('hex');
    expect(s.timestamp).toBe(T);
    expect(s.signedString).toBe(`${T}.${BODY}`);
    expect(s.signers).toEqual([
      expect.objectContaining({ secretId: 'sec_old', state: 'rotated', computedHmac: expected, inHeader: true }),
    ]);
    expect(s.signers[0].secretMasked).not.toContain('oldkey111');
    expect(s.current.ok).toBe(false);
    expect(s.current.secretId).toBe('sec_new');
    expect(s.current.reason).toMatch(/signed with a secret rotated since/);
  });

  it('✓ against the current secret when it signed', () => {
    const s = inspectSignature(world(), 'other');
    expect(s.signers[0]).toMatchObject({ secretId: 'sec_new', state: 'current', inHeader: true });
    expect(s.current).toMatchObject({ ok: true, secretId: 'sec_new' });
    expect(s.current.reason).toMatch(/^valid/);
  });
});
