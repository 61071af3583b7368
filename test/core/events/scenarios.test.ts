import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILT_IN_SCENARIOS } from '../../../src/core/events/scenarios';
import { parseScenarioJson } from '../../../src/core/events/scenarios-repo';
import type { ScenarioProgress } from '../../../src/shared/contract/events';
import { StudioError } from '../../../src/shared/errors';
import { createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') });
  h = createHarness({ clock: { now: () => new Date() } });
});
afterEach(() => {
  h.close();
  vi.useRealTimers();
});

const progress = () =>
  h.events.filter((e) => e.event === 'scenario.progress').map((e) => e.payload as ScenarioProgress);

const story = {
  name: 'onboarding',
  description: 'three steps',
  steps: [
    { eventType: 'agent.wakeup', delayMs: 0, data: { check_type: 'good_morning' } },
    { eventType: 'agent.message', delayMs: 1000, injection: { forceStatus: 500 }, set: ['data.generated_message=Hi!'] },
    { eventType: 'on_mood_updated', delayMs: 2000, data: { reason: 'hopeful' } },
  ],
};

describe('scenarios', () => {
  it('lists the built-ins, which every step of validates against its catalog type', async () => {
    const { scenarios } = await h.call('scenarios.list', {});
    expect(scenarios.filter((s) => s.builtIn).map((s) => s.name)).toEqual(["companion's first week", 'flaky handler']);
    const types = new Set((await h.call('events.catalog', {})).types.map((t) => t.type));
    for (const s of BUILT_IN_SCENARIOS) for (const step of s.steps) expect(types.has(step.eventType)).toBe(true);
  });

  it('run fires the steps in order, after their delays, with their overrides and injections', async () => {
    await h.call('scenarios.save', { scenario: story });
    const { runId, total } = await h.call('scenarios.run', { name: 'onboarding', userId: 'u-1' });
    expect(total).toBe(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.fired.map((f) => f.eventType)).toEqual(['agent.wakeup']);
    await vi.advanceTimersByTimeAsync(999);
    expect(h.fired).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.fired.map((f) => f.eventType)).toEqual(['agent.wakeup', 'agent.message']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(h.fired.map((f) => f.eventType)).toEqual(['agent.wakeup', 'agent.message', 'on_mood_updated']);

    const bodies = h.fired.map((f) => JSON.parse(f.bodyText));
    expect(bodies[0].data.check_type).toBe('good_morning');
    expect(bodies[1].data.generated_message).toBe('Hi!');
    expect(bodies[2].reason).toBe('hopeful');
    expect(bodies[2].user_id).toBe('u-1');
    expect(h.fired.map((f) => f.injection)).toEqual([undefined, { forceStatus: 500 }, undefined]);
    expect(h.fired.every((f) => f.source === 'scenario' && f.userId === 'u-1')).toBe(true);

    const p = progress();
    expect(p.at(-1)).toMatchObject({
      runId,
      state: 'done',
      done: 3,
      total: 3,
      step: { index: 2, eventType: 'on_mood_updated' },
    });
    expect(p.filter((x) => x.state === 'waiting').map((x) => x.step?.index)).toEqual([1, 2]);
  });

  it('delayScale 0 runs without waiting; the same seed gives the same bodies', async () => {
    const run = async (seed: number) => {
      h.fired.length = 0;
      vi.setSystemTime(new Date('2026-03-01T00:00:00Z'));
      await h.call('scenarios.run', { scenario: story, seed, delayScale: 0 });
      await vi.runAllTimersAsync();
      return h.fired.map((f) => {
        const b = JSON.parse(f.bodyText);
        delete b.event_id;
        return b;
      });
    };
    const a = await run(7);
    expect(a).toHaveLength(3);
    expect(await run(7)).toEqual(a);
  });

  it('cancel stops between steps', async () => {
    const { runId } = await h.call('scenarios.run', { scenario: story });
    await vi.advanceTimersByTimeAsync(500);
    expect(await h.call('scenarios.cancel', { runId })).toEqual({ cancelled: true });
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.fired).toHaveLength(1);
    expect(progress().at(-1)).toMatchObject({ state: 'cancelled', done: 1 });
  });

  it('runs the built-in flaky handler with its injected failures in order', async () => {
    await h.call('scenarios.run', { name: 'flaky handler', delayScale: 0 });
    await vi.runAllTimersAsync();
    const flaky = BUILT_IN_SCENARIOS[1];
    expect(h.fired.map((f) => [f.eventType, f.injection])).toEqual(flaky.steps.map((s) => [s.eventType, s.injection]));
    expect(h.fired.some((f) => f.injection?.forceStatus === 500)).toBe(true);
    expect(h.fired.some((f) => f.injection?.duplicateRate === 1)).toBe(true);
  });

  it('export → import round-trips, and import refuses to overwrite unless asked', async () => {
    await h.call('scenarios.save', { scenario: story });
    const { json } = await h.call('scenarios.export', { name: 'onboarding' });
    expect(JSON.parse(json)).toMatchObject({
      format: 'sonzai-webhook-studio/scenario',
      version: 1,
      name: 'onboarding',
    });
    const conflict = await h.call('scenarios.import', { json }).catch((e: StudioError) => e.code);
    expect(conflict).toBe('conflict');
    await h.call('scenarios.delete', { name: 'onboarding' });
    const imported = await h.call('scenarios.import', { json });
    expect(imported).toMatchObject({
      name: story.name,
      description: story.description,
      steps: story.steps,
      builtIn: false,
    });
    expect((await h.call('scenarios.export', { name: 'onboarding' })).json).toBe(json);
    const builtIn = (await h.call('scenarios.export', { name: 'flaky handler' })).json;
    expect(parseScenarioJson(builtIn)).toEqual(BUILT_IN_SCENARIOS[1]);
  });

  it('rejects bad files with the reason, and protects the built-ins', async () => {
    await expect(h.call('scenarios.import', { json: '{' })).rejects.toThrow(/not JSON/);
    await expect(h.call('scenarios.import', { json: '{"name":"x","steps":[]}' })).rejects.toThrow(/steps/);
    await expect(
      h.call('scenarios.import', { json: '{"format":"other","name":"x","steps":[{"eventType":"a"}]}' }),
    ).rejects.toThrow(/not a scenario file/);
    await expect(h.call('scenarios.delete', { name: 'flaky handler' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(h.call('scenarios.save', { scenario: { ...story, name: 'flaky handler' } })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(h.call('scenarios.run', { name: 'missing' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      h.call('scenarios.run', { scenario: { name: 'x', steps: [{ eventType: 'agent.nope' }] } }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(h.fired).toHaveLength(0);
  });
});
