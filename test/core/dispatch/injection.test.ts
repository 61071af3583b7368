import { afterEach, describe, expect, it } from 'vitest';
import type { AttemptSummary } from '../../../src/shared/contract';
import { mergeInjection, planInjection, shuffle } from '../../../src/core/dispatch/injection';
import { tempDir } from '../../helpers/tmp';
import { attemptRows, bareDispatcher, deliveryRow, insertWebhook, receiver, waitFor } from './helpers';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(opts: Parameters<typeof bareDispatcher>[1] = {}) {
  const d = bareDispatcher(tempDir(), opts);
  cleanup.push(d.close);
  const rx = await receiver();
  cleanup.push(rx.close);
  const hook = insertWebhook(d.db, { projectId: d.projectId, eventType: 'x', url: rx.url });
  const live: AttemptSummary[] = [];
  const storedAtEmit: boolean[] = [];
  const byId = d.db.prepare('SELECT 1 FROM attempts WHERE attempt_id = ?');
  d.bus.subscribe((e) => {
    if (e.event !== 'attempt.recorded') return;
    live.push(e.payload);
    // Announced only once stored.
    storedAtEmit.push(byId.get(e.payload.attemptId) !== undefined);
  });
  cleanup.push(async () => expect(storedAtEmit.every(Boolean)).toBe(true));
  return { ...d, rx, hook, live };
}

describe('failure injection', () => {
  it('layers: event over webhook over global, field by field', () => {
    expect(mergeInjection({ dropRate: 1 }, { latencyMs: 5, dropRate: 0 }, { forceStatus: 500, latencyMs: 9 })).toEqual({
      dropRate: 1,
      latencyMs: 5,
      forceStatus: 500,
    });
    expect(planInjection({ dropRate: 0.5, duplicateRate: 0.5 }, () => 0.4)).toMatchObject({
      drop: true,
      duplicate: true,
    });
    expect(planInjection({ dropRate: 0.5, duplicateRate: 0.5 }, () => 0.6)).toMatchObject({
      drop: false,
      duplicate: false,
    });
    expect(shuffle([1, 2, 3, 4], () => 0)).toEqual([2, 3, 4, 1]);
  });

  it('drop: not sent, recorded as injected, retried on the schedule', async () => {
    const d = await setup({ delivery: { maxAttempts: 1 } });
    const f = d.fire('x', { a: 1 }, { dropRate: 1 });
    await d.dispatcher.idle();
    expect(d.rx.received).toHaveLength(0);
    const [att] = attemptRows(d.db, f.deliveries[0]!.deliveryId);
    expect(att).toMatchObject({ status: 'failed', response_code: 0 });
    expect(JSON.parse(att!.injected_json!)).toEqual(['drop']);
    expect(att!.error_message).toContain('failure injection');
    expect(d.live[0]!.injected).toEqual(['drop']);
  });

  it('duplicate: the handler gets the same signed bytes twice, both attempts stored', async () => {
    const d = await setup();
    const f = d.fire('x', { a: 1 }, { duplicateRate: 1 });
    await d.dispatcher.idle();
    expect(d.rx.received).toHaveLength(2);
    expect(d.rx.received[0]!.body.equals(d.rx.received[1]!.body)).toBe(true);
    expect(d.rx.received[0]!.headers['sonzai-signature']).toBe(d.rx.received[1]!.headers['sonzai-signature']);
    const rows = attemptRows(d.db, f.deliveries[0]!.deliveryId);
    expect(rows.map((r) => r.injected_json)).toEqual([null, '["duplicate"]']);
  });

  it('forced status: answered by the studio, not sent, and treated like that status', async () => {
    const d = await setup();
    d.injections.set(d.hook.webhookId, { forceStatus: 410 });
    const f = d.fire('x', { a: 1 });
    await d.dispatcher.idle();
    expect(d.rx.received).toHaveLength(0);
    expect(deliveryRow(d.db, f.deliveries[0]!.deliveryId).status).toBe('gone');
    expect(d.live[0]).toMatchObject({ responseCode: 410, injected: ['forced_status:410'] });
  });

  it('latency: sent later, marked', async () => {
    const d = await setup();
    d.settings.set({ injection: { latencyMs: 150 } });
    const start = Date.now();
    d.fire('x', { a: 1 });
    await d.dispatcher.idle();
    expect(d.rx.received[0]!.at - start).toBeGreaterThanOrEqual(140);
    expect(d.live[0]!.injected).toEqual(['latency:150']);
  });

  it('reorder: a window of deliveries arrives shuffled, each marked', async () => {
    let i = 0;
    const seq = [0.1, 0.9, 0.3, 0.7, 0.2, 0.5];
    const d = await setup({ randomFloat: () => seq[i++ % seq.length]!, delivery: { perEndpointConcurrency: 1 } });
    d.settings.set({ injection: { reorderWindow: 5 } });
    for (let n = 0; n < 5; n++) d.fire('x', { n });
    await waitFor(() => d.rx.received.length === 5, 5_000);
    await d.dispatcher.idle();
    const order = d.rx.received.map((r) => (JSON.parse(r.body.toString()) as { n: number }).n);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(order).not.toEqual([0, 1, 2, 3, 4]);
    expect(d.live.every((a) => a.injected.includes('reorder'))).toBe(true);
  });

  it('a per-webhook override is listed and removable through the contract', async () => {
    const d = await setup();
    expect(d.injections.set(d.hook.webhookId, { dropRate: 0.5 })).toEqual({ dropRate: 0.5 });
    expect(d.injections.list()).toEqual([{ webhookId: d.hook.webhookId, injection: { dropRate: 0.5 } }]);
    expect(d.injections.set(d.hook.webhookId, {})).toBeNull();
    expect(d.injections.get(d.hook.webhookId)).toBeNull();
  });
});
