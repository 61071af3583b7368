import { MAX_INJECTION_WEBHOOKS } from '../../shared/contract/dispatch';
import { StudioError } from '../../shared/errors';
import type { StudioContext } from '../context';
import type { Feature } from '../feature';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { timeOrderedId } from '../ids';
import { createInjectionRepo } from './injection';
import type { RandomFloat } from './schedule';
import type { DeliveryProfile } from './profile';
import type { Sender } from './send';
import { createDeliverySettings } from './settings';
import { createTargets } from './targets';
import { createEventBodyPacker } from './event-body-packer';

export type { Dispatcher } from './dispatcher';

/** Options tests and the benchmark may pin; the studio uses the defaults. */
export interface DispatchFeatureOptions {
  randomFloat?: RandomFloat;
  sender?: Sender;
  /** Delivery profiles of the platforms other than Sonzai, by name (filled in by their providers). */
  profiles?: Map<string, DeliveryProfile>;
}

function eventIdOf(body: string): string | null {
  try {
    const v = JSON.parse(body) as { event_id?: unknown };
    return typeof v?.event_id === 'string' && v.event_id.length > 0 && v.event_id.length <= 200 ? v.event_id : null;
  } catch {
    return null;
  }
}

/** The signing dispatcher as a feature: its contract handlers, its due loop. */
export function dispatchFeature(
  ctx: StudioContext,
  opts: DispatchFeatureOptions = {},
): { feature: Feature; dispatcher: Dispatcher; profiles: Map<string, DeliveryProfile> } {
  const settings = createDeliverySettings(ctx.settings, ctx.bus);
  const profiles = opts.profiles ?? new Map<string, DeliveryProfile>();
  const targets = createTargets(ctx.db);
  const injections = createInjectionRepo(ctx.db, () => ctx.clock.now().toISOString());
  const dispatcher = createDispatcher({
    db: ctx.db,
    clock: ctx.clock,
    signingClock: ctx.realClock,
    random: ctx.random,
    randomFloat: opts.randomFloat,
    bus: ctx.bus,
    targets,
    injections,
    settings: settings.get,
    sender: opts.sender,
    profiles,
  });
  // Bodies packed at rest once a burst is over (migration 018).
  const packer = createEventBodyPacker(ctx.db, { now: () => ctx.clock.now() });
  // Retries are due on the studio clock: after it jumps, the ones that came due go now.
  const stopWatchingClock = ctx.studioClock?.onAdvance(() => dispatcher.poke());
  const statusOf = (id: string) =>
    ctx.db.prepare<[string], { status: string }>('SELECT status FROM deliveries WHERE delivery_id = ?').get(id)
      ?.status ?? 'unknown';

  const feature: Feature = {
    name: 'dispatch',
    handlers: {
      'delivery.settings.get': () => settings.get(),
      'delivery.settings.set': ({ patch }) => {
        const next = settings.set(patch);
        dispatcher.poke();
        return next;
      },
      'delivery.injection.get': () => {
        const rows = targets.all(MAX_INJECTION_WEBHOOKS + 1);
        return {
          truncated: rows.length > MAX_INJECTION_WEBHOOKS,
          webhooks: rows.slice(0, MAX_INJECTION_WEBHOOKS).map((w) => ({
            webhookId: w.webhook_id,
            projectId: w.project_id,
            eventType: w.event_type,
            webhookUrl: w.webhook_url,
            isActive: w.is_active === 1,
            injection: injections.get(w.webhook_id),
          })),
        };
      },
      'delivery.injection.set': ({ webhookId, injection }) => {
        if (!targets.webhook(webhookId)) throw new StudioError('not_found', `no webhook ${webhookId}`);
        return { webhookId, injection: injections.set(webhookId, injection) };
      },
      'deliveries.retryNow': ({ deliveryId }) => {
        dispatcher.retryNow(deliveryId);
        return { deliveryId, status: statusOf(deliveryId) };
      },
      'deliveries.cancel': ({ deliveryId }) => {
        dispatcher.cancel(deliveryId);
        return { deliveryId, status: statusOf(deliveryId) };
      },
      'events.fireRaw': ({ projectId, eventType, body, injection }) => {
        const project = projectId ?? ctx.status().projectId;
        if (!ctx.projects.project(project)) throw new StudioError('not_found', `no project ${project}`);
        return dispatcher.fire({
          projectId: project,
          eventType,
          body,
          eventId: eventIdOf(body) ?? `evt_${timeOrderedId(ctx.clock.now(), ctx.random)}`,
          source: 'raw',
          injection,
        });
      },
    },
    start: () => {
      dispatcher.start();
      packer.start();
    },
    close: async () => {
      packer.stop();
      stopWatchingClock?.();
      await dispatcher.close();
      settings.close();
    },
  };
  return { feature, dispatcher, profiles };
}
