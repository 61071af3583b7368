import { beforeAll, describe, expect, it } from 'vitest';
import { scenarioId, typeId } from '../../../src/renderer/src/features/events/builtin-text';
import en from '../../../src/renderer/src/i18n/en/events';
import ja from '../../../src/renderer/src/i18n/ja/events';
import zh from '../../../src/renderer/src/i18n/zh/events';

/**
 * The `events:builtin.*` catalog words the core's built-in event types and scenarios. Its English
 * must be the core's text, character for character (the UI translates a built-in only while it is),
 * and every built-in must have its keys: this fails when the core's text changes or a built-in is added.
 */

/** The core's modules, loaded at run time: the web project's type check does not take in the core's files. */
const core = <T>(path: string) => import(/* @vite-ignore */ path) as Promise<T>;
let BUILT_INS: readonly { type: string; description: string }[] = [];
let BUILT_IN_SCENARIOS: readonly { name: string; description: string; steps: { note?: string }[] }[] = [];
beforeAll(async () => {
  ({ BUILT_INS } = await core<{ BUILT_INS: typeof BUILT_INS }>('../../../src/core/events/builtins'));
  ({ BUILT_IN_SCENARIOS } = await core<{ BUILT_IN_SCENARIOS: typeof BUILT_IN_SCENARIOS }>(
    '../../../src/core/events/scenarios',
  ));
  expect(BUILT_INS.length).toBeGreaterThan(0);
  expect(BUILT_IN_SCENARIOS.length).toBeGreaterThan(0);
});
const catalogs = { ja: ja.builtin, zh: zh.builtin } as const;
const descriptions: Record<string, string> = en.builtin.description;
const scenarios: Record<string, { name: string; description: string; steps: Record<string, string> }> =
  en.builtin.scenario;

describe('the built-in event types in the events catalog', () => {
  it("hold each built-in's description, in English exactly as the core has it", () => {
    for (const b of BUILT_INS) expect(descriptions[typeId(b.type)], b.type).toBe(b.description);
  });

  it('hold no description for a type the core does not have, and no two types share a key', () => {
    const ids = BUILT_INS.map((b) => typeId(b.type));
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(descriptions).sort()).toEqual([...ids].sort());
  });

  it('word every description in Japanese and Chinese', () => {
    for (const [lang, cat] of Object.entries(catalogs))
      for (const id of Object.keys(descriptions))
        expect((cat.description as Record<string, string>)[id]?.trim(), `${lang} ${id}`).toBeTruthy();
  });
});

describe('the built-in scenarios in the events catalog', () => {
  it("hold each scenario's name, description and step notes, in English exactly as the core has them", () => {
    for (const s of BUILT_IN_SCENARIOS) {
      const entry = scenarios[scenarioId(s.name)];
      expect(entry, s.name).toBeDefined();
      expect(entry.name).toBe(s.name);
      expect(entry.description, `${s.name} description`).toBe(s.description);
      const notes = Object.fromEntries(s.steps.flatMap((step, i) => (step.note ? [[String(i), step.note]] : [])));
      expect(entry.steps, `${s.name} steps`).toEqual(notes);
    }
  });

  it('hold no scenario the core does not have, and no two scenarios share a key', () => {
    const ids = BUILT_IN_SCENARIOS.map((s) => scenarioId(s.name));
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(scenarios).sort()).toEqual([...ids].sort());
  });

  it('word every name, description and note in Japanese and Chinese', () => {
    for (const [lang, cat] of Object.entries(catalogs))
      for (const [id, s] of Object.entries(scenarios)) {
        const theirs = (cat.scenario as Record<string, typeof s>)[id];
        expect(theirs?.name.trim(), `${lang} ${id} name`).toBeTruthy();
        expect(theirs?.description.trim(), `${lang} ${id} description`).toBeTruthy();
        expect(Object.keys(theirs?.steps ?? {}), `${lang} ${id} steps`).toEqual(Object.keys(s.steps));
      }
  });
});
