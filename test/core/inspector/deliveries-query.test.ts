import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import { deliveryRow, insertWebhook, openStudio, receiver, waitFor } from '../dispatch/helpers';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup() {
  const s = await openStudio(tempDir(), { schedule: 'custom', customDelaysMs: [40, 40], maxAttempts: 3 });
  cleanup.push(s.close);
  return s;
}

describe('deliveries as the unit (real dispatcher, real handler, real SQLite)', () => {
  it('lists a delivery that failed twice then succeeded as one delivered row with its attempts in order', async () => {
    const s = await setup();
    const ok = await receiver((_q, res, _b, n) => res.writeHead(n < 3 ? 500 : 200).end(n < 3 ? 'down' : 'ok'));
    cleanup.push(ok.close);
    const down = await receiver((_q, res) => res.writeHead(503).end());
    cleanup.push(down.close);
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'x.flaky', url: ok.url });
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'x.down', url: down.url });
    const flaky = (await s.fire('x.flaky', { k: 1 })).deliveries[0]!.deliveryId;
    const dead = (await s.fire('x.down', { k: 2 })).deliveries[0]!.deliveryId;
    await waitFor(
      () => deliveryRow(s.db, flaky).status === 'succeeded' && deliveryRow(s.db, dead).status === 'exhausted',
      8_000,
    );

    const page = await s.client.call('deliveries.list', { filter: {} });
    expect(page.deliveries.map((d) => d.deliveryId)).toEqual([dead, flaky]); // newest first
    const row = page.deliveries[1];
    expect(row).toMatchObject({ state: 'delivered', tries: 3, replays: 0, nextAttemptAt: null });
    expect(row.last).toMatchObject({ status: 'success', responseCode: 200, kind: 'retry' });
    expect(page.deliveries[0]).toMatchObject({ state: 'failed', tries: 3 });
    expect(page.deliveries[0].last?.responseCode).toBe(503);

    // Replays (one as sent, one edited) join the history, marked as such.
    const { attempts: before } = await s.client.call('deliveries.attempts', { deliveryId: flaky });
    await s.client.call('attempts.replay', { attemptId: before[2].attemptId });
    await s.client.call('attempts.replay', { attemptId: before[0].attemptId, body: '{"k":99}' });
    const { attempts } = await s.client.call('deliveries.attempts', { deliveryId: flaky });
    expect(attempts.map((a) => [a.attemptNumber, a.kind, a.responseCode, a.edited])).toEqual([
      [1, 'delivery', 500, false],
      [2, 'retry', 500, false],
      [3, 'retry', 200, false],
      [3, 'replay', 200, false],
      [1, 'replay', 200, true],
    ]);
    const again = await s.client.call('deliveries.list', { filter: {}, ids: [flaky] });
    expect(again.deliveries).toHaveLength(1);
    expect(again.deliveries[0]).toMatchObject({ state: 'delivered', tries: 3, replays: 2 });

    // Filters of the attempt view apply to deliveries; counts are totals from the store.
    const failing = await s.client.call('deliveries.list', { filter: { status: 'failed' } });
    expect(failing.deliveries.map((d) => d.deliveryId)).toEqual([dead]);
    const had5xx = await s.client.call('deliveries.list', { filter: { codeClass: '5xx' } });
    expect(had5xx.deliveries).toHaveLength(2);
    const byState = await s.client.call('deliveries.list', { filter: { state: 'delivered' } });
    expect(byState.deliveries.map((d) => d.deliveryId)).toEqual([flaky]);
    expect(await s.client.call('deliveries.counts', { filter: {} })).toEqual({
      deliveries: 2,
      delivered: 1,
      failing: 1,
      retrying: 0,
      attempts: 8,
    });
    expect(await s.client.call('deliveries.counts', { filter: { eventType: 'x.flaky' } })).toMatchObject({
      deliveries: 1,
      failing: 0,
      attempts: 5,
    });

    // Health per webhook over its recent attempts.
    const { webhooks } = await s.client.call('webhooks.health', { projectId: s.projectId });
    const h = webhooks.find((w) => w.eventType === 'x.flaky')!;
    expect(h).toMatchObject({ sample: 5, lastStatus: 'success', lastCode: 200 });
    expect(h.successRate).toBeCloseTo(3 / 5);
    expect(h.p50Ms).not.toBeNull();
    expect(webhooks.find((w) => w.eventType === 'x.down')).toMatchObject({ successRate: 0, lastCode: 503 });
  }, 20_000);

  it('shows a retrying delivery with its next retry time, and pages on seq', async () => {
    const s = await openStudio(tempDir(), { schedule: 'custom', customDelaysMs: [3_600_000], maxAttempts: 3 });
    cleanup.push(s.close);
    const down = await receiver((_q, res) => res.writeHead(500).end());
    cleanup.push(down.close);
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'x.down', url: down.url });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await s.fire('x.down', { i })).deliveries[0]!.deliveryId);
    await waitFor(() => ids.every((id) => deliveryRow(s.db, id).status === 'failed'), 8_000);
    const first = await s.client.call('deliveries.list', { filter: {}, limit: 2 });
    expect(first.deliveries).toHaveLength(2);
    expect(first.deliveries[0]).toMatchObject({ state: 'retrying', tries: 1 });
    expect(first.deliveries[0].nextAttemptAt).toBe(deliveryRow(s.db, first.deliveries[0].deliveryId).next_attempt_at);
    const rest = await s.client.call('deliveries.list', { filter: {}, limit: 2, cursor: first.nextCursor });
    expect([...first.deliveries, ...rest.deliveries].map((d) => d.deliveryId)).toEqual([...ids].reverse());
    expect(rest.nextCursor).toBeNull();
    expect(await s.client.call('deliveries.counts', { filter: {} })).toMatchObject({ failing: 3, retrying: 3 });
    // One run's deliveries (a burst): by the events' source, from one event on.
    const events = s.db.prepare('SELECT event_id, source FROM events ORDER BY seq').all() as {
      event_id: string;
      source: string;
    }[];
    const run = { source: events[0].source, fromEvent: events[1].event_id };
    expect(await s.client.call('deliveries.counts', { filter: run })).toEqual({
      deliveries: 2,
      delivered: 0,
      failing: 2,
      retrying: 2,
      attempts: 2,
    });
    const one = { ...run, toEvent: events[1].event_id };
    expect((await s.client.call('deliveries.list', { filter: one })).deliveries.map((d) => d.deliveryId)).toEqual([
      ids[1],
    ]);
    expect((await s.client.call('deliveries.counts', { filter: { source: 'nobody' } })).deliveries).toBe(0);

    // Bulk replay leaves deliveries with a retry still scheduled alone unless asked, and says where it sends.
    expect(await s.client.call('attempts.bulkReplay.preview', { filter: {} })).toEqual({
      total: 0,
      skippedScheduled: 3,
      urls: [],
    });
    expect(await s.client.call('attempts.bulkReplay.preview', { filter: {}, includeScheduled: true })).toEqual({
      total: 3,
      skippedScheduled: 0,
      urls: [{ url: down.url, count: 3 }],
    });
    const job = await s.client.call('attempts.bulkReplay.start', { filter: {} });
    expect(job.total).toBe(0);
    expect(down.received).toHaveLength(3); // nothing sent twice
    await expect(s.client.call('deliveries.list', { filter: { state: 'nope' } } as never)).rejects.toThrow();
  }, 20_000);
});
