import type { Scenario, ScenarioProgress, ScenarioStep } from '../../shared/contract/events';
import type { Timers } from './timers';

/** Scenarios shipped with the studio: stories QA can rerun. Delays are short on purpose. */
export const BUILT_IN_SCENARIOS: readonly Scenario[] = [
  {
    name: "companion's first week",
    description:
      'A wakeup runs, the agent writes to the user, its mood lifts, it remembers something, a breakthrough, then the weekly consolidation.',
    steps: [
      {
        eventType: 'agent.wakeup',
        delayMs: 0,
        note: 'Day 1: the scheduled wakeup runs',
        data: { check_type: 'check_in' },
      },
      { eventType: 'on_wakeup_ready', delayMs: 500, note: 'Day 1: the message is ready', data: { has_energy: true } },
      {
        eventType: 'agent.message',
        delayMs: 500,
        note: 'Day 1: the proactive message is sent',
        data: { check_type: 'check_in' },
      },
      {
        eventType: 'agent.mood_change',
        delayMs: 800,
        note: 'Day 2: the user answered; the mood lifts',
        data: { trigger_type: 'conversation' },
      },
      {
        eventType: 'agent.memory_added',
        delayMs: 800,
        note: 'Day 3: a memory worth keeping',
        data: { importance: 0.82 },
      },
      { eventType: 'on_diary_generated', delayMs: 800, note: 'Day 4: the agent writes its diary' },
      { eventType: 'agent.breakthrough', delayMs: 800, note: 'Day 5: a breakthrough' },
      { eventType: 'on_personality_updated', delayMs: 500, note: 'Day 5: personality drifts warmer' },
      {
        eventType: 'agent.consolidation',
        delayMs: 800,
        note: 'Day 7: weekly consolidation',
        data: { period: 'weekly' },
      },
    ],
  },
  {
    name: 'flaky handler',
    description:
      'The same kinds of events with injected failures: 500s, duplicates, a slow delivery, a drop and reordering — your handler must stay idempotent.',
    steps: [
      { eventType: 'agent.message', delayMs: 0, note: 'A normal delivery first' },
      {
        eventType: 'agent.message',
        delayMs: 300,
        injection: { forceStatus: 500 },
        note: 'Handler answers 500: retries follow',
      },
      {
        eventType: 'agent.mood_change',
        delayMs: 300,
        injection: { duplicateRate: 1 },
        note: 'Delivered twice: dedupe on event_id',
      },
      { eventType: 'agent.memory_added', delayMs: 300, injection: { latencyMs: 3000 }, note: 'A slow delivery (3 s)' },
      { eventType: 'agent.message', delayMs: 300, injection: { forceStatus: 503 }, note: 'Another 5xx' },
      { eventType: 'agent.consolidation', delayMs: 300, injection: { dropRate: 1 }, note: 'Dropped on the way' },
      { eventType: 'agent.breakthrough', delayMs: 300, injection: { reorderWindow: 3 }, note: 'Out of order' },
      { eventType: 'agent.wakeup', delayMs: 300, injection: { duplicateRate: 1 }, note: 'A duplicated wakeup' },
    ],
  },
];

export function isBuiltInScenario(name: string): boolean {
  return BUILT_IN_SCENARIOS.some((s) => s.name === name);
}

export interface StepOutcome {
  eventId: string;
  deliveries: number;
}

export interface RunOptions {
  runId: string;
  scenario: Scenario;
  fireStep(step: ScenarioStep, index: number): StepOutcome;
  timers: Timers;
  onProgress(p: ScenarioProgress): void;
  /** Multiplies every delay (default 1). */
  delayScale?: number;
}

export interface RunHandle {
  runId: string;
  cancel(): void;
  done: Promise<ScenarioProgress>;
}

/** Runs the steps in order: wait the step's delay, fire it, report. Cancel stops between steps. */
export function runScenario(o: RunOptions): RunHandle {
  const steps = o.scenario.steps;
  const scale = o.delayScale ?? 1;
  let done = 0;
  let cancelled = false;
  let finished = false;
  let timer: unknown = null;
  let lastStep: ScenarioProgress['step'] = null;
  let resolveDone!: (p: ScenarioProgress) => void;
  const promise = new Promise<ScenarioProgress>((r) => (resolveDone = r));

  const report = (state: ScenarioProgress['state'], error?: string): ScenarioProgress => {
    const p: ScenarioProgress = {
      runId: o.runId,
      scenario: o.scenario.name,
      total: steps.length,
      done,
      state,
      step: lastStep,
      ...(error ? { error } : {}),
    };
    o.onProgress(p);
    return p;
  };
  const finish = (state: 'done' | 'cancelled' | 'failed', error?: string) => {
    if (finished) return;
    finished = true;
    timer = null;
    resolveDone(report(state, error));
  };

  const runStep = (i: number) => {
    timer = null;
    if (cancelled) return finish('cancelled');
    const step = steps[i];
    try {
      const out = o.fireStep(step, i);
      done = i + 1;
      lastStep = {
        index: i,
        eventType: step.eventType,
        eventId: out.eventId,
        deliveries: out.deliveries,
        note: step.note ?? null,
      };
    } catch (err) {
      lastStep = { index: i, eventType: step.eventType, eventId: null, deliveries: 0, note: step.note ?? null };
      return finish('failed', `step ${i + 1} (${step.eventType}): ${(err as Error).message}`);
    }
    if (done >= steps.length) return finish('done');
    report('running');
    schedule(i + 1);
  };

  const schedule = (i: number) => {
    const delay = Math.round((steps[i].delayMs ?? 0) * scale);
    if (delay > 0) {
      lastStep = { index: i, eventType: steps[i].eventType, eventId: null, deliveries: 0, note: steps[i].note ?? null };
      report('waiting');
    }
    timer = o.timers.setTimeout(() => runStep(i), delay);
  };

  schedule(0);

  return {
    runId: o.runId,
    cancel() {
      if (finished || cancelled) return;
      cancelled = true;
      if (timer !== null) {
        o.timers.clearTimeout(timer);
        finish('cancelled');
      }
    },
    done: promise,
  };
}
