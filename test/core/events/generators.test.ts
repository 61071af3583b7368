import { describe, expect, it } from 'vitest';
import { BUILT_INS } from '../../../src/core/events/builtins';
import { builtInEntry } from '../../../src/core/events/catalog';
import { buildPayload } from '../../../src/core/events/envelope';
import { big5FromBody, type AgentProfile, type Lang } from '../../../src/core/events/generators/context';
import { createRng } from '../../../src/core/events/prng';
import { validateAgainst } from '../../../src/core/events/validate';

const NOW = new Date('2026-03-01T09:30:00.000Z');
const agent = (language: Lang = 'en', big5: AgentProfile['big5'] = null): AgentProfile => ({
  agentId: 'agent-1',
  name: 'Aiko',
  language,
  big5,
});

function sample(type: string, seed: number, a = agent()) {
  const entry = builtInEntry(type)!;
  const ctx = { rng: createRng(seed), now: NOW, projectId: 'proj-1', agent: a, userId: 'user-1' };
  const data = entry.generate(ctx);
  const body = buildPayload(
    entry.kind,
    {
      eventId: `evt-${seed}`,
      eventType: type,
      createdAt: NOW.toISOString(),
      projectId: 'proj-1',
      agentId: a.agentId,
      userId: 'user-1',
    },
    data,
  );
  return { entry, data, body };
}

describe('built-in generators', () => {
  it('cover the documented, SDK and conversation types', () => {
    expect(BUILT_INS.map((b) => b.type).sort()).toEqual(
      [
        'agent.breakthrough',
        'agent.consolidation',
        'agent.memory_added',
        'agent.message',
        'agent.mood_change',
        'agent.wakeup',
        'on_breakthrough_detected',
        'on_diary_generated',
        'on_mood_updated',
        'on_personality_updated',
        'on_recurring_event_due',
        'on_wakeup_ready',
        'conversation.started',
        'conversation.message',
        'conversation.takeover.started',
        'conversation.takeover.released',
        'conversation.message.failed',
        'conversation.unrouted',
      ].sort(),
    );
  });

  for (const { type } of BUILT_INS) {
    it(`${type}: 200 seeds × 3 languages all validate against the payload schema`, () => {
      for (const lang of ['en', 'ja', 'zh'] as const) {
        for (let seed = 0; seed < 200; seed++) {
          const { entry, body } = sample(
            type,
            seed,
            agent(
              lang,
              seed % 2
                ? big5FromBody({
                    big5: {
                      openness: 0.9,
                      conscientiousness: 0.2,
                      extraversion: 0.5,
                      agreeableness: 1,
                      neuroticism: 0,
                    },
                  })
                : null,
            ),
          );
          const issues = validateAgainst(entry.payloadSchema, body);
          expect(issues, `${type} seed ${seed} ${lang}: ${JSON.stringify(issues)}`).toEqual([]);
        }
      }
    });

    it(`${type}: the same seed gives the same payload, other seeds vary`, () => {
      expect(sample(type, 42).body).toEqual(sample(type, 42).body);
      const distinct = new Set(Array.from({ length: 20 }, (_, s) => JSON.stringify(sample(type, s).data)));
      expect(distinct.size).toBeGreaterThan(10);
    });
  }

  it('uses the envelope for agent.* and the documented flat body for on_wakeup_ready', () => {
    const msg = sample('agent.message', 1).body;
    expect(Object.keys(msg)).toEqual([
      'event_id',
      'event_type',
      'created_at',
      'project_id',
      'agent_id',
      'user_id',
      'data',
    ]);
    const ready = sample('on_wakeup_ready', 1).body;
    expect(Object.keys(ready).sort()).toEqual(
      ['agent_id', 'event_type', 'generated_message', 'has_energy', 'memory_context', 'wakeup'].sort(),
    );
    expect(ready.event_type).toBe('on_wakeup_ready');
    expect((ready.wakeup as { user_id: string }).user_id).toBe('user-1');
  });

  it("writes proactive messages in the agent's language", () => {
    const jp = /[\u3040-\u30ff]/;
    const han = /[\u4e00-\u9fff]/;
    for (let s = 0; s < 30; s++) {
      const ja = sample('agent.message', s, agent('ja')).data as { generated_message: string };
      const zh = sample('agent.message', s, agent('zh')).data as { generated_message: string };
      const en = sample('agent.message', s, agent('en')).data as { generated_message: string };
      expect(ja.generated_message).toMatch(jp);
      expect(zh.generated_message).toMatch(han);
      expect(zh.generated_message).not.toMatch(jp);
      expect(en.generated_message).toMatch(/^[\x20-\x7e’—🙂]+$/u);
    }
  });

  it("starts personality deltas from the agent's stored Big5 (0–1 legacy scale normalised to 0–100)", () => {
    const big5 = big5FromBody({
      big5: { openness: 0.72, conscientiousness: 0.55, extraversion: 0.61, agreeableness: 0.8, neuroticism: 0.3 },
    })!;
    expect(big5).toEqual({ openness: 72, conscientiousness: 55, extraversion: 61, agreeableness: 80, neuroticism: 30 });
    for (let s = 0; s < 50; s++) {
      const d = sample('on_personality_updated', s, agent('en', big5)).data as {
        big5_before: Record<string, number>;
        big5_after: Record<string, number>;
        changes: { trait_name: string; old_value: number; new_value: number; delta: number }[];
      };
      expect(d.big5_before).toEqual(big5);
      expect(d.changes.length).toBeGreaterThan(0);
      for (const c of d.changes) {
        expect(Object.keys(big5)).toContain(c.trait_name);
        expect(c.old_value).toBe(big5[c.trait_name as keyof typeof big5]);
        expect(d.big5_after[c.trait_name]).toBe(c.new_value);
        expect(Math.abs(c.delta)).toBeGreaterThan(0);
        expect(Math.abs(c.delta)).toBeLessThanOrEqual(4.1);
      }
    }
  });

  it('keeps consolidation counts consistent', () => {
    for (let s = 0; s < 200; s++) {
      const d = sample('agent.consolidation', s).data as Record<string, number>;
      expect(d.memories_merged + d.memories_pruned).toBeLessThanOrEqual(d.memories_processed);
    }
  });

  it('ignores an incomplete or out-of-range stored personality', () => {
    expect(big5FromBody({ big5: { openness: 50 } })).toBeNull();
    expect(
      big5FromBody({
        big5: { openness: 500, conscientiousness: 1, extraversion: 1, agreeableness: 1, neuroticism: 1 },
      }),
    ).toBeNull();
    expect(big5FromBody({})).toBeNull();
  });
});

describe('coherent samples', () => {
  it('gives a mood change a reason that matches its direction', () => {
    const up = ['good news', 'laughed', 'thanked', 'warm memory'];
    for (let s = 0; s < 100; s++) {
      const d = sample('agent.mood_change', s).data as {
        previous: Record<string, number>;
        current: Record<string, number>;
        reason: string;
      };
      const rose = d.current.valence + d.current.arousal > d.previous.valence + d.previous.arousal;
      const fell = d.current.valence + d.current.arousal < d.previous.valence + d.previous.arousal;
      const positive = up.some((w) => d.reason.includes(w));
      if (rose) expect(positive, d.reason).toBe(true);
      if (fell) expect(positive, d.reason).toBe(false);
    }
  });

  it('keeps developer-facing intents in English while the message follows the agent', () => {
    for (let s = 0; s < 50; s++) {
      const d = sample('agent.message', s, agent('ja')).data as { intent: string; generated_message: string };
      expect(d.intent).toMatch(/^[\x20-\x7e’]+$/u);
      expect(d.generated_message).toMatch(/[\u3040-\u30ff]/);
    }
  });
});
