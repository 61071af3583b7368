/**
 * Burst benchmark: 10,000 events fired through `events.burst.start` (the same path the
 * UI uses) into a dispatcher that stores each event in SQLite (the pre-merge adapter;
 * the lead reruns this with the real dispatcher). Measures events/s, how often progress
 * reaches the UI, the longest gap between two progress updates, and event-loop lag.
 * Baseline, same run: the same 10,000 events fired in a plain loop (no burst pacing,
 * no progress) — the ratio is the burst machinery's cost.
 *
 *   npx tsx bench/burst.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StudioContext } from '../src/core/context';
import { systemClock, systemRandom } from '../src/core/deps';
import type { DispatcherApi } from '../src/core/dispatch/dispatcher-api';
import { eventsFeature } from '../src/core/events/feature';
import { createEventBus } from '../src/core/live/bus';
import { openStore } from '../src/core/store/open';
import { createProjectsRepo } from '../src/core/store/projects-repo';
import { createSettingsRepo } from '../src/core/store/settings-repo';
import type { BurstProgress } from '../src/shared/contract/events';

const N = 10_000;
const RUNS = 3;

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-burst-'));
  const db = openStore(join(dir, 'studio.db'));
  const projects = createProjectsRepo(db, systemClock, systemRandom);
  projects.ensureDefaults();
  const bus = createEventBus();
  const ctx = {
    db,
    clock: systemClock,
    random: systemRandom,
    bus,
    app: null as never,
    projects,
    settings: createSettingsRepo(db),
    dataDir: dir,
    status: () => null as never,
  } satisfies StudioContext;
  const insert = db.prepare(
    'INSERT INTO events (event_id, project_id, agent_id, user_id, event_type, body, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const dispatcher: DispatcherApi = {
    fire(i) {
      insert.run(
        i.eventId,
        i.projectId,
        i.agentId ?? null,
        i.userId ?? null,
        i.eventType,
        Buffer.from(i.body),
        i.source ?? 'fire',
        new Date().toISOString(),
      );
      return { eventId: i.eventId, deliveries: [] };
    },
    replay: () => Promise.reject(new Error('unused')),
    retryNow: () => {},
    cancel: () => {},
    idle: () => Promise.resolve(),
  };
  const feature = eventsFeature(ctx, { dispatcher });
  return { feature, bus, db, close: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}

function lagProbe() {
  let last = performance.now();
  let max = 0;
  const t = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last - 10);
    last = now;
  }, 10);
  return () => (clearInterval(t), max);
}

async function burstRun(rate?: number) {
  const s = setup();
  const times: number[] = [];
  let final: BurstProgress | null = null;
  const done = new Promise<void>((resolve) =>
    s.bus.subscribe((e) => {
      if (e.event !== 'burst.progress') return;
      times.push(performance.now());
      if (e.payload.state !== 'running') {
        final = e.payload;
        resolve();
      }
    }),
  );
  const stopLag = lagProbe();
  const t0 = performance.now();
  await s.feature.handlers!['events.burst.start']!({
    eventType: 'agent.memory_added',
    count: N,
    ...(rate ? { rate } : {}),
  });
  await done;
  const ms = performance.now() - t0;
  const lag = stopLag();
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  s.close();
  return {
    eventsPerSec: (N * 1000) / ms,
    updatesPerSec: (times.length * 1000) / ms,
    maxGapMs: Math.max(...gaps),
    maxLagMs: lag,
    fired: (final as BurstProgress | null)?.fired ?? 0,
  };
}

function baselineRun() {
  const s = setup();
  const t0 = performance.now();
  for (let i = 0; i < N; i++)
    s.feature.firer.fire({ eventType: 'agent.memory_added', seed: `b:${i}` }, { source: 'bench' });
  const ms = performance.now() - t0;
  s.close();
  return { eventsPerSec: (N * 1000) / ms };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number) => x.toFixed(x < 10 ? 2 : 0);

async function main() {
  const base: number[] = [];
  const fast: Awaited<ReturnType<typeof burstRun>>[] = [];
  for (let r = 0; r < RUNS; r++) {
    base.push(baselineRun().eventsPerSec);
    fast.push(await burstRun());
  }
  const paced = await burstRun(4000);
  const m = (k: keyof (typeof fast)[number]) => median(fast.map((f) => f[k]));
  console.log(`burst of ${N} agent.memory_added events, SQLite-storing dispatcher, medians of ${RUNS} runs`);
  console.log(`baseline (plain loop, no burst):   ${fmt(median(base))} events/s`);
  console.log(
    `burst, as fast as possible:        ${fmt(m('eventsPerSec'))} events/s (ratio burst/baseline ${(m('eventsPerSec') / median(base)).toFixed(2)})`,
  );
  console.log(
    `  progress updates:                ${fmt(m('updatesPerSec'))} per s, longest gap ${fmt(m('maxGapMs'))} ms, max event-loop lag ${fmt(m('maxLagMs'))} ms`,
  );
  console.log(
    `burst at --rate 4000 (one run):    ${fmt(paced.eventsPerSec)} events/s, ${fmt(paced.updatesPerSec)} updates/s, longest gap ${fmt(paced.maxGapMs)} ms, max lag ${fmt(paced.maxLagMs)} ms`,
  );
  if (fast.some((f) => f.fired !== N) || paced.fired !== N) throw new Error('a burst did not fire every event');
}

void main();
