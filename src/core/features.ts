import type { StudioContext } from './context';
import { eventsFeature } from './events/feature';
import type { Feature } from './feature';
import { studioFeature } from './studio-feature';
import { apiFeature } from './api/feature';
import type { RequestLog } from './api/request-log';
import { dispatchFeature } from './dispatch';
import { tunnelFeature } from './tunnel/tunnel-feature';
import { inspectorFeature } from './inspector/feature';
import { createProactiveBridge } from './proactive-bridge';
import { notificationsFeature } from './notifications/feature';
import { createAgentStateService } from './agent-state/service';
import { agentStateFeature } from './agent-state/feature';
import { oneInboxFeature } from './providers/oneinbox/feature';

/**
 * The composition root: every feature of the core, in the order they are built. A
 * feature that needs another receives it here, explicitly.
 */
export async function createFeatures(ctx: StudioContext, opts: { requestLog: RequestLog }): Promise<Feature[]> {
  const studio = studioFeature(ctx);
  const agentState = createAgentStateService(ctx);
  const api = apiFeature(ctx, { agentState, requestLog: opts.requestLog });
  const dispatch = dispatchFeature(ctx);
  const tunnel = await tunnelFeature(ctx);
  const inspector = inspectorFeature(ctx, { dispatcher: dispatch.dispatcher });
  // Fired proactive messages leave notifications; executed wakeups fire their events.
  // Fired events with state (mood, diary, breakthroughs) record it, so the API reads that follow agree.
  const events = eventsFeature(ctx, {
    dispatcher: dispatch.dispatcher,
    onFired: (e, s) => {
      agentState.onFired(e);
      bridge.onFired(e, s);
    },
  });
  const bridge = createProactiveBridge(ctx, { proactive: api.proactive, fireWakeupEvents: events.fireWakeupEvents });
  // Schedules and backend events fire through the events feature; occurrences come due on the studio clock.
  agentState.connect({
    fire: (input, source) => events.firer.fire({ ...input, fresh: true }, { source }),
    agents: events.agents,
  });
  const stopSchedules = ctx.studioClock?.onAdvance((now) => agentState.runDueSchedules(now));
  const proactive: Feature = {
    name: 'proactive',
    close: () => {
      stopSchedules?.();
      bridge.close();
    },
  };
  const notifications = notificationsFeature(ctx, { proactive: api.proactive });
  const oneinbox = oneInboxFeature(ctx, {
    dispatcher: dispatch.dispatcher,
    profiles: dispatch.profiles,
    studioClock: api.proactive.clock,
    requestLog: api.requestLog,
  });
  return [
    studio,
    api,
    dispatch.feature,
    tunnel,
    inspector,
    events,
    proactive,
    notifications,
    agentStateFeature(ctx, agentState),
    oneinbox,
  ];
}
