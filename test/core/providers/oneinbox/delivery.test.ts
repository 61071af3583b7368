/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of the mock API, read field by field */
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, rawHeader, type Receiver } from '../../../helpers/receiver';
import { bodies, startOneInbox, type OneInboxHarness } from './helpers';

const ALL = [
  'call.started',
  'call.ended',
  'call.analyzed',
  'call.failed',
  'call.recording.available',
  'transcript.partial',
  'transcript.final',
];
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});
async function setup(delivery = {}) {
  const h = await startOneInbox(delivery);
  open.push(h);
  return h;
}
async function receiver(answer?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const r = await startReceiver(answer);
  open.push(r);
  return r;
}
const call = (h: OneInboxHarness, extra: Record<string, unknown> = {}) =>
  h.api('POST', '/v1/calls', {
    agent_id: 'agt_abc123',
    to_number: '+919876543210',
    from_number: '+15739693824',
    ...extra,
  });
const fired = (h: OneInboxHarness) =>
  h.studio.context.db
    .prepare(`SELECT event_type, body FROM events WHERE platform = 'oneinbox' ORDER BY seq`)
    .all()
    .map((r: any) => ({ type: r.event_type as string, body: JSON.parse(String(r.body)) as Record<string, any> }));
const advance = (h: OneInboxHarness, ms: number) => h.client.call('clock.advance', { ms });

describe('OneInbox calls on the studio clock', () => {
  it('one call: started, partials, ended, final, analyzed, recording, as the clock moves; GET /v1/calls follows', async () => {
    const h = await setup();
    const rx = await receiver();
    await h.api('POST', '/v1/webhooks', { name: 'all', url: `${rx.url}/hook`, events: ALL });
    const { json: c } = await call(h);
    await advance(h, 7_000);
    await h.until(() => rx.received.length >= 1);
    expect(bodies(rx.received).map((b) => b.event)).toEqual(['call.started']);
    expect((await h.api('GET', `/v1/calls/${c.id}`)).json).toMatchObject({
      status: 'in-progress',
      started_at: expect.any(String),
    });

    await advance(h, 10 * 60_000);
    const plan = h.studio.context.db
      .prepare('SELECT COUNT(*) AS n FROM oneinbox_call_events WHERE call_id = ?')
      .get(c.id) as { n: number };
    await h.until(() => rx.received.length === plan.n);
    const order = fired(h).map((e) => e.type);
    expect(order[0]).toBe('call.started');
    expect(order.slice(-4)).toEqual(['call.ended', 'transcript.final', 'call.analyzed', 'call.recording.available']);
    expect(order.slice(1, -4).every((t) => t === 'transcript.partial')).toBe(true);
    expect(new Set(bodies(rx.received).map((b) => b.event))).toEqual(new Set(order));
    expect(bodies(rx.received).every((b) => b.call_id === c.id)).toBe(true);
    const state = (await h.api('GET', `/v1/calls/${c.id}`)).json;
    expect(state).toMatchObject({
      status: 'completed',
      duration_seconds: expect.any(Number),
      outcome: expect.any(String),
      ai_summary: expect.any(String),
      recording_url: `https://storage.oneinbox.ai/recordings/${c.id}.mp3`,
    });
    expect(state.messages.length).toBeGreaterThan(3);
    // Delivered as documented: the JSON payload, no signature invented.
    const names = rx.received[0]!.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    expect(names).not.toContain('sonzai-signature');
    expect(rawHeader(rx.received[0]!.rawHeaders, 'content-type')).toBe('application/json');
  });

  it('overlapping calls (the busy afternoon): each call in order, calls interleaved, some failed', async () => {
    const h = await setup();
    const rx = await receiver();
    await h.api('POST', '/v1/webhooks', { name: 'all', url: `${rx.url}/hook`, events: ALL });
    const { calls } = await h.client.call('oneinbox.scenario.busyAfternoon', { seed: 7 });
    expect(calls.length).toBeGreaterThanOrEqual(5);
    const total = (h.studio.context.db.prepare('SELECT COUNT(*) AS n FROM oneinbox_call_events').get() as { n: number })
      .n;
    await advance(h, 30 * 60_000);
    await h.until(() => rx.received.length === total, 10_000);
    const seq = fired(h);
    const byCall = new Map<string, string[]>();
    for (const e of seq) byCall.set(e.body.call_id, [...(byCall.get(e.body.call_id) ?? []), e.type]);
    let failed = 0;
    for (const types of byCall.values()) {
      if (types[0] === 'call.failed') {
        expect(types).toEqual(['call.failed']);
        failed++;
        continue;
      }
      expect(types[0]).toBe('call.started');
      expect(types.slice(-4)).toEqual(['call.ended', 'transcript.final', 'call.analyzed', 'call.recording.available']);
    }
    expect(failed).toBeGreaterThanOrEqual(1);
    expect(byCall.size - failed).toBeGreaterThanOrEqual(2);
    // Overlap: some call starts before an earlier call has ended.
    const ids = seq.map((e) => e.body.call_id);
    const switches = ids.filter((id, i) => i > 0 && id !== ids[i - 1]).length;
    expect(switches).toBeGreaterThan(byCall.size);
    const langs = new Set((await h.client.call('oneinbox.calls.list')).calls.map((c) => c.language));
    expect(langs).toEqual(new Set(['en', 'ja', 'zh']));
  });
});

describe('OneInbox routing and delivery rules', () => {
  it('sends a webhook only the events it subscribed to', async () => {
    const h = await setup();
    const rx = await receiver();
    await h.api('POST', '/v1/webhooks', { name: 'ended', url: `${rx.url}/ended`, events: ['call.ended'] });
    await h.api('POST', '/v1/webhooks', { name: 'failed', url: `${rx.url}/failed`, events: ['call.failed'] });
    await h.client.call('oneinbox.trigger', { eventType: 'call.ended' });
    await h.client.call('oneinbox.trigger', { eventType: 'call.started' });
    await h.client.call('oneinbox.trigger', { eventType: 'call.failed' });
    await h.until(() => rx.received.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(rx.received.map((r) => `${r.url} ${JSON.parse(r.body.toString()).event}`).sort()).toEqual([
      '/ended call.ended',
      '/failed call.failed',
    ]);
  });

  it('per-call webhook_url: instead of the global webhooks by default, as well as them when set to "also"', async () => {
    const h = await setup();
    const rx = await receiver();
    await h.api('POST', '/v1/webhooks', { name: 'global', url: `${rx.url}/global`, events: ALL });
    const { json: c1 } = await call(h, { webhook_url: `${rx.url}/campaign` });
    await advance(h, 10 * 60_000);
    const n1 = (
      h.studio.context.db.prepare('SELECT COUNT(*) AS n FROM oneinbox_call_events WHERE call_id = ?').get(c1.id) as {
        n: number;
      }
    ).n;
    await h.until(() => rx.received.length === n1);
    await new Promise((r) => setTimeout(r, 100));
    expect(new Set(rx.received.map((r) => r.url))).toEqual(new Set(['/campaign']));

    await h.client.call('oneinbox.settings.set', { patch: { perCallOverride: 'also' } });
    rx.received.length = 0;
    const { json: c2 } = await call(h, { webhook_url: `${rx.url}/campaign2` });
    await advance(h, 10 * 60_000);
    const n2 = (
      h.studio.context.db.prepare('SELECT COUNT(*) AS n FROM oneinbox_call_events WHERE call_id = ?').get(c2.id) as {
        n: number;
      }
    ).n;
    await h.until(() => rx.received.length === 2 * n2);
    const urls = rx.received.map((r) => r.url);
    expect(urls.filter((u) => u === '/campaign2')).toHaveLength(n2);
    expect(urls.filter((u) => u === '/global')).toHaveLength(n2);
    // The per-call deliveries are attempts like any other, with no webhook id (stored in a batch: wait for it).
    const rowOf = () =>
      h.studio.context.db
        .prepare(`SELECT webhook_id, platform FROM attempts WHERE webhook_url = ? LIMIT 1`)
        .get(`${rx.url}/campaign2`) as { webhook_id: string | null; platform: string } | undefined;
    await h.until(() => rowOf() !== undefined);
    expect(rowOf()).toEqual({ webhook_id: null, platform: 'oneinbox' });
  });

  it('inactive: events are dropped (counted, not held); reactivated, the next events arrive', async () => {
    const h = await setup();
    const rx = await receiver();
    const { json: w } = await h.api('POST', '/v1/webhooks', { name: 'p', url: `${rx.url}/p`, events: ['call.ended'] });
    await h.api('PATCH', `/v1/webhooks/${w.id}`, { status: 'inactive' });
    await h.client.call('oneinbox.trigger', { eventType: 'call.ended' });
    await h.client.call('oneinbox.trigger', { eventType: 'call.ended' });
    const list = await h.client.call('oneinbox.webhooks.list');
    expect(list.webhooks[0]).toMatchObject({ status: 'inactive', skippedWhileInactive: 2 });
    await new Promise((r) => setTimeout(r, 150));
    expect(rx.received).toHaveLength(0);
    await h.api('PATCH', `/v1/webhooks/${w.id}`, { status: 'active' });
    await new Promise((r) => setTimeout(r, 150));
    expect(rx.received).toHaveLength(0); // nothing held back comes now
    await h.client.call('oneinbox.trigger', { eventType: 'call.ended' });
    await h.until(() => rx.received.length === 1);
  });

  it('retries a non-2xx with backoff until it succeeds; a receiver slower than the timeout setting fails', async () => {
    const h = await setup({ schedule: 'custom', customDelaysMs: [50, 50, 50] });
    let n = 0;
    const rx = await receiver((r, res) => {
      if (r.url === '/slow') return setTimeout(() => res.end('late'), 700);
      res.statusCode = ++n < 3 ? 503 : 200;
      res.end(String(res.statusCode));
    });
    await h.api('POST', '/v1/webhooks', { name: 'r', url: `${rx.url}/flaky`, events: ['call.started'] });
    const fire = await h.client.call('oneinbox.trigger', { eventType: 'call.started' });
    const id = fire.deliveries[0]!.deliveryId;
    const status = () =>
      h.studio.context.db.prepare('SELECT status, attempt_count FROM deliveries WHERE delivery_id = ?').get(id) as any;
    await h.until(() => status().status === 'succeeded');
    expect(status().attempt_count).toBe(3);
    expect(rx.received.filter((r) => r.url === '/flaky')).toHaveLength(3);

    await h.client.call('oneinbox.settings.set', { patch: { timeoutMs: 200 } });
    await h.client.call('delivery.settings.set', { patch: { maxAttempts: 1 } });
    const { json: slow } = await h.api('POST', '/v1/webhooks', {
      name: 's',
      url: `${rx.url}/slow`,
      events: ['call.analyzed'],
    });
    await h.client.call('oneinbox.trigger', { eventType: 'call.analyzed' });
    await h.until(async () => (await h.api('GET', `/v1/webhooks/${slow.id}/deliveries`)).json.data.length === 1);
    const [d] = (await h.api('GET', `/v1/webhooks/${slow.id}/deliveries`)).json.data;
    expect(d).toMatchObject({ response_status: null, error: expect.stringMatching(/^timeout/) });
    expect(d.duration_ms).toBeLessThan(650);
  });

  it('DELETE stops at once, pending retries included', async () => {
    const h = await setup({ schedule: 'custom', customDelaysMs: [60_000] });
    const rx = await receiver((_r, res) => {
      res.statusCode = 500;
      res.end();
    });
    const { json: w } = await h.api('POST', '/v1/webhooks', {
      name: 'd',
      url: `${rx.url}/d`,
      events: ['call.started'],
    });
    const fire = await h.client.call('oneinbox.trigger', { eventType: 'call.started' });
    const id = fire.deliveries[0]!.deliveryId;
    const row = () =>
      h.studio.context.db
        .prepare('SELECT status, next_attempt_at FROM deliveries WHERE delivery_id = ?')
        .get(id) as any;
    await h.until(() => row().status === 'failed');
    expect(row().next_attempt_at).not.toBeNull();
    await h.api('DELETE', `/v1/webhooks/${w.id}`);
    expect(row()).toEqual({ status: 'cancelled', next_attempt_at: null });
  });

  it('the user’s own auth header, when turned on, is sent; nothing else is added', async () => {
    const h = await setup();
    const rx = await receiver();
    await h.client.call('oneinbox.settings.set', { patch: { authHeader: { name: 'X-Hook-Token', value: 'tok_123' } } });
    await h.api('POST', '/v1/webhooks', { name: 'a', url: `${rx.url}/a`, events: ['call.started'] });
    await h.client.call('oneinbox.trigger', { eventType: 'call.started' });
    await h.until(() => rx.received.length === 1);
    const raw = rx.received[0]!.rawHeaders;
    expect(rawHeader(raw, 'x-hook-token')).toBe('tok_123');
    expect(
      raw
        .filter((_, i) => i % 2 === 0)
        .map((x) => x.toLowerCase())
        .sort(),
    ).toEqual(['connection', 'content-length', 'content-type', 'host', 'x-hook-token'].sort());
    await expect(
      h.client.call('oneinbox.settings.set', { patch: { authHeader: { name: 'bad name', value: 'x' } } }),
    ).rejects.toMatchObject({ code: 'invalid_params' });
  });

  it('bulk replay of failed OneInbox deliveries sends them again, unsigned, and sums up', async () => {
    const h = await setup({ maxAttempts: 1 });
    let healthy = false;
    const rx = await receiver((_r, res) => {
      res.statusCode = healthy ? 200 : 500;
      res.end();
    });
    await h.api('POST', '/v1/webhooks', { name: 'b', url: `${rx.url}/b`, events: ['call.failed'] });
    await h.client.call('oneinbox.trigger', { eventType: 'call.failed' });
    await h.client.call('oneinbox.trigger', { eventType: 'call.failed' });
    const failed = { platform: 'oneinbox' as const, status: 'failed' as const };
    await h.until(async () => (await h.client.call('attempts.list', { filter: failed })).attempts.length === 2);
    healthy = true;
    const done = new Promise<{ succeeded: number; state: string }>((resolve) =>
      h.client.on('bulkReplay.progress', (p) => {
        if (p.state === 'done') resolve(p);
      }),
    );
    await h.client.call('attempts.bulkReplay.start', { filter: failed });
    expect(await done).toMatchObject({ state: 'done', succeeded: 2 });
    expect(rx.received).toHaveLength(4);
    expect(rx.received[2]!.body.equals(rx.received[0]!.body) || rx.received[2]!.body.equals(rx.received[1]!.body)).toBe(
      true,
    );
  });

  it('OneInbox attempts are in the inspector: filtered by platform, replayed unsigned to the same or another URL, edited', async () => {
    const h = await setup();
    const rx = await receiver();
    await h.api('POST', '/v1/webhooks', { name: 'i', url: `${rx.url}/i`, events: ['call.ended'] });
    await h.client.call('oneinbox.trigger', { eventType: 'call.ended' });
    await h.until(() => rx.received.length === 1);
    await h.until(
      async () => (await h.client.call('attempts.list', { filter: { platform: 'oneinbox' } })).attempts.length === 1,
    );
    const page = await h.client.call('attempts.list', { filter: { platform: 'oneinbox' } });
    expect(page.attempts[0]).toMatchObject({ platform: 'oneinbox', eventType: 'call.ended' });
    expect((await h.client.call('attempts.list', { filter: { platform: 'sonzai' } })).attempts).toHaveLength(0);
    const origin = page.attempts[0]!.attemptId;
    const other = await receiver();
    await h.client.call('attempts.replay', { attemptId: origin });
    await h.client.call('attempts.replay', {
      attemptId: origin,
      to: `${other.url}/elsewhere`,
      body: '{"event":"call.ended","edited":true}',
    });
    await h.until(() => rx.received.length === 2 && other.received.length === 1);
    expect(rx.received[1]!.body.equals(rx.received[0]!.body)).toBe(true);
    expect(JSON.parse(other.received[0]!.body.toString())).toEqual({ event: 'call.ended', edited: true });
    for (const r of [...rx.received, ...other.received])
      expect(r.rawHeaders.filter((_, i) => i % 2 === 0).map((x) => x.toLowerCase())).not.toContain('sonzai-signature');
    const replays = await h.client.call('attempts.list', { filter: { platform: 'oneinbox', kind: 'replay' } });
    expect(replays.attempts).toHaveLength(2);
    expect(replays.attempts.every((a) => a.replayOf === origin)).toBe(true);
    // Bulk replay and HAR export take OneInbox attempts as they take Sonzai's.
    const har = await h.client.call('attempts.export', { format: 'har', filter: { platform: 'oneinbox' } });
    expect(har.count).toBe(3);
    const entries = JSON.parse(har.content).log.entries as any[];
    expect(entries.map((e) => e.request.url).sort()).toEqual(
      [`${other.url}/elsewhere`, `${rx.url}/i`, `${rx.url}/i`].sort(),
    );
    expect(entries.every((e) => e.request.headers.every((x: any) => x.name.toLowerCase() !== 'sonzai-signature'))).toBe(
      true,
    );
  });
});
