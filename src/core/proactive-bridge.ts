import type { StudioContext } from './context';
import type { DispatcherApi } from './dispatch/dispatcher-api';
import { createAgentsLookup } from './events/agents-lookup';
import type { BuiltEvent } from './events/fire';
import { buildProactiveEvents } from './events/proactive-payloads';
import type { Proactive, WakeupRow } from './proactive';

/** Event types that carry a proactive message to a user, as production treats them. */
export const PROACTIVE_MESSAGE_TYPES: ReadonlySet<string> = new Set(['agent.message', 'on_wakeup_ready']);

interface ProactiveEventLike {
  eventType: string;
  projectId: string;
  agentId: string;
  userId: string | null;
  body: string;
}

/** The message text of a proactive event, wherever its shape keeps it. */
function messageOf(payload: Record<string, unknown>): {
  text: string;
  checkType?: string;
  intent?: string;
  wakeupId?: string;
} {
  const data = (payload.data ?? {}) as Record<string, unknown>;
  const wakeup = (payload.wakeup ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    text: str(payload.generated_message) ?? str(data.content) ?? str(data.message) ?? '',
    checkType: str(data.check_type) ?? str(wakeup.check_type),
    intent: str(data.intent) ?? str(wakeup.intent),
    wakeupId: str(data.wakeup_id) ?? str(wakeup.wakeup_id),
  };
}

/**
 * The platform's proactive side, joining three features: an executed wakeup (mock API's
 * clock) fires `agent.wakeup`, `on_wakeup_ready` and `agent.message` through the
 * dispatcher; every proactive message event — fired by a wakeup or by hand — leaves a
 * pending `ProactiveNotificationEntry` for its user and a project `Notification`.
 */
export function createProactiveBridge(ctx: StudioContext, deps: { proactive: Proactive; dispatcher: DispatcherApi }) {
  const agents = createAgentsLookup(ctx.db);

  function leaveNotifications(ev: ProactiveEventLike, wakeup?: WakeupRow): void {
    if (!PROACTIVE_MESSAGE_TYPES.has(ev.eventType)) return;
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(ev.body) as Record<string, unknown>;
    } catch {
      return; // QA may fire broken JSON on purpose: nothing to notify about
    }
    deps.proactive.createProjectNotification({
      projectId: ev.projectId,
      eventType: ev.eventType,
      payload,
      agentId: ev.agentId,
      userId: ev.userId,
    });
    // One entry per message for the user: a wakeup's on_wakeup_ready and agent.message are one message.
    if (!ev.userId || (wakeup && ev.eventType !== 'agent.message')) return;
    const m = messageOf(payload);
    deps.proactive.createProactiveNotification({
      projectId: ev.projectId,
      agentId: ev.agentId,
      userId: ev.userId,
      checkType: wakeup?.check_type ?? m.checkType ?? 'proactive_message',
      generatedMessage: wakeup?.generated_message ?? m.text,
      wakeupId: wakeup?.wakeup_id ?? m.wakeupId ?? null,
      intent: wakeup?.intent ?? m.intent ?? null,
    });
  }

  function onWakeupExecuted(w: WakeupRow): void {
    const events = buildProactiveEvents(
      {
        wakeup_id: w.wakeup_id,
        agent_id: w.agent_id,
        user_id: w.user_id,
        check_type: w.check_type,
        intent: w.intent,
        generated_message: w.generated_message ?? '',
        scheduled_at: w.scheduled_at,
        created_at: w.created_at,
        ...(w.occasion ? { occasion: w.occasion } : {}),
        ...(w.interest_topic ? { interest_topic: w.interest_topic } : {}),
      },
      {
        projectId: w.project_id,
        now: w.executed_at ? new Date(w.executed_at) : deps.proactive.clock.now(),
        agent: agents.profile(w.project_id, w.agent_id),
        newId: () => ctx.random.uuid(),
      },
    );
    for (const ev of events) {
      deps.dispatcher.fire({ ...ev, source: 'wakeup' });
      leaveNotifications(ev, w);
    }
  }

  const unsubscribe = deps.proactive.onWakeupExecuted(onWakeupExecuted);
  return {
    /** For the events feature's `onFired`: hand-fired proactive messages leave notifications too. */
    onFired(event: BuiltEvent, source: string): void {
      if (source !== 'wakeup') leaveNotifications(event);
    },
    close: unsubscribe,
  };
}
