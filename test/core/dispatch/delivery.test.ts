import { afterEach, describe, expect, it } from 'vitest';
import type { AttemptSummary } from '../../../src/shared/contract';
import { tempDir } from '../../helpers/tmp';
import {
  attemptRows,
  deliveryRow,
  insertWebhook,
  openStudio,
  receiver,
  receiverVerifies,
  rotateSecret,
  waitFor,
} from './helpers';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(delivery = {}) {
  const s = await openStudio(tempDir(), delivery);
  cleanup.push(s.close);
  return s;
}
async function rx(...args: Parameters<typeof receiver>) {
  const r = await receiver(...args);
  cleanup.push(r.close);
  return r;
}

describe('dispatcher: signed deliveries', () => {
  it('fans out to every active webhook of the project for the event type, with production headers only', async () => {
    const s = await setup();
    const a = await rx();
    const b = await rx();
    const other = await rx();
    const wa = insertWebhook(s.db, {
      projectId: s.projectId,
      eventType: 'agent.message',
      url: a.url,
      authHeader: 'Bearer hook-token',
    });
    // One webhook per (project, event type): a second project holds the second one.
    const p2 = s.studio.context.projects.createProject('second');
    insertWebhook(s.db, { projectId: p2.project_id, eventType: 'agent.message', url: b.url });
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'agent.mood_change', url: other.url });
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'agent.wakeup', url: other.url, active: false });

    const live: AttemptSummary[] = [];
    s.client.on('attempt.recorded', (p) => live.push(p));
    const body = '{"event_id":"evt_1","event_type":"agent.message",  "data":{"text":"こんにちは"}}';
    const fired = await s.fire('agent.message', body);
    expect(fired.eventId).toBe('evt_1');
    expect(fired.deliveries).toHaveLength(1);
    // Stored before fire returned.
    expect(deliveryRow(s.db, fired.deliveries[0]!.deliveryId)).toBeTruthy();

    await waitFor(() => live.length === 1, 5_000, 'the live attempt');
    expect(b.received).toHaveLength(0);
    expect(other.received).toHaveLength(0);
    const got = a.received[0]!;
    expect(got.body.toString('utf8')).toBe(body); // exact bytes, never re-serialised
    expect(receiverVerifies(wa.secret, got.headers['sonzai-signature'] as string, got.body)).toBe(true);
    expect(got.headers['sonzai-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(got.headers.authorization).toBe('Bearer hook-token');
    expect(got.headers['content-type']).toBe('application/json');
    const names = got.rawHeaders.filter((_, i) => i % 2 === 0).sort();
    expect(names).toEqual([
      'Authorization',
      'Connection',
      'Content-Length',
      'Content-Type',
      'Host',
      'Sonzai-Signature',
    ]);

    expect(live[0]).toMatchObject({
      eventId: 'evt_1',
      status: 'success',
      responseCode: 200,
      attemptNumber: 1,
      kind: 'delivery',
      injected: [],
    });
    const [att] = attemptRows(s.db, fired.deliveries[0]!.deliveryId);
    expect(att!.request_body.toString('utf8')).toBe(body);
    // Stored once: the attempt keeps no copy of its event's bytes, and reads them back from the event.
    const onDisk = s.db
      .prepare(
        'SELECT a.request_body AS own, e.body AS event FROM attempts a JOIN events e USING (event_id) WHERE attempt_id = ?',
      )
      .get(att!.attempt_id) as { own: Buffer | null; event: Buffer };
    expect(onDisk.own).toBeNull();
    expect(onDisk.event.toString('utf8')).toBe(body);
    expect(JSON.parse(att!.secret_ids_json)).toEqual([wa.secretId]);
    expect(JSON.stringify(att)).not.toContain(wa.secret.slice(6));
    expect(att!.signature_header).toBe(got.headers['sonzai-signature']);
    expect(JSON.parse(att!.response_headers_json!)).toHaveProperty('content-length', '2');
    expect(deliveryRow(s.db, fired.deliveries[0]!.deliveryId).status).toBe('succeeded');
  });

  it('fires into the default project and refuses a body that is not JSON', async () => {
    const s = await setup();
    const r = await s.fire('agent.message', { hello: 1 });
    expect(r.deliveries).toEqual([]);
    expect(r.eventId).toMatch(/^evt_/);
    await expect(s.fire('agent.message', '{nope')).rejects.toMatchObject({ code: 'invalid_params' });
    await expect(s.fire('agent.message', { a: 1 }, { projectId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('adds the labelled extra headers only when switched on', async () => {
    const s = await setup({ extraHeaders: true });
    const a = await rx();
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'x', url: a.url });
    const f = await s.fire('x', { k: 1 });
    await waitFor(() => a.received.length === 1);
    expect(a.received[0]!.headers['x-webhook-studio-delivery-id']).toBe(f.deliveries[0]!.deliveryId);
    expect(a.received[0]!.headers['x-webhook-studio-attempt']).toBe('1');
  });

  it('retries a 500 on the schedule and succeeds, each try stored', async () => {
    const s = await setup({ schedule: 'custom', customDelaysMs: [50, 50] });
    const a = await rx((_q, res, _b, n) => res.writeHead(n < 3 ? 500 : 200).end(n < 3 ? 'down' : 'ok'));
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'x', url: a.url });
    const f = await s.fire('x', { k: 1 });
    const id = f.deliveries[0]!.deliveryId;
    await waitFor(() => deliveryRow(s.db, id).status === 'succeeded', 5_000);
    const rows = attemptRows(s.db, id);
    expect(rows.map((r) => [r.attempt_number, r.status, r.response_code, r.kind])).toEqual([
      [1, 'failed', 500, 'delivery'],
      [2, 'failed', 500, 'retry'],
      [3, 'success', 200, 'retry'],
    ]);
    expect(rows[0]!.response_body).toBe('down');
    // Each retry is freshly signed and still verifies.
    expect(new Set(rows.map((r) => r.signature_header)).size).toBeGreaterThanOrEqual(1);
  });

  it('marks a delivery exhausted after the last attempt', async () => {
    const s = await setup({ schedule: 'custom', customDelaysMs: [20], maxAttempts: 3 });
    const a = await rx((_q, res) => res.writeHead(503).end());
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'x', url: a.url });
    const id = (await s.fire('x', {})).deliveries[0]!.deliveryId;
    await waitFor(() => deliveryRow(s.db, id).status === 'exhausted', 5_000);
    expect(attemptRows(s.db, id)).toHaveLength(3);
    expect(a.received).toHaveLength(3);
  });

  it('stops at 410 Gone', async () => {
    const s = await setup({ schedule: 'custom', customDelaysMs: [20] });
    const a = await rx((_q, res) => res.writeHead(410).end());
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'x', url: a.url });
    const id = (await s.fire('x', {})).deliveries[0]!.deliveryId;
    await waitFor(() => deliveryRow(s.db, id).status === 'gone', 5_000);
    await new Promise((r) => setTimeout(r, 150));
    expect(a.received).toHaveLength(1);
  });

  it('honours Retry-After on 429', async () => {
    const s = await setup({ schedule: 'custom', customDelaysMs: [20] });
    const a = await rx((_q, res) => res.writeHead(429, { 'Retry-After': '120' }).end());
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'x', url: a.url });
    const id = (await s.fire('x', {})).deliveries[0]!.deliveryId;
    await waitFor(() => deliveryRow(s.db, id).status === 'failed', 5_000);
    const row = deliveryRow(s.db, id);
    const attemptedAt = s.db.prepare('SELECT created_at FROM attempts WHERE delivery_id = ?').pluck().get(id) as string;
    const wait = Date.parse(row.next_attempt_at!) - Date.parse(attemptedAt);
    expect(wait).toBeGreaterThanOrEqual(119_000);
    expect(wait).toBeLessThanOrEqual(121_000);
  });

  it('records a redirect as a failure with its location, not followed', async () => {
    const s = await setup({ maxAttempts: 1 });
    const a = await rx((_q, res) => res.writeHead(307, { Location: 'http://127.0.0.1:1/elsewhere' }).end());
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'x', url: a.url });
    const id = (await s.fire('x', {})).deliveries[0]!.deliveryId;
    await waitFor(() => deliveryRow(s.db, id).status === 'exhausted', 5_000);
    const [att] = attemptRows(s.db, id);
    expect(att).toMatchObject({ status: 'failed', response_code: 307 });
    expect(att!.error_message).toContain('http://127.0.0.1:1/elsewhere');
  });

  it('"retry now" runs a pending retry at once; "cancel" stops it', async () => {
    const s = await setup({ schedule: 'custom', customDelaysMs: [600_000] });
    const a = await rx((_q, res, _b, n) => res.writeHead(n === 1 ? 500 : 200).end());
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'x', url: a.url });
    const one = (await s.fire('x', {})).deliveries[0]!.deliveryId;
    await waitFor(() => deliveryRow(s.db, one).status === 'failed', 5_000);
    await s.client.call('deliveries.retryNow', { deliveryId: one });
    await waitFor(() => deliveryRow(s.db, one).status === 'succeeded', 5_000);

    const b = await rx((_q, res) => res.writeHead(500).end());
    s.db.prepare('UPDATE webhooks SET webhook_url = ?').run(b.url);
    const two = (await s.fire('x', {})).deliveries[0]!.deliveryId;
    await waitFor(() => deliveryRow(s.db, two).status === 'failed', 5_000);
    expect(await s.client.call('deliveries.cancel', { deliveryId: two })).toEqual({
      deliveryId: two,
      status: 'cancelled',
    });
    await expect(s.client.call('deliveries.retryNow', { deliveryId: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(s.client.call('deliveries.retryNow', { deliveryId: one })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('signs with the new and the old secret during the rotation overlap window only', async () => {
    const s = await setup();
    const a = await rx();
    const w = insertWebhook(s.db, { projectId: s.projectId, eventType: 'x', url: a.url });
    const fresh = rotateSecret(s.db, w.webhookId);
    await s.fire('x', { n: 1 });
    await waitFor(() => a.received.length === 1);
    const off = a.received[0]!;
    expect((off.headers['sonzai-signature'] as string).match(/v1=/g)).toHaveLength(1);
    expect(receiverVerifies(fresh.secret, off.headers['sonzai-signature'] as string, off.body)).toBe(true);
    expect(receiverVerifies(w.secret, off.headers['sonzai-signature'] as string, off.body)).toBe(false);

    await s.client.call('delivery.settings.set', { patch: { rotationOverlapSeconds: 3600 } });
    await s.fire('x', { n: 2 });
    await waitFor(() => a.received.length === 2);
    const on = a.received[1]!;
    expect((on.headers['sonzai-signature'] as string).match(/v1=/g)).toHaveLength(2);
    expect(receiverVerifies(fresh.secret, on.headers['sonzai-signature'] as string, on.body)).toBe(true);
    expect(receiverVerifies(w.secret, on.headers['sonzai-signature'] as string, on.body)).toBe(true);
  });

  it('records a timeout at the configured limit and a refused connection, each classified', async () => {
    const s = await setup({ timeoutMs: 200, maxAttempts: 1 });
    const hang = await rx(() => {
      /* never answers */
    });
    const closed = await receiver();
    await closed.close();
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'slow', url: hang.url });
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'gone', url: closed.url });
    const a = (await s.fire('slow', {})).deliveries[0]!.deliveryId;
    const b = (await s.fire('gone', {})).deliveries[0]!.deliveryId;
    await waitFor(() => deliveryRow(s.db, a).status === 'exhausted' && deliveryRow(s.db, b).status === 'exhausted');
    const [ta] = attemptRows(s.db, a);
    const [tb] = attemptRows(s.db, b);
    expect(ta).toMatchObject({ status: 'failed', response_code: 0 });
    expect(ta!.error_message).toMatch(/^timeout: .*200 ms/);
    expect(ta!.duration_ms).toBeGreaterThanOrEqual(150);
    expect(tb!.error_message).toMatch(/^refused: /);
  });
});
