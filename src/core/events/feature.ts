import { ScenarioSchema, type ScenarioStep } from '../../shared/contract/events';
import { StudioError } from '../../shared/errors';
import type { StudioContext } from '../context';
import type { DispatcherApi } from '../dispatch/dispatcher-api';
import type { Feature } from '../feature';
import { createAgentsLookup } from './agents-lookup';
import { startBurst, type BurstHandle } from './burst';
import { createCatalog, type CatalogEntry } from './catalog';
import { createFirer, DEFAULT_USER_ID, type BuiltEvent, type FireOutcome } from './fire';
import { buildProactiveEvents, type ExecutedWakeup } from './proactive-payloads';
import { createRng } from './prng';
import { runScenario, type RunHandle } from './scenarios';
import { createScenariosRepo, upgradeSteps } from './scenarios-repo';
import { createTemplatesRepo } from './templates-repo';
import { systemTimers, type Timers } from './timers';
import { storageHealthFor } from '../store/storage-health';

/** Bursts and scenario runs allowed at once. */
export const MAX_ACTIVE_BURSTS = 4;
export const MAX_ACTIVE_RUNS = 8;

export interface EventsFeatureDeps {
  dispatcher: DispatcherApi;
  timers?: Timers;
  /** Side effects of a fired event (see `createFirer`'s `onFired`): the lead's glue to notifications. */
  onFired?: (event: BuiltEvent, source: string) => void;
}

const toDto = (e: CatalogEntry) => ({
  type: e.type,
  family: e.family,
  kind: e.kind,
  description: e.description,
  sdkShapes: [...e.sdkShapes],
  dataSchema: e.dataSchema,
  payloadSchema: e.payloadSchema,
});

/** The Events area: catalog, templates, preview/fire, bursts, scenarios, custom types. */
export function eventsFeature(ctx: StudioContext, deps: EventsFeatureDeps) {
  const timers = deps.timers ?? systemTimers;
  const catalog = createCatalog(ctx.db, ctx.clock);
  const templates = createTemplatesRepo(ctx.db, catalog, ctx.clock);
  const agents = createAgentsLookup(ctx.db);
  const scenarios = createScenariosRepo(ctx.db, ctx.clock);
  let defaultProject: string | null = null;
  const defaultProjectId = () => (defaultProject ??= ctx.projects.ensureDefaults().project.project_id);
  const firer = createFirer({
    db: ctx.db,
    clock: ctx.clock,
    signingClock: ctx.realClock,
    random: ctx.random,
    catalog,
    templates,
    agents,
    dispatcher: deps.dispatcher,
    defaultProjectId,
    onFired: deps.onFired,
  });
  const bursts = new Map<string, BurstHandle>();
  const runs = new Map<string, RunHandle>();
  const projectsQ = ctx.db.prepare<[], { project_id: string; name: string; is_default: number }>(
    'SELECT project_id, name, is_default FROM projects ORDER BY is_default DESC, created_at LIMIT 500',
  );

  const feature: Feature = {
    name: 'events',
    handlers: {
      'events.catalog': () => ({ types: catalog.list().map(toDto) }),
      'events.targets': ({ projectId }) => {
        const pid = projectId || defaultProjectId();
        return {
          projects: projectsQ
            .all()
            .map((p) => ({ projectId: p.project_id, name: p.name, isDefault: p.is_default === 1 })),
          agents: agents.list(pid),
          projectId: pid,
          defaultUserId: DEFAULT_USER_ID,
        };
      },
      'events.sample': ({ eventType, projectId, agentId, userId, seed }) => {
        const entry = catalog.get(eventType);
        const pid = projectId || defaultProjectId();
        const s = seed ?? ctx.random.token(6);
        const data = entry.generate({
          rng: createRng(s),
          now: ctx.clock.now(),
          projectId: pid,
          agent: agents.profile(pid, agentId),
          userId: userId || DEFAULT_USER_ID,
        });
        return { data, seed: s };
      },
      'events.template.get': ({ eventType, projectId, agentId, userId }) => {
        const saved = templates.get(catalog.get(eventType).type);
        if (saved) return { eventType, data: saved.data, saved: true, updatedAt: saved.updatedAt };
        const entry = catalog.get(eventType);
        const pid = projectId || defaultProjectId();
        const data = entry.generate({
          rng: createRng(`template:${eventType}`),
          now: ctx.clock.now(),
          projectId: pid,
          agent: agents.profile(pid, agentId),
          userId: userId || DEFAULT_USER_ID,
        });
        return { eventType, data, saved: false, updatedAt: null };
      },
      'events.template.validate': ({ eventType, data }) => ({ issues: templates.validate(eventType, data) }),
      'events.template.save': ({ eventType, data }) => {
        const r = templates.save(eventType, data);
        return r.ok
          ? { ok: true, issues: [], updatedAt: r.template.updatedAt }
          : { ok: false, issues: r.issues, updatedAt: null };
      },
      'events.template.reset': ({ eventType }) => ({ ok: templates.reset(eventType) }),
      'events.preview': (p) => firer.preview(p),
      'events.fire': ({ body, injection, source, ...build }) => {
        const opts = { source: source ?? 'ui', injection };
        return body !== undefined
          ? firer.fireRaw({ eventType: build.eventType, projectId: build.projectId, body }, opts)
          : firer.fire(build, opts);
      },
      'events.burst.start': ({ count, rate, source, reportIds, ...build }) => {
        if (bursts.size >= MAX_ACTIVE_BURSTS) {
          throw new StudioError('conflict', `${MAX_ACTIVE_BURSTS} bursts are already running; cancel one first`);
        }
        firer.build(build); // fail fast on a bad type or --set before starting
        const burstId = ctx.random.uuid();
        const baseSeed = build.seed ?? ctx.random.token(6);
        const handle = startBurst({
          burstId,
          eventType: build.eventType,
          count,
          rate,
          clock: ctx.realClock ?? ctx.clock, // a rate is real time
          timers,
          reportIds,
          onError: (err) => storageHealthFor(ctx.db).failed(err),
          fireOne: (i) => {
            const out = firer.fire({ ...build, seed: `${baseSeed}:${i}` }, { source: source ?? 'burst' });
            return { eventId: out.eventId, deliveries: out.deliveries.length };
          },
          fireMany: (indices) =>
            firer
              .fireMany(
                indices.map((i) => ({ ...build, seed: `${baseSeed}:${i}` })),
                { source: source ?? 'burst' },
              )
              .map((out) => ({ eventId: out.eventId, deliveries: out.deliveries.length })),
          onProgress: (p) => ctx.bus.emit('burst.progress', p),
        });
        bursts.set(burstId, handle);
        void handle.done.then(() => bursts.delete(burstId));
        return { burstId, total: count };
      },
      'events.burst.cancel': ({ burstId }) => {
        const b = bursts.get(burstId);
        if (!b) return { cancelled: false };
        b.cancel();
        return { cancelled: true };
      },
      'events.types.create': (p) => toDto(catalog.createCustom(p)),
      'events.types.delete': ({ type }) => {
        catalog.deleteCustom(type);
        templates.reset(type);
        return { ok: true };
      },
      'scenarios.list': () => ({ scenarios: scenarios.list() }),
      'scenarios.save': ({ scenario, overwrite }) => scenarios.save(scenario, overwrite),
      'scenarios.delete': ({ name }) => {
        scenarios.remove(name);
        return { ok: true };
      },
      'scenarios.import': ({ json, overwrite }) => scenarios.importJson(json, overwrite),
      'scenarios.export': ({ name }) => ({ name, json: scenarios.exportJson(name) }),
      'scenarios.run': ({ name, scenario, projectId, agentId, userId, seed, delayScale }) => {
        if (runs.size >= MAX_ACTIVE_RUNS) {
          throw new StudioError('conflict', `${MAX_ACTIVE_RUNS} scenarios are already running; cancel one first`);
        }
        const s = scenario ? ScenarioSchema.parse(scenario) : scenarios.get(name!);
        s.steps = upgradeSteps(s.steps);
        for (const step of s.steps) catalog.get(step.eventType);
        const runId = ctx.random.uuid();
        const baseSeed = seed ?? ctx.random.token(6);
        const handle = runScenario({
          runId,
          scenario: s,
          timers,
          delayScale,
          onProgress: (p) => ctx.bus.emit('scenario.progress', p),
          fireStep: (step: ScenarioStep, i) => {
            const out = firer.fire(
              {
                eventType: step.eventType,
                projectId,
                agentId,
                userId,
                merge: step.data,
                set: step.set,
                seed: `${baseSeed}:${i}`,
                fresh: true,
              },
              { source: 'scenario', injection: step.injection },
            );
            return { eventId: out.eventId, deliveries: out.deliveries.length };
          },
        });
        runs.set(runId, handle);
        void handle.done.then(() => runs.delete(runId));
        return { runId, scenario: s.name, total: s.steps.length };
      },
      'scenarios.cancel': ({ runId }) => {
        const r = runs.get(runId);
        if (!r) return { cancelled: false };
        r.cancel();
        return { cancelled: true };
      },
    },
    close() {
      for (const b of bursts.values()) b.cancel();
      for (const r of runs.values()) r.cancel();
    },
  };
  /**
   * Fires production's three events for a wakeup that just ran (agent.wakeup,
   * on_wakeup_ready, agent.message), in that order, with source 'wakeup'. The lead calls
   * this from the wakeup runner; `onFired` then sees each one (notifications glue).
   */
  function fireWakeupEvents(wakeup: ExecutedWakeup, projectId?: string): FireOutcome[] {
    const pid = projectId || defaultProjectId();
    const events = buildProactiveEvents(wakeup, {
      projectId: pid,
      now: ctx.clock.now(),
      agent: agents.profile(pid, wakeup.agent_id),
      newId: () => ctx.random.uuid(),
    });
    return events.map((e) =>
      firer.fireRaw(
        { eventType: e.eventType, projectId: e.projectId, body: e.body, agentId: e.agentId, userId: e.userId },
        { source: 'wakeup' },
      ),
    );
  }

  return Object.assign(feature, { catalog, templates, firer, scenarios, agents, fireWakeupEvents });
}
