import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/events/prng';
import { rawHeader, startReceiver, type Receiver } from '../../helpers/receiver';
import { startApi, type Harness } from '../api/helpers';

interface Wakeup {
  wakeup_id: string;
  created_at: string;
  scheduled_at: string;
  executed_at?: string;
  status: string;
}

const HOUR = 3_600_000;

/**
 * One studio clock: schedule wakeups, fast-forward the clock in uneven steps across days
 * (the API's advance-time and the UI's clock.advance), and after every step check every
 * wakeup, every event it fired and every notification it left.
 */
describe('one studio clock, across a multi-day fast-forward', () => {
  let h: Harness | undefined;
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await h?.close();
    await receiver?.close();
  });

  it('created_at <= scheduled_at <= executed_at for every wakeup, and events and notifications agree', async () => {
    h = await startApi();
    receiver = await startReceiver();
    for (const type of ['agent.wakeup', 'agent.message']) {
      expect(
        (await h.api('PUT', `/webhooks/${type}`, { body: { webhook_url: `${receiver.url}/${type}` } })).status,
      ).toBe(200);
    }
    const rng = createRng('one-clock');
    const realStart = Date.now();
    let advancedHours = 0;
    for (let step = 0; step < 12; step++) {
      for (let i = rng.int(1, 3); i > 0; i--) {
        const body = rng.chance(0.7)
          ? {
              user_id: `u${rng.int(1, 3)}`,
              check_type: 'check_in',
              intent: `step ${step}`,
              delay_hours: rng.int(0, 40),
            }
          : {
              user_id: 'u9',
              check_type: 'follow_up',
              intent: 'at a time',
              delay_hours: 0,
              scheduled_at: new Date(Date.now() + (advancedHours + rng.int(1, 30)) * HOUR).toISOString(),
            };
        expect((await h.api('POST', `/agents/${h.agentId}/wakeups`, { body })).status).toBe(200);
      }
      const hours = rng.int(1, 20);
      if (step % 2) await h.api('POST', '/workbench/advance-time', { body: { simulated_hours: hours } });
      else await h.cmd('clock.advance', { ms: hours * HOUR });
      advancedHours += hours;

      const list = (await h.api('GET', `/agents/${h.agentId}/wakeups?limit=500`)).json.wakeups as Wakeup[];
      for (const w of list) {
        expect(w.created_at <= w.scheduled_at, JSON.stringify(w)).toBe(true);
        if (w.status === 'executed') expect(w.scheduled_at <= w.executed_at!, JSON.stringify(w)).toBe(true);
      }
    }
    expect(advancedHours).toBeGreaterThan(48);
    const all = (await h.api('GET', `/agents/${h.agentId}/wakeups?limit=500`)).json.wakeups as Wakeup[];
    const executed = all.filter((w) => w.status === 'executed');
    expect(executed.length).toBeGreaterThan(5);

    // The events each wakeup fired carry its times, stamped by the same clock.
    await h.studio.context.db.prepare('SELECT 1').get();
    const deadline = Date.now() + 10_000;
    while (
      receiver.received.filter((r) => r.url === '/agent.wakeup').length < executed.length &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const byId = new Map(executed.map((w) => [w.wakeup_id, w]));
    const wakeEvents = receiver.received.filter((r) => r.url === '/agent.wakeup');
    expect(wakeEvents.length).toBe(executed.length);
    for (const r of wakeEvents) {
      const body = JSON.parse(r.body.toString()) as { created_at: string; data: Wakeup };
      const w = byId.get(body.data.wakeup_id)!;
      expect(body.data).toMatchObject({
        created_at: w.created_at,
        scheduled_at: w.scheduled_at,
        executed_at: w.executed_at,
      });
      expect(body.created_at).toBe(w.executed_at);
      // The signature's t is real time: a handler checks it against its own clock (±300 s).
      const t = Number(/t=(\d+)/.exec(rawHeader(r.rawHeaders, 'sonzai-signature') ?? '')![1]);
      expect(Math.abs(t * 1000 - Date.now())).toBeLessThan(300_000);
      expect(new Date(body.created_at).getTime()).toBeGreaterThan(realStart + HOUR);
    }

    // Notifications the wakeups left are stamped when the wakeup ran, not on the real clock.
    const notes = (await h.api('GET', `/projects/${h.projectId}/notifications?limit=200`)).json.notifications as {
      created_at: string;
      payload: { data?: { wakeup_id?: string }; created_at?: string };
    }[];
    const fromWakeups = notes.filter((n) => n.payload.data?.wakeup_id && byId.has(n.payload.data.wakeup_id));
    expect(fromWakeups.length).toBeGreaterThan(0);
    for (const n of fromWakeups) {
      expect(n.created_at).toBe(byId.get(n.payload.data!.wakeup_id!)!.executed_at);
      expect(n.payload.created_at).toBe(n.created_at);
    }
    const pending = (await h.api('GET', `/agents/${h.agentId}/notifications?limit=500`)).json.notifications as {
      created_at: string;
      wakeup_id?: string;
    }[];
    for (const n of pending.filter((x) => x.wakeup_id && byId.has(x.wakeup_id))) {
      expect(n.created_at).toBe(byId.get(n.wakeup_id!)!.executed_at);
    }
  });

  it('a retry is scheduled on the studio clock, and an advance past it sends it at once', async () => {
    h = await startApi();
    receiver = await startReceiver((_r, res) => {
      res.statusCode = 500;
      res.end('no');
    });
    await h.cmd('delivery.settings.set', { patch: { schedule: 'production' } });
    await h.cmd('clock.advance', { ms: 48 * HOUR });
    await h.api('PUT', '/webhooks/agent.breakthrough', { body: { webhook_url: `${receiver.url}/bt` } });
    const fired = await h.cmd('events.fire', { eventType: 'agent.breakthrough' });
    const deadline = Date.now() + 5000;
    while (receiver.received.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const row = () =>
      h!.studio.context.db
        .prepare('SELECT next_attempt_at, created_at, attempt_count FROM deliveries WHERE event_id = ?')
        .get(fired.eventId) as { next_attempt_at: string | null; created_at: string; attempt_count: number };
    let d = row();
    for (let i = 0; i < 100 && d.attempt_count < 1; i++, d = row()) await new Promise((r) => setTimeout(r, 20));
    // Stamped and scheduled on the studio clock (two days ahead of real time), a minute or so out.
    expect(new Date(d.created_at).getTime()).toBeGreaterThan(Date.now() + 47 * HOUR);
    const wait = new Date(d.next_attempt_at!).getTime() - new Date(d.created_at).getTime();
    expect(wait).toBeGreaterThan(30_000);
    expect(wait).toBeLessThan(10 * 60_000);
    const before = Date.now();
    await h.cmd('clock.advance', { ms: 15 * 60_000 });
    while (receiver.received.length < 2 && Date.now() - before < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(receiver.received.length).toBe(2);
    expect(Date.now() - before).toBeLessThan(3000);
  });
});
