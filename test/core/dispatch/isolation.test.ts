import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import {
  attemptRows,
  bareDispatcher,
  deliveryRow,
  insertWebhook,
  receiver,
  receiverVerifies,
  waitFor,
} from './helpers';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function rx(...args: Parameters<typeof receiver>) {
  const r = await receiver(...args);
  cleanup.push(r.close);
  return r;
}
function setup(opts: Parameters<typeof bareDispatcher>[1] = {}) {
  const d = bareDispatcher(tempDir(), opts);
  cleanup.push(d.close);
  return d;
}

describe('isolation and ordering', () => {
  it('a hanging endpoint never delays deliveries to another endpoint', async () => {
    const d = setup({ delivery: { timeoutMs: 60_000, globalConcurrency: 4, perEndpointConcurrency: 2 } });
    const hang = await rx(() => {
      /* never answers */
    });
    const fast = await rx();
    insertWebhook(d.db, { projectId: d.projectId, eventType: 'slow.x', url: hang.url });
    insertWebhook(d.db, { projectId: d.projectId, eventType: 'fast.x', url: fast.url });
    for (let i = 0; i < 20; i++) d.fire('slow.x', { i });
    for (let i = 0; i < 20; i++) d.fire('fast.x', { i });
    await waitFor(() => fast.received.length === 20, 5_000, 'the fast endpoint');
    // The hanging one holds only its own two slots, and still does.
    await waitFor(() => hang.received.length === 2, 5_000, 'the hanging endpoint');
    await new Promise((r) => setTimeout(r, 100));
    expect(hang.received.length).toBe(2);
  });

  it('keeps at most the per-endpoint number of requests open at one endpoint', async () => {
    const d = setup({ delivery: { perEndpointConcurrency: 3 } });
    const slow = await rx((_q, res) => setTimeout(() => res.end('ok'), 30));
    insertWebhook(d.db, { projectId: d.projectId, eventType: 'x', url: slow.url });
    for (let i = 0; i < 30; i++) d.fire('x', { i });
    await waitFor(() => slow.received.length === 30, 10_000);
    await d.dispatcher.idle();
    expect(slow.maxInFlight).toBe(3);
  });

  it('in-order mode delivers one at a time in firing order, a failing one holding the rest back', async () => {
    const d = setup({ delivery: { inOrder: true, schedule: 'custom', customDelaysMs: [30] } });
    const ep = await rx((_q, res, body) => {
      const n = (JSON.parse(body.toString()) as { n: number }).n;
      const failedBefore = ep.received.filter((r) => r.body.equals(body)).length;
      res.writeHead(n === 1 && failedBefore < 3 ? 500 : 200).end();
    });
    insertWebhook(d.db, { projectId: d.projectId, eventType: 'x', url: ep.url });
    for (let n = 0; n < 6; n++) d.fire('x', { n });
    await waitFor(() => ep.received.length === 8, 10_000);
    await d.dispatcher.idle();
    const order = ep.received.map((r) => (JSON.parse(r.body.toString()) as { n: number }).n);
    expect(order).toEqual([0, 1, 1, 1, 2, 3, 4, 5]);
    expect(ep.maxInFlight).toBe(1);
  });

  it('replays a stored attempt, re-signed with the current secret, to its URL or another one', async () => {
    const d = setup();
    const a = await rx();
    const b = await rx();
    const w = insertWebhook(d.db, { projectId: d.projectId, eventType: 'x', url: a.url });
    const id = d.fire('x', { n: 1 }).deliveries[0]!.deliveryId;
    await d.dispatcher.idle();
    const [orig] = attemptRows(d.db, id);
    const again = await d.dispatcher.replay({ attemptId: orig!.attempt_id, to: b.url, body: '{"n":2}' });
    expect(b.received[0]!.body.toString()).toBe('{"n":2}');
    expect(receiverVerifies(w.secret, b.received[0]!.headers['sonzai-signature'] as string, b.received[0]!.body)).toBe(
      true,
    );
    const rows = attemptRows(d.db, id);
    expect(rows[1]).toMatchObject({ attempt_id: again.attemptId, kind: 'replay' });
    expect(deliveryRow(d.db, id).status).toBe('succeeded');
    await expect(d.dispatcher.replay({ attemptId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it("stores an attempt's body only when it differs from its event's (an edited replay)", async () => {
    const d = setup();
    const a = await rx();
    insertWebhook(d.db, { projectId: d.projectId, eventType: 'x', url: a.url });
    const id = d.fire('x', { n: 1 }).deliveries[0]!.deliveryId;
    await d.dispatcher.idle();
    const [orig] = attemptRows(d.db, id);
    const plain = await d.dispatcher.replay({ attemptId: orig!.attempt_id });
    const same = await d.dispatcher.replay({ attemptId: orig!.attempt_id, body: orig!.request_body.toString() });
    const edited = await d.dispatcher.replay({ attemptId: orig!.attempt_id, body: '{"n":2}' });
    const ofEdited = await d.dispatcher.replay({ attemptId: edited.attemptId });
    const own = d.db.prepare('SELECT request_body FROM attempts WHERE attempt_id = ?').pluck();
    for (const x of [orig!.attempt_id, plain.attemptId, same.attemptId]) expect(own.get(x), x).toBeNull();
    expect(String(own.get(edited.attemptId))).toBe('{"n":2}');
    expect(String(own.get(ofEdited.attemptId))).toBe('{"n":2}');
    // Every attempt reads back the bytes it sent, and the receiver got exactly those.
    const sent = attemptRows(d.db, id).map((r) => r.request_body.toString());
    expect(sent).toEqual(a.received.map((r) => r.body.toString()));
    expect(sent.slice(-2)).toEqual(['{"n":2}', '{"n":2}']);
  });
});
