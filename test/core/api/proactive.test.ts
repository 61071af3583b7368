import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProactive } from '../../../src/core/proactive';
import { openStore } from '../../../src/core/store/open';
import { createProjectsRepo } from '../../../src/core/store/projects-repo';
import { tempDir } from '../../helpers/tmp';
import { proactiveOn } from './fixtures';
import { startApi, type Harness } from './helpers';

describe('proactive module (for the events feature)', () => {
  it('records notifications without reading them back: the same rows as creating them', () => {
    const clock = { now: () => new Date('2026-05-01T00:00:00Z') };
    let n = 0;
    // Distinct UUIDs: notification ids are time-ordered, their random part taken from these.
    const random = {
      uuid: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
      token: () => 'tok',
    };
    const db = openStore(`${tempDir()}/s.db`);
    const d = createProjectsRepo(db, clock, random).ensureDefaults();
    const p = createProactive(db, clock, random);
    const message = (messageId: string) => ({
      projectId: d.project.project_id,
      agentId: d.agent.agent_id,
      userId: 'u',
      checkType: 'c',
      generatedMessage: 'hi',
      messageId,
    });
    const created = p.createProactiveNotification(message('m1'));
    const recorded = p.recordProactiveNotification(message('m2'));
    // A message id already taken gets a new one, as when creating.
    const taken = p.recordProactiveNotification(message('m2'));
    expect(recorded).toBe('m2');
    expect(taken).not.toBe('m2');
    const { seq: _a, message_id: _b, ...same } = created;
    expect(p.notifications.getProactive(recorded)).toMatchObject({ ...same, message_id: 'm2' });
    const project = { projectId: d.project.project_id, eventType: 'agent.message', payload: { a: 1 }, agentId: 'x' };
    const made = p.createProjectNotification(project);
    const id = p.recordProjectNotification(project);
    // Time-ordered (UUIDv7, the studio clock's ms first), as every id stored per delivery.
    expect(id).toMatch(/^019de0d5-c800-7\w{3}-[89ab]\w{3}-\w{12}$/);
    const stored = db.prepare('SELECT * FROM project_notifications WHERE notification_id = ?').get(id);
    const { seq: _c, notification_id: _d, ...rest } = made;
    expect(stored).toMatchObject({ ...rest, notification_id: id });
    // Already serialised by the caller (a built event's body): stored as given, not serialised again.
    const given = p.recordProjectNotification({ ...project, payloadJson: '{"a":1}' });
    const row = db.prepare('SELECT payload_json FROM project_notifications WHERE notification_id = ?').get(given);
    expect(row).toEqual({ payload_json: '{"a":1}' });
  });

  it('runs due wakeups against the studio clock, once, and tells its listeners', () => {
    let now = new Date('2026-05-01T00:00:00Z');
    const clock = { now: () => now };
    let n = 0;
    const random = { uuid: () => `id-${++n}`, token: () => 'tok' };
    const db = openStore(`${tempDir()}/s.db`);
    const d = createProjectsRepo(db, clock, random).ensureDefaults();
    const p = createProactive(db, clock, random);
    const seen: string[] = [];
    p.onWakeupExecuted((w) => seen.push(w.wakeup_id));
    const w = p.wakeups.create({
      projectId: d.project.project_id,
      agentId: d.agent.agent_id,
      userId: 'u',
      checkType: 'c',
      intent: 'say hi',
      scheduledAt: new Date('2026-05-01T05:00:00Z'),
    });
    expect(p.runDueWakeups()).toEqual([]);
    p.clock.advance(4 * 3600_000);
    expect(p.runDueWakeups()).toEqual([]);
    now = new Date('2026-05-01T01:00:00Z'); // real time moves too
    const ran = p.runDueWakeups();
    expect(ran.map((r) => [r.wakeup_id, r.status, r.executed_at])).toEqual([
      [w.wakeup_id, 'executed', '2026-05-01T05:00:00.000Z'],
    ]);
    expect(p.runDueWakeups()).toEqual([]);
    expect(seen).toEqual([w.wakeup_id]);
    expect(() => p.clock.advance(-1)).toThrow();
    db.close();
  });
});

describe('notifications, wakeups and advance-time over the API', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startApi();
  });
  afterEach(async () => {
    await h.close();
  });

  it('project notifications: list pending, acknowledge some, acknowledge all by filter (query or body)', async () => {
    const p = proactiveOn(h.studio.context.db);
    const mk = (eventType: string, agentId?: string) =>
      p.createProjectNotification({ projectId: h.projectId, eventType, payload: { eventType }, agentId })
        .notification_id;
    const a = mk('agent.message', h.agentId);
    mk('agent.message', 'other');
    mk('agent.mood_change', h.agentId);
    mk('agent.wakeup');
    const list = await h.api('GET', `/projects/${h.projectId}/notifications`);
    expect(list.json.count).toBe(4);
    const ack = await h.api('POST', `/projects/${h.projectId}/notifications/acknowledge`, {
      body: { notification_ids: [a, a, 'nope'] },
    });
    expect(ack.json.acknowledged).toBe(1);
    const byQuery = await h.api(
      'POST',
      `/projects/${h.projectId}/notifications/acknowledge-all?event_type=agent.message`,
    );
    expect(byQuery.json.acknowledged).toBe(1);
    const byBody = await h.api('POST', `/projects/${h.projectId}/notifications/acknowledge-all`, {
      body: { agent_id: h.agentId },
    });
    expect(byBody.json.acknowledged).toBe(1);
    const left = await h.api('GET', `/projects/${h.projectId}/notifications`);
    expect(left.json.notifications.map((n: { event_type: string }) => n.event_type)).toEqual(['agent.wakeup']);
  });

  it("a fired event's notification carries its body, stored once: read from the event, not copied", async () => {
    const fired = await h.studio.dispatch({
      id: 1,
      method: 'events.fire',
      params: { eventType: 'agent.message', set: ['data.generated_message="stored once"'] },
    });
    const { eventId } = (fired as { result: { eventId: string } }).result;
    const body = (
      h.studio.context.db.prepare('SELECT body FROM events WHERE event_id = ?').get(eventId) as { body: Buffer }
    ).body.toString();
    const list = await h.api('GET', `/projects/${h.projectId}/notifications?event_type=agent.message`);
    const note = list.json.notifications.find(
      (n: { payload: { event_id?: string } }) => n.payload.event_id === eventId,
    );
    expect(note.payload).toEqual(JSON.parse(body));
    expect(note.payload.data.generated_message).toBe('stored once');
    const row = h.studio.context.db
      .prepare('SELECT payload_json, event_id FROM project_notifications WHERE notification_id = ?')
      .get(note.notification_id);
    expect(row).toEqual({ payload_json: '', event_id: eventId });
  });

  it('advance-time runs the wakeups due inside the window and reports them; async jobs are polled', async () => {
    const soon = await h.api('POST', `/agents/${h.agentId}/wakeups`, {
      body: { user_id: 'u1', check_type: 'interest_check', intent: 'ask about the trip', delay_hours: 2 },
    });
    await h.api('POST', `/agents/${h.agentId}/wakeups`, {
      body: { user_id: 'u1', check_type: 'later', intent: 'later', delay_hours: 48 },
    });
    const one = await h.api('POST', '/workbench/advance-time', { body: { simulated_hours: 1 } });
    expect(one.json.wakeups_executed).toEqual([]);
    const three = await h.api('POST', '/workbench/advance-time', {
      body: {
        simulated_hours: 2,
        simulated_base_offset_hours: 0,
        character_config: {},
        instance_id: '',
        agent_id: h.agentId,
        user_id: 'u1',
      },
    });
    expect(three.json.wakeups_executed).toEqual([
      expect.objectContaining({
        wakeup_id: soon.json.wakeup_id,
        check_type: 'interest_check',
        intent: 'ask about the trip',
        user_id: 'u1',
      }),
    ]);
    const listed = await h.api('GET', `/agents/${h.agentId}/wakeups?status=executed`);
    expect(listed.json.wakeups).toEqual([
      expect.objectContaining({ wakeup_id: soon.json.wakeup_id, executed_at: expect.any(String) }),
    ]);
    const job = await h.api('POST', '/workbench/advance-time', { body: { simulated_hours: 48, async: true } });
    expect(job.status).toBe(202);
    expect(job.json.status).toBe('running');
    let polled;
    for (let i = 0; i < 50; i++) {
      polled = await h.api('GET', `/workbench/advance-time/jobs/${job.json.job_id}`);
      if (polled.json.status !== 'running') break;
    }
    expect(polled!.json.status).toBe('succeeded');
    expect(polled!.json.result.days_processed).toBe(2);
    expect(polled!.json.result.wakeups_executed).toHaveLength(1);
  });

  it('advance-time runs only the caller’s wakeups (its projects, agent, user) and reports every one it ran', async () => {
    const bob = (await h.api('POST', '/agents', { body: { name: 'ScopeBob' } })).json.agent_id as string;
    const wake = async (agentId: string, key?: string) =>
      (
        await h.api('POST', `/agents/${agentId}/wakeups`, {
          body: { user_id: 'u1', check_type: 'c', intent: 'i', delay_hours: 1 },
          key,
        })
      ).json.wakeup_id as string;
    const mine = await wake(h.agentId);
    const bobs = await wake(bob);
    // Another project, with an agent and a wakeup of its own.
    const other = await h.cmd('projects.create', { name: 'Elsewhere' });
    const otherKey = (await h.cmd('keys.list', { projectId: other.projectId })).keys[0].secret as string;
    const otherAgent = (await h.api('POST', '/agents', { body: { name: 'Far' }, key: otherKey })).json.agent_id;
    const theirs = await wake(otherAgent, otherKey);
    const status = (id: string) =>
      (h.studio.context.db.prepare('SELECT status FROM wakeups WHERE wakeup_id = ?').get(id) as { status: string })
        .status;

    const byAgent = await h.api('POST', '/workbench/advance-time', {
      body: { simulated_hours: 2, agent_id: bob },
      key: otherKey,
    });
    // The other project's key may not run this project's wakeups: nothing of ours ran.
    expect(byAgent.json.wakeups_executed).toEqual([]);
    expect([status(mine), status(bobs)]).toEqual(['pending', 'pending']);
    const own = await h.api('POST', '/workbench/advance-time', { body: { simulated_hours: 0, agent_id: bob } });
    expect(own.json.wakeups_executed.map((w: { wakeup_id: string }) => w.wakeup_id)).toEqual([bobs]);
    expect([status(mine), status(bobs), status(theirs)]).toEqual(['pending', 'executed', 'pending']);
  });

  it('agent notifications accept the agent name, move pending → consumed, and filter by user', async () => {
    const p = proactiveOn(h.studio.context.db);
    const mine = p.createProactiveNotification({
      projectId: h.projectId,
      agentId: h.agentId,
      userId: 'u1',
      checkType: 'c',
      generatedMessage: 'hi',
    });
    p.createProactiveNotification({
      projectId: h.projectId,
      agentId: h.agentId,
      userId: 'u2',
      checkType: 'c',
      generatedMessage: 'yo',
    });
    const u1 = await h.api('GET', '/agents/Aiko/notifications?user_id=u1');
    expect(u1.json.notifications.map((n: { message_id: string }) => n.message_id)).toEqual([mine.message_id]);
    expect((await h.api('POST', `/agents/Aiko/notifications/${mine.message_id}/consume`)).json.success).toBe(true);
    const all = await h.api('GET', '/agents/Aiko/notifications/history?limit=1');
    expect(all.json.notifications).toHaveLength(1);
  });
});
