import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import published from '../../../src/core/api/openapi/sonzai-neighbours.json';
import { NEIGHBOUR_OPERATIONS } from '../../../src/core/api/openapi';
import { startReceiver, type Receiver } from '../../helpers/receiver';
import { expectProblem, startApi, type Answer, type Harness } from './helpers';

/** The published neighbours document, compiled on its own (not through the mock's merged copy). */
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const f of ['int64', 'int32', 'double', 'float']) ajv.addFormat(f, true);
ajv.addSchema({ $id: 'n.json', components: published.components });
type Op = {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
};
const opsById = new Map<string, Op>();
for (const item of Object.values(published.paths) as Record<string, Op>[]) {
  for (const op of Object.values(item)) opsById.set(op.operationId, op);
}
const validators = new Map<string, ValidateFunction>();
function check(operationId: string, a: Answer): void {
  expect(a.status, `${operationId}: ${a.text}`).toBeLessThan(300);
  const op = opsById.get(operationId)!;
  if (a.status === 204) {
    expect(op.responses['204']).toBeDefined();
    expect(a.text).toBe('');
    checked.add(operationId);
    return;
  }
  const schema = op.responses[String(a.status)].content!['application/json'].schema;
  let fn = validators.get(operationId);
  if (!fn)
    validators.set(operationId, (fn = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/', '"n.json#/')))));
  expect(fn(a.json), `${operationId}: ${JSON.stringify(fn.errors)}\n${a.text}`).toBe(true);
  checked.add(operationId);
}
const checked = new Set<string>();

let h: Harness;
let receiver: Receiver;
const HOUR = 3_600_000;
const bodiesOf = (type: string) =>
  receiver.received
    .filter((r) => r.url === `/${type}`)
    .map((r) => JSON.parse(r.body.toString()) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
async function until(fn: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

beforeAll(async () => {
  h = await startApi();
  receiver = await startReceiver();
  for (const type of [
    'on_mood_updated',
    'on_diary_generated',
    'agent.breakthrough',
    'on_recurring_event_due',
    'agent.mood_change',
  ]) {
    await h.api('PUT', `/webhooks/${type}`, { body: { webhook_url: `${receiver.url}/${type}` } });
  }
});
afterAll(async () => {
  expect([...NEIGHBOUR_OPERATIONS].filter((id) => !checked.has(id))).toEqual([]);
  await h.close();
  await receiver.close();
});

describe('revokeAPIKey, as the published spec says', () => {
  it('answers 200 {success: true}; the key stops working; listed as published, not an extension', async () => {
    const created = await h.api('POST', `/projects/${h.projectId}/keys`, { body: { name: 'temp' } });
    const ok = await h.api('GET', '/webhooks', { key: created.json.key });
    expect(ok.status).toBe(200);
    const r = await h.api('DELETE', `/projects/${h.projectId}/keys/${created.json.key_id}`);
    check('revokeAPIKey', r);
    expect(r.json.success).toBe(true);
    expectProblem(await h.api('GET', '/webhooks', { key: created.json.key }), 401);
    expectProblem(await h.api('DELETE', `/projects/${h.projectId}/keys/nope`), 404);
    const doc = (await h.api('GET', '/openapi.json', { key: null })).json;
    const op = doc.paths['/projects/{projectId}/keys/{keyId}'].delete;
    expect(op.operationId).toBe('revokeAPIKey');
    expect(op['x-studio-extension']).toBeUndefined();
    expect(Object.keys(op.responses)).toContain('200');
    const served = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((i) =>
      Object.values(i).map((o) => o.operationId),
    );
    expect(served.length).toBe(31 + NEIGHBOUR_OPERATIONS.size);
    for (const id of NEIGHBOUR_OPERATIONS) expect(served).toContain(id);
  });
});

describe('agent state: what the studio fires is what the reads return', () => {
  it('a mood event sets getMood and adds a history entry; PUT /mood overrides', async () => {
    const before = await h.api('GET', `/agents/${h.agentId}/mood`);
    check('getMood', before);
    await h.cmd('events.fire', { eventType: 'on_mood_updated', userId: 'u-1', seed: 'm1' });
    await until(() => bodiesOf('on_mood_updated').length === 1);
    const sent = bodiesOf('on_mood_updated')[0];
    const mine = await h.api('GET', `/agents/${h.agentId}/mood?user_id=u-1`);
    check('getMood', mine);
    const { $schema: _s, ...mood } = mine.json.mood;
    void _s;
    expect(mood).toEqual(sent.mood);
    const history = await h.api('GET', `/agents/${h.agentId}/mood-history?user_id=u-1`);
    check('getMoodHistory', history);
    expect(history.json.entries[0]).toMatchObject({
      valence: sent.mood.valence,
      arousal: sent.mood.arousal,
      tension: sent.mood.tension,
      affiliation: sent.mood.affiliation,
      label: sent.mood.label,
      trigger_reason: sent.reason,
    });
    const put = await h.api('PUT', `/agents/${h.agentId}/mood?user_id=u-1`, {
      body: { valence: 10, arousal: 20, tension: 30, affiliation: 40 },
    });
    check('updateMood', put);
    expect((await h.api('GET', `/agents/${h.agentId}/mood?user_id=u-1`)).json.mood).toMatchObject({
      valence: 10,
      tension: 30,
    });
    const after = (await h.api('GET', `/agents/${h.agentId}/mood-history?user_id=u-1&limit=5`)).json.entries;
    expect(after[0]).toMatchObject({ valence: 10, trigger_type: 'override', delta_valence: 10 - sent.mood.valence });
    expectProblem(
      await h.api('PUT', `/agents/${h.agentId}/mood`, {
        body: { valence: 101, arousal: 1, tension: 1, affiliation: 1 },
      }),
      422,
    );
    expectProblem(await h.api('GET', `/agents/${h.agentId}/mood-history?limit=0`), 422);
  });

  it('a diary event adds the entry getDiary lists; a breakthrough event the one listBreakthroughs lists', async () => {
    await h.cmd('events.fire', { eventType: 'on_diary_generated', userId: 'u-2', seed: 'd1' });
    await h.cmd('events.fire', { eventType: 'agent.breakthrough', userId: 'u-2', seed: 'b1' });
    await until(() => bodiesOf('on_diary_generated').length === 1 && bodiesOf('agent.breakthrough').length === 1);
    const entry = bodiesOf('on_diary_generated')[0].entry;
    const diary = await h.api('GET', `/agents/${h.agentId}/diary?user_id=u-2`);
    check('getDiary', diary);
    expect(diary.json.entries).toEqual([entry]);
    const one = await h.api('GET', `/agents/${h.agentId}/diary?date=${entry.date}&user_id=u-2`);
    check('getDiary', one);
    expect(one.json.entry).toEqual(entry);
    const bt = await h.api('GET', `/agents/${h.agentId}/breakthroughs?user_id=u-2`);
    check('listBreakthroughs', bt);
    expect(bt.json.breakthroughs).toEqual([bodiesOf('agent.breakthrough')[0].data]);
    expectProblem(await h.api('GET', `/agents/${h.agentId}/diary?limit=abc`), 422);
    expectProblem(await h.api('GET', `/agents/${h.agentId}/diary?date=2026-13`), 422);
    expectProblem(await h.api('GET', `/agents/ghost/diary`), 404);
  });

  it('a backend event is accepted, then writes a diary entry in its language and lifts the mood', async () => {
    const before = bodiesOf('on_diary_generated').length;
    const r = await h.api('POST', `/agents/${h.agentId}/events`, {
      body: {
        user_id: 'u-3',
        event_type: 'achievement',
        event_description: '初めてのマラソン完走',
        language: 'ja',
        metadata: { achievement_id: 'marathon' },
        messages: [{ role: 'user', content: '走りきった！' }],
      },
    });
    check('triggerBackendEvent', r);
    expect(r.json.accepted).toBe(true);
    await until(() => bodiesOf('on_diary_generated').length === before + 1 && bodiesOf('on_mood_updated').length >= 2);
    const entry = bodiesOf('on_diary_generated').at(-1)!.entry;
    expect(entry.content).toMatch(/[\u3040-\u30ff]/);
    expect(entry).toMatchObject({ trigger_type: 'achievement', user_id: 'u-3', title: '初めてのマラソン完走' });
    expect((await h.api('GET', `/agents/${h.agentId}/diary?user_id=u-3`)).json.entries).toEqual([entry]);
    const moodEvent = bodiesOf('on_mood_updated').at(-1)!;
    expect(moodEvent.mood.valence).toBeGreaterThan(moodEvent.previous_mood.valence);
    expect((await h.api('GET', `/agents/${h.agentId}/mood?user_id=u-3`)).json.mood).toMatchObject({
      valence: moodEvent.mood.valence,
    });
    // A plain session end writes the diary but leaves the mood.
    const moods = bodiesOf('on_mood_updated').length;
    check(
      'triggerBackendEvent',
      await h.api('POST', `/agents/${h.agentId}/events`, { body: { user_id: 'u-3', event_type: 'session_end' } }),
    );
    await until(() => bodiesOf('on_diary_generated').length === before + 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(bodiesOf('on_mood_updated').length).toBe(moods);
    expectProblem(
      await h.api('POST', `/agents/${h.agentId}/events`, { body: { user_id: 'u', event_type: 'x', extra: 1 } }),
      422,
    );
    expectProblem(await h.api('POST', `/agents/${h.agentId}/events`, { body: { user_id: 'u' } }), 422);
  });
});

describe('profile and status', () => {
  it('PATCH profile and status change what GET /agents/{id} returns', async () => {
    const a = await h.api('POST', '/agents', { body: { name: 'Statusy' } });
    const id = a.json.agent_id;
    const p = await h.api('PATCH', `/agents/${id}/profile`, {
      body: { bio: 'Loves tea', name: 'Statusy II', true_interests: ['tea'], speech_patterns: ['ne'] },
    });
    check('updateAgentProfile', p);
    const s = await h.api('PATCH', `/agents/${id}/status`, { body: { is_active: false } });
    check('setAgentStatus', s);
    expect(s.json).toMatchObject({ success: true, agent_id: id, is_active: false });
    const got = (await h.api('GET', `/agents/${id}`)).json;
    expect(got).toMatchObject({ name: 'Statusy II', bio: 'Loves tea', true_interests: ['tea'], is_active: false });
    expectProblem(await h.api('PATCH', `/agents/${id}/status`, { body: { is_active: 'no' } }), 422);
    expectProblem(await h.api('PATCH', `/agents/${id}/profile`, { body: { name: '  ' } }), 422);
    expectProblem(await h.api('PATCH', `/agents/${id}/profile`, { body: { nope: 1 } }), 422);
  });
});

describe('recurring schedules', () => {
  it('CRUD + upcoming, and each occurrence fires once, in order, across a multi-day advance', async () => {
    const base = `/agents/${h.agentId}/users/u-sched/schedules`;
    const c = await h.api('POST', base, {
      body: {
        cadence: { simple: { frequency: 'daily', at: '09:00' }, timezone: 'Asia/Tokyo' },
        intent: 'morning check',
        check_type: 'good_morning',
      },
    });
    check('createSchedule', c);
    expect(c.json.next_fire_at_local).toMatch(/T09:00:00\+09:00$/);
    const id = c.json.schedule_id;
    check('listSchedules', await h.api('GET', base));
    const got = await h.api('GET', `${base}/${id}`);
    check('getSchedule', got);
    expect(got.json).toMatchObject({
      cadence_type: 'simple',
      timezone: 'Asia/Tokyo',
      enabled: true,
      next_fire_at: c.json.next_fire_at,
    });
    const up = await h.api('GET', `${base}/${id}/upcoming?limit=4`);
    check('upcomingSchedule', up);
    expect(up.json.upcoming).toHaveLength(4);
    expect(new Date(up.json.upcoming[1]).getTime() - new Date(up.json.upcoming[0]).getTime()).toBe(24 * HOUR);
    const patched = await h.api('PATCH', `${base}/${id}`, { body: { intent: 'morning hello' } });
    check('patchSchedule', patched);
    expect(patched.json).toMatchObject({ intent: 'morning hello', next_fire_at: c.json.next_fire_at });

    const expected = up.json.upcoming.slice(0, 3) as string[];
    const before = bodiesOf('on_recurring_event_due').length;
    const advanceTo = new Date(expected[2]).getTime() + HOUR - Date.now() - (await h.cmd('clock.get')).offsetMs;
    await h.api('POST', '/workbench/advance-time', { body: { simulated_hours: Math.ceil(advanceTo / HOUR) } });
    await until(() => bodiesOf('on_recurring_event_due').length >= before + 3);
    await new Promise((r) => setTimeout(r, 50));
    const fired = bodiesOf('on_recurring_event_due')
      .slice(before)
      .filter((b) => b.schedule.schedule_id === id);
    expect(fired.map((b) => b.occurrence_at)).toEqual(expected);
    const scheduleDto = ajv.compile({ $ref: 'n.json#/components/schemas/ScheduleDTO' });
    for (const b of fired) expect(scheduleDto(b.schedule), JSON.stringify(scheduleDto.errors)).toBe(true);
    expect(fired.map((b) => b.schedule.next_fire_at)).toEqual([expected[1], expected[2], up.json.upcoming[3]]);
    const notes = (
      await h.api('GET', `/projects/${h.projectId}/notifications?event_type=on_recurring_event_due&limit=200`)
    ).json.notifications;
    expect(
      notes.filter((n: { payload: { schedule: { schedule_id: string } } }) => n.payload.schedule.schedule_id === id),
    ).toHaveLength(3);

    // An inactive agent's schedules pass without firing; its wakeups wait.
    const agent = (await h.api('POST', '/agents', { body: { name: 'Sleepy' } })).json.agent_id;
    await h.api('POST', `/agents/${agent}/users/u/schedules`, {
      body: { cadence: { cron: '0 * * * *', timezone: 'UTC' }, intent: 'hourly', check_type: 'check_in' },
    });
    await h.api('POST', `/agents/${agent}/wakeups`, {
      body: { user_id: 'u', check_type: 'c', intent: 'i', delay_hours: 1 },
    });
    await h.api('PATCH', `/agents/${agent}/status`, { body: { is_active: false } });
    const n0 = bodiesOf('on_recurring_event_due').length;
    await h.api('POST', '/workbench/advance-time', { body: { simulated_hours: 5 } });
    await new Promise((r) => setTimeout(r, 100));
    expect(
      bodiesOf('on_recurring_event_due')
        .slice(n0)
        .filter((b) => b.agent_id === agent),
    ).toEqual([]);
    expect((await h.api('GET', `/agents/${agent}/wakeups`)).json.wakeups[0].status).toBe('pending');

    const del = await h.api('DELETE', `${base}/${id}`);
    check('deleteSchedule', del);
    check('deleteSchedule', await h.api('DELETE', `${base}/${id}`));
    expectProblem(await h.api('GET', `${base}/${id}`), 404);
    expectProblem(
      await h.api('POST', base, {
        body: { cadence: { simple: { frequency: 'daily' } }, intent: 'x', check_type: 'y' },
      }),
      422,
    );
    expectProblem(
      await h.api('POST', base, { body: { cadence: { cron: 'bad', timezone: 'UTC' }, intent: 'x', check_type: 'y' } }),
      422,
    );
    expectProblem(
      await h.api('POST', base, {
        body: { cadence: { cron: '* * * * *', timezone: 'Mars/Olympus' }, intent: 'x', check_type: 'y' },
      }),
      422,
    );
    expectProblem(await h.api('POST', base, { body: { intent: 'x', check_type: 'y' } }), 422);
    expectProblem(await h.api('GET', `${base}/${id}/upcoming?limit=101`), 422);
  });
});

describe('hostile input to the neighbour routes: a 4xx problem+json, never a 5xx', () => {
  it('bodies, parameters and paths of every new route', async () => {
    const a = h.agentId;
    const s = `/agents/${a}/users/u-bad/schedules`;
    const created = await h.api('POST', s, {
      body: { cadence: { cron: '0 9 * * *', timezone: 'UTC' }, intent: 'x', check_type: 'y' },
    });
    const sid = created.json.schedule_id;
    const junk: unknown[] = [
      null,
      [],
      'text',
      42,
      { cadence: null, intent: 'x', check_type: 'y' },
      { cadence: { simple: { frequency: 'daily' }, timezone: 'x'.repeat(5000) }, intent: 'x', check_type: 'y' },
      { cadence: { cron: '0 9 * * *', timezone: 'UTC' }, intent: 'x'.repeat(5000), check_type: 'y' },
      { cadence: { cron: '0 9 * * *', timezone: 'UTC' }, intent: 'x', check_type: 'y', starts_at: 'yesterday' },
      { cadence: { cron: '0 9 * * *', timezone: 'UTC' }, intent: 'x', check_type: 'y', active_window: { hours: 3 } },
      { cadence: { cron: '0 9 * * *', timezone: 'UTC' }, intent: 'x', check_type: 'y', metadata: 'm'.repeat(20_000) },
      { valence: -1, arousal: 'x', tension: null, affiliation: {} },
      { user_id: 1, event_type: [] },
      { user_id: 'u', event_type: 'x'.repeat(500) },
      { user_id: 'u', event_type: 'e', metadata: { a: 1 } },
      { is_active: 'yes' },
      { bio: 7 },
      { speech_patterns: Array(500).fill('x') },
      { enabled: 'no' },
      { cadence: { cron: '0 9 * * *' } },
    ];
    const targets: [string, string][] = [
      ['POST', s],
      ['PATCH', `${s}/${sid}`],
      ['PUT', `/agents/${a}/mood`],
      ['POST', `/agents/${a}/events`],
      ['PATCH', `/agents/${a}/status`],
      ['PATCH', `/agents/${a}/profile`],
    ];
    let n = 0;
    for (const [method, path] of targets) {
      for (const body of junk) {
        const r = await h.api(method, path, { raw: JSON.stringify(body) });
        if (r.status < 300) continue; // some junk is valid for some routes (e.g. {bio} has no rule)
        expectProblem(r, r.status);
        expect(r.status).toBeLessThan(500);
        n++;
      }
    }
    expect(n).toBeGreaterThan(80);
    for (const path of [
      `/agents/${a}/mood?user_id=${'u'.repeat(300)}`,
      `/agents/${a}/mood-history?limit=1e3`,
      `/agents/${a}/mood-history?limit=501`,
      `/agents/${a}/diary?limit=-1`,
      `/agents/${a}/diary?date=${encodeURIComponent("2026-01-01' OR 1=1")}`,
      `/agents/${a}/users/${'u'.repeat(300)}/schedules`,
      `${s}/${'s'.repeat(300)}`,
      `${s}/${sid}/upcoming?limit=0`,
      `${s}/${sid}/upcoming?limit=abc`,
      `/agents/${'x'.repeat(600)}/breakthroughs`,
    ]) {
      const r = await h.api('GET', path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expectProblem(r, r.status);
    }
    expectProblem(await h.api('GET', `/agents/${a}/mood`, { key: null }), 401);
    expectProblem(await h.api('POST', s, { raw: '{bad' }), 400);
  });
});

describe('the neighbour routes are in the API log, with request lint', () => {
  it('logs each call under its operationId and flags an unknown query parameter', async () => {
    await h.api('GET', `/agents/${h.agentId}/mood?user_id=u-1&mood_kind=x`);
    await h.api('GET', `/agents/${h.agentId}/users/u-sched/schedules`);
    type Row = { operationId: string | null; query: string; lint: { code: string }[] };
    let requests: Row[] = [];
    for (let i = 0; i < 100 && !requests.some((r) => r.operationId === 'listSchedules'); i++) {
      requests = (await h.cmd('requestLog.list', { limit: 500 })).requests as Row[];
      await new Promise((r) => setTimeout(r, 20));
    }
    const mood = requests.find((r) => r.operationId === 'getMood' && r.query.includes('mood_kind'));
    expect(mood).toBeDefined();
    expect(JSON.stringify(mood!.lint)).toContain('mood_kind');
    const ops = new Set(requests.map((r) => r.operationId));
    for (const id of ['getMood', 'updateMood', 'createSchedule', 'triggerBackendEvent', 'revokeAPIKey']) {
      expect(ops.has(id), id).toBe(true);
    }
  });
});
