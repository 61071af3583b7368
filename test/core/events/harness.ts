import { join } from 'node:path';
import type { StudioContext } from '../../../src/core/context';
import type { Clock, Random } from '../../../src/core/deps';
import type { DispatcherApi, FireInput } from '../../../src/core/dispatch/dispatcher-api';
import { eventsFeature } from '../../../src/core/events/feature';
import type { Timers } from '../../../src/core/events/timers';
import { createEventBus } from '../../../src/core/live/bus';
import { createDispatcher, type Handlers } from '../../../src/core/rpc/dispatch';
import { openStore, type Db } from '../../../src/core/store/open';
import { createProjectsRepo } from '../../../src/core/store/projects-repo';
import { createSettingsRepo } from '../../../src/core/store/settings-repo';
import type { AnyEvent, Method, ParamsOf, ResultOf } from '../../../src/shared/contract';
import { StudioError } from '../../../src/shared/errors';
import { tempDir } from '../../helpers/tmp';

/**
 * A dispatcher that records what it is asked to fire, and "delivers" to registered webhooks.
 * `withFireMany`: it also takes batches as the real one does, `alongside` run in their transaction.
 */
export function recordingDispatcher(db: Db, withFireMany = false) {
  const fired: (FireInput & { bodyText: string })[] = [];
  /** Per fireMany call: how many events, and whether `alongside` ran inside its transaction. */
  const batches: { events: number; alongsideInTransaction: boolean | null }[] = [];
  const hooks = db.prepare<[string, string], { webhook_id: string; webhook_url: string }>(
    'SELECT webhook_id, webhook_url FROM webhooks WHERE project_id = ? AND event_type = ? AND is_active = 1',
  );
  let n = 0;
  const api: DispatcherApi = {
    fire(input) {
      fired.push({ ...input, bodyText: typeof input.body === 'string' ? input.body : input.body.toString('utf8') });
      return {
        eventId: input.eventId,
        deliveries: hooks.all(input.projectId, input.eventType).map((h) => ({
          deliveryId: `d${++n}`,
          webhookId: h.webhook_id,
          webhookUrl: h.webhook_url,
        })),
      };
    },
    replay: () => Promise.reject(new Error('not used')),
    retryNow: () => {},
    cancel: () => {},
    idle: () => Promise.resolve(),
  };
  if (withFireMany) {
    api.fireMany = db.transaction((inputs: FireInput[], alongside?: () => void) => {
      const results = inputs.map((i) => api.fire(i));
      const batch = { events: inputs.length, alongsideInTransaction: null as boolean | null };
      batches.push(batch);
      if (alongside) {
        batch.alongsideInTransaction = db.inTransaction;
        alongside();
      }
      return results;
    });
  }
  return { api, fired, batches };
}

export const FIXED_NOW = new Date('2026-03-01T09:30:00.000Z');

export function seqRandom(): Random {
  let i = 0;
  return {
    uuid: () => `00000000-0000-4000-8000-${String(++i).padStart(12, '0')}`,
    token: () => `tok${++i}`,
  };
}

export interface Harness {
  db: Db;
  ctx: StudioContext;
  fired: ReturnType<typeof recordingDispatcher>['fired'];
  batches: ReturnType<typeof recordingDispatcher>['batches'];
  events: AnyEvent[];
  feature: ReturnType<typeof eventsFeature>;
  call<M extends Method>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  registerWebhook(eventType: string, url?: string, secret?: string, authHeader?: string | null): string;
  close(): void;
}

/** The events feature over a real SQLite file, a recording dispatcher and the real contract validation. */
export function createHarness(
  opts: {
    clock?: Clock;
    timers?: Timers;
    onFired?: Parameters<typeof eventsFeature>[1]['onFired'];
    /** The recording dispatcher takes batches (`fireMany`), as the real one does. */
    fireMany?: boolean;
  } = {},
): Harness {
  const dir = tempDir('events-');
  const db = openStore(join(dir, 'studio.db'));
  const clock = opts.clock ?? { now: () => FIXED_NOW };
  const random = seqRandom();
  const bus = createEventBus();
  const projects = createProjectsRepo(db, clock, random);
  const defaults = projects.ensureDefaults();
  const ctx = {
    db,
    clock,
    random,
    bus,
    app: null as never,
    projects,
    settings: createSettingsRepo(db),
    dataDir: dir,
    status: () => ({ projectId: defaults.project.project_id }) as never,
  } satisfies StudioContext;
  const rec = recordingDispatcher(db, opts.fireMany);
  const feature = eventsFeature(ctx, { dispatcher: rec.api, timers: opts.timers, onFired: opts.onFired });
  const dispatch = createDispatcher(feature.handlers as Handlers);
  const events: AnyEvent[] = [];
  bus.subscribe((e) => events.push(e));
  let id = 0;
  return {
    db,
    ctx,
    fired: rec.fired,
    batches: rec.batches,
    events,
    feature,
    async call(method, params) {
      const res = await dispatch({ id: ++id, method, params });
      if ('error' in res) throw StudioError.fromBody(res.error);
      return res.result as never;
    },
    registerWebhook(eventType, url = 'http://127.0.0.1:9/hook', secret = 'whsec_fixedkey123', authHeader = null) {
      const now = FIXED_NOW.toISOString();
      const webhookId = `wh_${eventType}`;
      db.prepare(
        'INSERT INTO webhooks (webhook_id, project_id, event_type, webhook_url, auth_header, is_active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
      ).run(webhookId, defaults.project.project_id, eventType, url, authHeader, now, now);
      db.prepare(
        'INSERT INTO webhook_secrets (secret_id, webhook_id, project_id, event_type, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(`sec_${eventType}`, webhookId, defaults.project.project_id, eventType, secret, now);
      return webhookId;
    },
    close: () => db.close(),
  };
}
