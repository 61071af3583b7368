import { afterEach, describe, expect, it, vi } from 'vitest';
import { verify } from '../../../src/core/signing/signature';
import { StudioError } from '../../../src/shared/errors';
import { createHarness, FIXED_NOW, type Harness } from './harness';

let h: Harness;
afterEach(() => h?.close());

describe('templates', () => {
  it('offers a generated sample until a template is saved, then the saved one', async () => {
    h = createHarness();
    const first = await h.call('events.template.get', { eventType: 'agent.mood_change' });
    expect(first.saved).toBe(false);
    expect(first.data).toHaveProperty('current.valence');
    const edited = { ...first.data, reason: 'The user came back after a week away.' };
    const saved = await h.call('events.template.save', { eventType: 'agent.mood_change', data: edited });
    expect(saved).toEqual({ ok: true, issues: [], updatedAt: FIXED_NOW.toISOString() });
    const again = await h.call('events.template.get', { eventType: 'agent.mood_change' });
    expect(again).toMatchObject({ saved: true, data: edited });
    await h.call('events.template.reset', { eventType: 'agent.mood_change' });
    expect((await h.call('events.template.get', { eventType: 'agent.mood_change' })).saved).toBe(false);
  });

  it('refuses an invalid template and returns every issue with its JSON path', async () => {
    h = createHarness();
    const { data } = await h.call('events.template.get', { eventType: 'agent.mood_change' });
    const bad = { ...data, current: { ...(data.current as object), valence: 140 }, extra: 1 } as Record<
      string,
      unknown
    >;
    delete bad.reason;
    const res = await h.call('events.template.save', { eventType: 'agent.mood_change', data: bad });
    expect(res.ok).toBe(false);
    expect(res.issues).toEqual(
      expect.arrayContaining([
        { path: '$.reason', pointer: '/reason', message: 'is required' },
        { path: '$.extra', pointer: '/extra', message: 'is not allowed by the schema' },
        { path: '$.current.valence', pointer: '/current/valence', message: 'must be <= 100' },
      ]),
    );
    expect((await h.call('events.template.get', { eventType: 'agent.mood_change' })).saved).toBe(false);
    const v = await h.call('events.template.validate', { eventType: 'agent.mood_change', data: [1] });
    expect(v.issues).toEqual([{ path: '$', pointer: '', message: 'must be a JSON object' }]);
  });

  it('fires the saved template when no data is given', async () => {
    h = createHarness();
    const data = {
      ...(await h.call('events.template.get', { eventType: 'agent.wakeup' })).data,
      intent: 'ask about the race',
    };
    await h.call('events.template.save', { eventType: 'agent.wakeup', data });
    await h.call('events.fire', { eventType: 'agent.wakeup' });
    expect(JSON.parse(h.fired[0].bodyText).data.intent).toBe('ask about the race');
  });
});

describe('fire and preview', () => {
  it('gives fired events and their sample messages time-ordered UUIDs, in the order of the studio clock', async () => {
    let now = FIXED_NOW.getTime();
    h = createHarness({ clock: { now: () => new Date(now) } });
    const v7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const ids: string[] = [];
    const messages: string[] = [];
    for (const step of [0, 1, 60_000]) {
      now += step;
      const { eventId } = await h.call('events.fire', { eventType: 'agent.message' });
      const body = JSON.parse(h.fired.at(-1)!.bodyText);
      expect(body.event_id).toBe(eventId);
      ids.push(eventId);
      messages.push(body.data.message_id);
    }
    for (const id of [...ids, ...messages]) expect(id).toMatch(v7);
    // Sorted as fired: each lands at the end of its index, not on a random page.
    expect([...ids].reverse().sort()).toEqual(ids);
    expect([...messages].reverse().sort()).toEqual(messages);
    expect(ids[0].slice(0, 13)).toBe(
      `${FIXED_NOW.getTime().toString(16).padStart(12, '0').slice(0, 8)}-${FIXED_NOW.getTime().toString(16).padStart(12, '0').slice(8)}`,
    );
  });

  it('serialises once and hands the dispatcher the exact bytes with ids that match the body', async () => {
    h = createHarness();
    const res = await h.call('events.fire', { eventType: 'agent.message', userId: 'user-7', seed: 1 });
    expect(h.fired).toHaveLength(1);
    const f = h.fired[0];
    expect(typeof f.body).toBe('string');
    const body = JSON.parse(f.bodyText);
    expect(body).toMatchObject({ event_type: 'agent.message', user_id: 'user-7', created_at: FIXED_NOW.toISOString() });
    expect(f).toMatchObject({
      eventId: body.event_id,
      agentId: body.agent_id,
      userId: 'user-7',
      eventType: 'agent.message',
      source: 'ui',
    });
    expect(res).toMatchObject({
      eventId: body.event_id,
      bytes: Buffer.byteLength(f.bodyText),
      deliveries: [],
      issues: [],
    });
  });

  it('applies --set to the body and reports (but still fires) a schema violation', async () => {
    h = createHarness();
    const res = await h.call('events.fire', {
      eventType: 'agent.mood_change',
      seed: 3,
      set: ['data.reason=A long day', 'data.current.valence=101', 'user_id=u-9'],
    });
    const body = JSON.parse(h.fired[0].bodyText);
    expect(body.data.reason).toBe('A long day');
    expect(body.user_id).toBe('u-9');
    expect(h.fired[0].userId).toBe('u-9');
    expect(res.issues).toEqual([
      { path: '$.data.current.valence', pointer: '/data/current/valence', message: 'must be <= 100' },
    ]);
  });

  it('previews the exact bytes and production headers, signed with the current secret', async () => {
    h = createHarness();
    h.registerWebhook('agent.message', 'http://127.0.0.1:9/hook', 'whsec_fixedkey123', 'Bearer handler-token');
    const p = await h.call('events.preview', { eventType: 'agent.message', seed: 5 });
    expect(p.headers.map((x) => x.name)).toEqual(['Content-Type', 'Sonzai-Signature', 'Authorization']);
    expect(p.headers[2].value).toBe('Bearer handler-token');
    const sig = p.headers[1].value;
    const t = Math.floor(FIXED_NOW.getTime() / 1000);
    expect(sig.startsWith(`t=${t},v1=`)).toBe(true);
    expect(verify(p.body, sig, 'whsec_fixedkey123', { now: t })).toMatchObject({ ok: true });
    expect(verify(p.body, sig, 'whsec_other', { now: t }).ok).toBe(false);
    expect(p.bytes).toBe(Buffer.byteLength(p.body));
    expect(p.webhook).toMatchObject({ url: 'http://127.0.0.1:9/hook', secretId: 'sec_agent.message' });
    expect(p.note).toBeNull();

    // Firing the previewed bytes sends exactly them.
    const res = await h.call('events.fire', { eventType: 'agent.message', body: p.body });
    expect(h.fired[0].bodyText).toBe(p.body);
    expect(res.eventId).toBe(JSON.parse(p.body).event_id);
    expect(res.deliveries).toEqual([
      { deliveryId: 'd1', webhookId: 'wh_agent.message', webhookUrl: 'http://127.0.0.1:9/hook' },
    ]);
  });

  it('says when nothing would be delivered', async () => {
    h = createHarness();
    const p = await h.call('events.preview', { eventType: 'agent.consolidation' });
    expect(p.webhook).toBeNull();
    expect(p.headers).toEqual([{ name: 'Content-Type', value: 'application/json' }]);
    expect(p.note).toMatch(/no webhook is registered for agent.consolidation/);
  });

  it("uses the stored agent's language and personality", async () => {
    h = createHarness();
    const pid = h.ctx.projects.ensureDefaults().project.project_id;
    const agent = h.ctx.projects.createAgent(pid, 'Hana', 'ja', {
      big5: { openness: 90, conscientiousness: 40, extraversion: 20, agreeableness: 70, neuroticism: 60 },
    });
    await h.call('events.fire', { eventType: 'agent.message', agentId: agent.agent_id, seed: 2 });
    await h.call('events.fire', { eventType: 'on_personality_updated', agentId: 'Hana', seed: 2 });
    const msg = JSON.parse(h.fired[0].bodyText);
    expect(msg.agent_id).toBe(agent.agent_id);
    expect(msg.data.generated_message).toMatch(/[\u3040-\u30ff]/);
    const pers = JSON.parse(h.fired[1].bodyText);
    expect(pers.agent_id).toBe(agent.agent_id);
    expect(pers.big5_before).toEqual({
      openness: 90,
      conscientiousness: 40,
      extraversion: 20,
      agreeableness: 70,
      neuroticism: 60,
    });
  });

  it('rejects unknown types and bad --set with typed errors, firing nothing', async () => {
    h = createHarness();
    const unknown = await h.call('events.fire', { eventType: 'agent.nope' }).catch((e: unknown) => e);
    expect((unknown as StudioError).code).toBe('not_found');
    const badSet = await h
      .call('events.fire', { eventType: 'agent.message', set: ['data.generated_message.x=1'] })
      .catch((e: unknown) => e);
    expect((badSet as StudioError).code).toBe('invalid_params');
    const notJson = await h.call('events.fire', { eventType: 'agent.message', body: '{nope' }).catch((e: unknown) => e);
    expect((notJson as StudioError).message).toMatch(/not JSON/);
    expect(h.fired).toHaveLength(0);
  });
});

describe('custom types', () => {
  it('are created with a schema and sample, listed, fired in the envelope, and deleted', async () => {
    h = createHarness();
    const entry = await h.call('events.types.create', {
      type: 'session.end',
      description: 'A chat session ended',
      schema: { type: 'object', properties: { duration_s: { type: 'integer' } }, required: ['duration_s'] },
      sample: { duration_s: 42 },
    });
    expect(entry.family).toBe('custom');
    expect((await h.call('events.catalog', {})).types.map((t) => t.type)).toContain('session.end');
    const res = await h.call('events.fire', { eventType: 'session.end' });
    expect(JSON.parse(h.fired[0].bodyText).data).toEqual({ duration_s: 42 });
    expect(res.issues).toEqual([]);
    const bad = await h.call('events.template.save', { eventType: 'session.end', data: { duration_s: 'long' } });
    expect(bad.issues).toEqual([{ path: '$.duration_s', pointer: '/duration_s', message: 'must be integer' }]);
    await h.call('events.types.delete', { type: 'session.end' });
    expect((await h.call('events.catalog', {})).types.map((t) => t.type)).not.toContain('session.end');
  });

  it('refuses built-in names, bad schemas and samples that do not match', async () => {
    h = createHarness();
    const codes = await Promise.all([
      h.call('events.types.create', { type: 'agent.message' }).catch((e: StudioError) => e.code),
      h.call('events.types.create', { type: 'x', schema: { type: 'nonsense' } }).catch((e: StudioError) => e.code),
      h
        .call('events.types.create', { type: 'y', schema: { type: 'object', required: ['a'] }, sample: {} })
        .catch((e: StudioError) => e.code),
      h.call('events.types.create', { type: 'has space' }).catch((e: StudioError) => e.code),
    ]);
    expect(codes).toEqual(['conflict', 'invalid_params', 'invalid_params', 'invalid_params']);
  });
});

describe('side-effect hook', () => {
  it('sees every fired event with its exact body and source, and cannot break a fire', async () => {
    const seen: [string, string, string][] = [];
    h = createHarness({
      onFired: (ev, source) => {
        seen.push([ev.eventType, source, ev.body]);
        throw new Error('notification store is down');
      },
    });
    const res = await h.call('events.fire', { eventType: 'agent.message', seed: 1 });
    await h.call('events.fire', { eventType: 'on_wakeup_ready', source: 'cli' });
    expect(seen.map(([t, s]) => [t, s])).toEqual([
      ['agent.message', 'ui'],
      ['on_wakeup_ready', 'cli'],
    ]);
    expect(seen[0][2]).toBe(h.fired[0].bodyText);
    expect(res.eventId).toBe(h.fired[0].eventId);
  });

  it('runs in the transaction that stores the events (one commit), for one fire and for a burst', async () => {
    const seen: [string, boolean][] = [];
    h = createHarness({
      fireMany: true,
      onFired: (ev, source) => {
        seen.push([source, h.db.inTransaction]);
        if (source === 'ui') throw new Error('notification store is down');
      },
    });
    await h.call('events.fire', { eventType: 'agent.message', seed: 1 });
    const { burstId } = await h.call('events.burst.start', { eventType: 'agent.message', count: 3 });
    await vi.waitFor(() =>
      expect(
        h.events.some(
          (e) => e.event === 'burst.progress' && e.payload.burstId === burstId && e.payload.state === 'done',
        ),
      ).toBe(true),
    );
    expect(h.fired).toHaveLength(4);
    expect(seen).toEqual([
      ['ui', true],
      ['burst', true],
      ['burst', true],
      ['burst', true],
    ]);
    expect(h.batches.every((b) => b.alongsideInTransaction === true)).toBe(true);
    expect(h.batches.reduce((n, b) => n + b.events, 0)).toBe(4);
  });
});

describe('what a side effect reads', () => {
  it('gets the object a built body is the JSON of (not parsed again); a raw body comes alone', async () => {
    const seen: { body: string; payload: unknown }[] = [];
    h = createHarness({ onFired: (ev) => seen.push({ body: ev.body, payload: ev.payload }) });
    await h.call('events.fire', { eventType: 'agent.message', seed: 3, set: ['data.extra=1'] });
    const raw = '{ "event_type": "agent.message",  "data": {} }';
    await h.call('events.fire', { eventType: 'agent.message', body: raw });
    expect(JSON.stringify(seen[0]!.payload)).toBe(seen[0]!.body);
    expect(seen[0]!.payload).toEqual(JSON.parse(seen[0]!.body));
    expect(seen[1]).toEqual({ body: raw, payload: undefined });
    // A preview shows the body, not the object beside it.
    expect(await h.call('events.preview', { eventType: 'agent.message', seed: 3 })).not.toHaveProperty('payload');
  });
});

describe('building a batch', () => {
  it('reads each agent once and looks for a missing template once per batch; a saved template is read per event', async () => {
    h = createHarness({ fireMany: true });
    const profile = vi.spyOn(h.feature.agents, 'profile');
    const template = vi.spyOn(h.feature.templates, 'get');
    const outs = h.feature.firer.fireMany(
      [1, 2, 3, 4].map((i) => ({ eventType: 'agent.message', seed: i })),
      { source: 'burst' },
    );
    expect(outs).toHaveLength(4);
    expect(profile).toHaveBeenCalledTimes(1);
    expect(template).toHaveBeenCalledTimes(1);
    // Built one by one, each event reads again.
    h.feature.firer.fire({ eventType: 'agent.message', seed: 5 });
    expect(profile).toHaveBeenCalledTimes(2);

    const { data } = await h.call('events.template.get', { eventType: 'agent.message' });
    expect((await h.call('events.template.save', { eventType: 'agent.message', data })).ok).toBe(true);
    template.mockClear();
    h.feature.firer.fireMany(
      [1, 2, 3].map((i) => ({ eventType: 'agent.message', seed: i, set: [`data.content=n${i}`] })),
      { source: 'burst' },
    );
    expect(template).toHaveBeenCalledTimes(3);
    expect(h.fired.slice(-3).map((f) => JSON.parse(f.bodyText).data.content)).toEqual(['n1', 'n2', 'n3']);
  });
});
