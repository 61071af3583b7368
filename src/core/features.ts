import type { StudioContext } from './context';
import { eventsFeature } from './events/feature';
import type { Feature } from './feature';
import { studioFeature } from './studio-feature';
import { apiFeature } from './api/feature';
import { dispatchFeature } from './dispatch';
import { tunnelFeature } from './tunnel/tunnel-feature';
import { inspectorFeature } from './inspector/feature';
import { createProactiveBridge } from './proactive-bridge';
import { notificationsFeature } from './notifications/feature';
import { oneInboxFeature } from './providers/oneinbox/feature';

/**
 * The composition root: every feature of the core, in the order they are built. A
 * feature that needs another receives it here, explicitly.
 */
export async function createFeatures(ctx: StudioContext): Promise<Feature[]> {
  const studio = studioFeature(ctx);
  const api = apiFeature(ctx);
  const dispatch = dispatchFeature(ctx);
  const tunnel = await tunnelFeature(ctx);
  const inspector = inspectorFeature(ctx, { dispatcher: dispatch.dispatcher });
  // Fired proactive messages leave notifications; executed wakeups fire their events.
  const events = eventsFeature(ctx, { dispatcher: dispatch.dispatcher, onFired: (e, s) => bridge.onFired(e, s) });
  const bridge = createProactiveBridge(ctx, { proactive: api.proactive, fireWakeupEvents: events.fireWakeupEvents });
  const proactive: Feature = { name: 'proactive', close: bridge.close };
  const notifications = notificationsFeature(ctx, { proactive: api.proactive });
  const oneinbox = oneInboxFeature(ctx, {
    dispatcher: dispatch.dispatcher,
    profiles: dispatch.profiles,
    studioClock: api.proactive.clock,
    requestLog: api.requestLog,
  });
  return [studio, api, dispatch.feature, tunnel, inspector, events, proactive, notifications, oneinbox];
}
