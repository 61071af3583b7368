import { afterEach, describe, expect, it } from 'vitest';
import { builtInEntry } from '../../../src/core/events/catalog';
import { buildProactiveEvents } from '../../../src/core/events/proactive-payloads';
import { validateAgainst } from '../../../src/core/events/validate';
import { createHarness, type Harness } from './harness';

const wakeup = {
  wakeup_id: 'wk-1',
  agent_id: 'agent-1',
  user_id: 'user-1',
  check_type: 'follow_up',
  intent: 'ask how the interview went',
  generated_message: 'How did the interview go?',
  scheduled_at: '2026-03-01T09:00:00.000Z',
};

describe('proactive payloads of an executed wakeup', () => {
  const now = new Date('2026-03-01T09:00:30.000Z');
  let n = 0;
  const events = buildProactiveEvents(wakeup, {
    projectId: 'proj-1',
    now,
    agent: { agentId: 'agent-1', name: 'Aiko', language: 'en', big5: null },
    newId: () => `id-${++n}`,
  });

  it('are agent.wakeup, on_wakeup_ready and agent.message, each valid for its schema', () => {
    expect(events.map((e) => e.eventType)).toEqual(['agent.wakeup', 'on_wakeup_ready', 'agent.message']);
    for (const e of events) {
      expect(validateAgainst(builtInEntry(e.eventType)!.payloadSchema, JSON.parse(e.body))).toEqual([]);
      expect(e).toMatchObject({ projectId: 'proj-1', agentId: 'agent-1', userId: 'user-1' });
    }
  });

  it('all tell the same wakeup, user and message', () => {
    const [w, r, m] = events.map((e) => JSON.parse(e.body));
    expect(w.data).toMatchObject({
      wakeup_id: 'wk-1',
      intent: wakeup.intent,
      scheduled_at: wakeup.scheduled_at,
      executed_at: now.toISOString(),
    });
    expect(r).toMatchObject({
      event_type: 'on_wakeup_ready',
      agent_id: 'agent-1',
      generated_message: wakeup.generated_message,
      wakeup: { wakeup_id: 'wk-1', user_id: 'user-1', status: 'executed', executed_at: now.toISOString() },
    });
    expect(m.data).toMatchObject({ generated_message: wakeup.generated_message, wakeup_id: 'wk-1', status: 'pending' });
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
    expect(w.event_id).toBe(events[0].eventId);
  });
});

describe('fireWakeupEvents (the wakeup runner glue)', () => {
  let h: Harness;
  afterEach(() => h.close());

  it("fires the three events in order, in the agent's language, with source wakeup", async () => {
    const seen: string[] = [];
    h = createHarness({ onFired: (ev, source) => seen.push(`${ev.eventType}:${source}`) });
    const pid = h.ctx.projects.ensureDefaults().project.project_id;
    const agent = h.ctx.projects.createAgent(pid, 'Mei', 'zh');
    h.registerWebhook('on_wakeup_ready');
    const out = h.feature.fireWakeupEvents({ ...wakeup, agent_id: agent.agent_id });
    expect(h.fired.map((f) => [f.eventType, f.source, f.userId, f.agentId])).toEqual([
      ['agent.wakeup', 'wakeup', 'user-1', agent.agent_id],
      ['on_wakeup_ready', 'wakeup', 'user-1', agent.agent_id],
      ['agent.message', 'wakeup', 'user-1', agent.agent_id],
    ]);
    expect(out.map((o) => o.deliveries.length)).toEqual([0, 1, 0]);
    expect(out.every((o) => o.issues.length === 0)).toBe(true);
    expect(JSON.stringify(JSON.parse(h.fired[1].bodyText).memory_context)).toMatch(/[\u4e00-\u9fff]/);
    expect(seen).toEqual(['agent.wakeup:wakeup', 'on_wakeup_ready:wakeup', 'agent.message:wakeup']);
  });
});
