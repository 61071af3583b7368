import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import neighbours from '../../../src/core/api/openapi/sonzai-neighbours.json';
import webhooksDoc from '../../../src/core/api/openapi/sonzai.json';
import { BUILT_INS } from '../../../src/core/events/builtins';
import { builtInEntry } from '../../../src/core/events/catalog';
import { entitiesAt } from '../../../src/core/events/entity-identity';
import type { Lang } from '../../../src/core/events/generators/context';
import { upgradeLegacyData } from '../../../src/core/events/legacy-shapes';
import { createRng } from '../../../src/core/events/prng';
import { validateAgainst } from '../../../src/core/events/validate';
import { createHarness, type Harness } from './harness';

/**
 * The SDK's published schemas, compiled straight from the OpenAPI documents (not through
 * the studio's own entities.ts): every sample's SDK-typed parts must validate.
 */
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const f of ['int64', 'int32', 'double', 'float']) ajv.addFormat(f, true);
ajv.addSchema({ $id: 'neighbours.json', components: neighbours.components });
ajv.addSchema({ $id: 'webhooks.json', components: webhooksDoc.components });
const compiled = new Map<string, ValidateFunction>();
function sdkValidator(name: string): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    const doc = name in neighbours.components.schemas ? 'neighbours.json' : 'webhooks.json';
    fn = ajv.compile({ $ref: `${doc}#/components/schemas/${name}` });
    compiled.set(name, fn);
  }
  return fn;
}

const NOW = new Date('2026-05-04T06:07:08.000Z');
const LANGS: Lang[] = ['en', 'ja', 'zh'];

describe('every built-in sample follows the SDK entity schema it embodies', () => {
  it('names an SDK schema for every type that carries one (only consolidation has none)', () => {
    const without = BUILT_INS.filter((b) => b.sdkShapes.length === 0).map((b) => b.type);
    expect(without).toEqual(['agent.consolidation']);
    for (const b of BUILT_INS) for (const s of b.sdkShapes) expect(() => sdkValidator(s.schema)).not.toThrow();
  });

  for (const b of BUILT_INS.filter((x) => x.sdkShapes.length)) {
    it(`${b.type}: 150 seeds × en/ja/zh validate against ${[...new Set(b.sdkShapes.map((s) => s.schema))].join(', ')}`, () => {
      const entry = builtInEntry(b.type)!;
      let checked = 0;
      for (const language of LANGS) {
        for (let seed = 0; seed < 150; seed++) {
          const agent = { agentId: `agent-${language}`, name: 'Aiko', language, big5: null };
          const data = entry.generate({
            rng: createRng(`${b.type}:${seed}`),
            now: NOW,
            projectId: 'p1',
            agent,
            userId: 'u1',
          });
          expect(validateAgainst(entry.dataSchema, data)).toEqual([]);
          for (const shape of b.sdkShapes) {
            const found = entitiesAt(entry.kind, data, shape.path);
            expect(found.length, `${b.type} ${shape.path}`).toBeGreaterThan(0);
            for (const e of found) {
              const fn = sdkValidator(shape.schema);
              expect(fn(e), `${b.type} seed ${seed} ${language} ${shape.path}: ${JSON.stringify(fn.errors)}`).toBe(
                true,
              );
              if ('agent_id' in e) expect(e.agent_id).toBe(agent.agentId);
              checked++;
            }
          }
        }
      }
      expect(checked).toBeGreaterThanOrEqual(450);
    });
  }

  it('keeps created_at <= scheduled_at <= executed_at in wakeup samples', () => {
    for (let seed = 0; seed < 200; seed++) {
      const ctx = {
        rng: createRng(seed),
        now: NOW,
        projectId: 'p',
        agent: { agentId: 'a', name: 'A', language: 'en' as const, big5: null },
        userId: 'u',
      };
      for (const w of [
        builtInEntry('agent.wakeup')!.generate(ctx),
        builtInEntry('on_wakeup_ready')!.generate(ctx).wakeup,
      ]) {
        const x = w as Record<string, string>;
        expect(x.created_at <= x.scheduled_at && x.scheduled_at <= x.executed_at).toBe(true);
      }
    }
  });
});

/** The first sample shapes, as the studio saved them before this change. */
const LEGACY_TEMPLATES: Record<string, Record<string, unknown>> = {
  'agent.message': {
    message_id: 'msg_1',
    content: 'Hi there',
    language: 'en',
    source: 'wakeup',
    check_type: 'check_in',
    intent: 'say hi',
    wakeup_id: 'w1',
  },
  'agent.mood_change': {
    previous: { happiness: 40, energy: 50, calmness: 60, affection: 70 },
    current: { happiness: 80, energy: 55, calmness: 65, affection: 72 },
    previous_label: 'calm',
    label: 'joyful',
    reason: 'good news',
    trigger: 'conversation',
  },
  'agent.memory_added': {
    memory_id: '3f0c1d7e-8a41-4d2b-9c65-1f0e2d3c4b5a',
    content: 'Likes tea',
    fact_type: 'preference',
    importance: 0.5,
    entities: ['tea'],
    source: 'conversation',
    language: 'en',
  },
  'agent.breakthrough': {
    breakthrough_id: '3f0c1d7e-8a41-4d2b-9c65-1f0e2d3c4b5a',
    title: 'Opened up',
    description: 'Talked about family',
    significance: 0.8,
    trait_changes: [{ trait: 'openness', before: 50, after: 53, delta: 3 }],
  },
  'agent.wakeup': {
    wakeup_id: 'w1',
    check_type: 'check_in',
    intent: 'x',
    scheduled_at: '2026-01-01T00:00:00.000Z',
    executed_at: '2026-01-01T00:00:01.000Z',
  },
  on_recurring_event_due: {
    recurring_event_id: 'r1',
    title: 'Birthday',
    description: 'Sam’s birthday',
    recurrence: 'yearly',
    occurrence_at: '2026-06-01T09:00:00.000Z',
  },
  on_diary_generated: { diary_id: 'd1', date: '2026-01-02', content: 'A quiet day.', mood: 'calm', topics: ['tea'] },
  on_personality_updated: {
    big5_before: { openness: 50, conscientiousness: 50, extraversion: 50, agreeableness: 50, neuroticism: 50 },
    big5_after: { openness: 52, conscientiousness: 50, extraversion: 50, agreeableness: 50, neuroticism: 50 },
    changes: [{ trait: 'openness', before: 50, after: 52, delta: 2 }],
    reason: 'curiosity',
  },
  on_mood_updated: {
    mood: { happiness: 80, energy: 55, calmness: 65, affection: 72 },
    previous_mood: { happiness: 40, energy: 50, calmness: 60, affection: 70 },
    label: 'joyful',
    reason: 'good news',
  },
  on_breakthrough_detected: {
    breakthrough: { breakthrough_id: 'b1', title: 'Trust', description: 'Asked for advice', significance: 0.7 },
    trait_changes: [{ trait: 'agreeableness', before: 60, after: 62, delta: 2 }],
    detected_at: '2026-01-01T00:00:00.000Z',
  },
};

describe('templates and scenarios saved in the first shapes still load', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('upgrades every old template to data that validates, keeping what it said', () => {
    for (const [type, data] of Object.entries(LEGACY_TEMPLATES)) {
      const up = upgradeLegacyData(type, data, true, NOW);
      expect(up.changes.length, type).toBeGreaterThan(0);
      expect(validateAgainst(builtInEntry(type)!.dataSchema, up.data), type).toEqual([]);
      // Upgrading again changes nothing.
      expect(upgradeLegacyData(type, up.data, true, NOW).changes, type).toEqual([]);
    }
    const mood = upgradeLegacyData('agent.mood_change', LEGACY_TEMPLATES['agent.mood_change'], true, NOW).data as {
      current: Record<string, unknown>;
      previous: Record<string, unknown>;
      trigger_type: string;
    };
    expect(mood.current).toMatchObject({ valence: 80, arousal: 55, tension: 65, affiliation: 72, label: 'joyful' });
    expect(mood.previous.label).toBe('calm');
    expect(mood.trigger_type).toBe('conversation');
    const diary = upgradeLegacyData('on_diary_generated', LEGACY_TEMPLATES.on_diary_generated, true, NOW).data;
    expect(diary).toMatchObject({ entry: { entry_id: 'd1', content: 'A quiet day.', date: '2026-01-02' } });
    const bt = upgradeLegacyData('agent.breakthrough', LEGACY_TEMPLATES['agent.breakthrough'], true, NOW).data;
    expect(bt).toMatchObject({ narrative: 'Opened up: Talked about family', personality_shifts: ['openness +3'] });
  });

  it('a stored old template is migrated on read, and fires with the target agent and user', async () => {
    h = createHarness();
    const insert = h.db.prepare('INSERT INTO event_templates (event_type, data_json, updated_at) VALUES (?, ?, ?)');
    for (const [type, data] of Object.entries(LEGACY_TEMPLATES))
      insert.run(type, JSON.stringify(data), NOW.toISOString());
    for (const type of Object.keys(LEGACY_TEMPLATES)) {
      const t = await h.call('events.template.get', { eventType: type });
      expect(t.saved).toBe(true);
      expect(await h.call('events.template.validate', { eventType: type, data: t.data })).toEqual({ issues: [] });
      const out = await h.call('events.fire', { eventType: type, userId: 'u-42' });
      expect(out.issues, type).toEqual([]);
    }
    // Stored in the new shape (the migration happened once).
    const row = h.db.prepare("SELECT data_json FROM event_templates WHERE event_type = 'on_diary_generated'").get() as {
      data_json: string;
    };
    expect(JSON.parse(row.data_json)).toHaveProperty('entry.entry_id', 'd1');
    const diary = JSON.parse(h.fired.find((f) => f.eventType === 'on_diary_generated')!.bodyText);
    expect(diary.entry.agent_id).toBe(diary.agent_id);
    expect(diary.entry.user_id).toBe('u-42');
  });

  it('an old scenario file imports with its step data renamed, and runs schema-valid', async () => {
    h = createHarness();
    const json = JSON.stringify({
      name: 'old story',
      description: '',
      steps: [
        { eventType: 'agent.message', delayMs: 0, data: { content: 'Hello!', source: 'wakeup' } },
        { eventType: 'agent.mood_change', delayMs: 0, data: { current: { happiness: 91 }, trigger: 'event' } },
        { eventType: 'on_mood_updated', delayMs: 0, data: { label: 'hopeful' } },
        { eventType: 'on_diary_generated', delayMs: 0, data: { content: 'Dear diary' } },
      ],
    });
    const s = await h.call('scenarios.import', { json });
    expect(s.steps.map((x) => x.data)).toEqual([
      { generated_message: 'Hello!' },
      { current: { valence: 91 }, trigger_type: 'event' },
      { mood: { label: 'hopeful' } },
      { entry: { content: 'Dear diary' } },
    ]);
    for (const step of s.steps) {
      const out = h.feature.firer.fire({ eventType: step.eventType, merge: step.data, fresh: true, seed: 1 });
      expect(out.issues, step.eventType).toEqual([]);
    }
  });
});
