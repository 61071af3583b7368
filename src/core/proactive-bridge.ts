import type { StudioContext } from './context';
import type { BuiltEvent } from './events/fire';
import type { ExecutedWakeup } from './events/proactive-payloads';
import type { Proactive, WakeupRow } from './proactive';

/** Event types that carry a proactive message to a user, as production treats them. */
export const PROACTIVE_MESSAGE_TYPES: ReadonlySet<string> = new Set(['agent.message', 'on_wakeup_ready']);
/** Events that leave a project notification without a message for the user. */
export const NOTIFYING_TYPES: ReadonlySet<string> = new Set(['on_recurring_event_due']);

/** The message text of a proactive event, wherever its shape keeps it. */
function messageOf(payload: Record<string, unknown>) {
  const data = (payload.data ?? {}) as Record<string, unknown>;
  const wakeup = (payload.wakeup ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    text: str(payload.generated_message) ?? str(data.generated_message) ?? str(data.content) ?? str(data.message) ?? '',
    messageId: str(data.message_id),
    checkType: str(data.check_type) ?? str(wakeup.check_type),
    intent: str(data.intent) ?? str(wakeup.intent),
    wakeupId: str(data.wakeup_id) ?? str(wakeup.wakeup_id),
  };
}

function executed(w: WakeupRow): ExecutedWakeup {
  return {
    wakeup_id: w.wakeup_id,
    agent_id: w.agent_id,
    user_id: w.user_id,
    check_type: w.check_type,
    intent: w.intent,
    generated_message: w.generated_message ?? '',
    scheduled_at: w.scheduled_at,
    created_at: w.created_at,
    ...(w.executed_at ? { executed_at: w.executed_at } : {}),
    ...(w.occasion ? { occasion: w.occasion } : {}),
    ...(w.interest_topic ? { interest_topic: w.interest_topic } : {}),
  };
}

/**
 * The platform's proactive side, joining the mock API's wakeups to the events feature:
 * an executed wakeup fires `agent.wakeup`, `on_wakeup_ready` and `agent.message`; every
 * proactive message event — from a wakeup or fired by hand — leaves a project
 * `Notification` and a pending `ProactiveNotificationEntry` for its user (one per
 * message: a wakeup's `on_wakeup_ready` and `agent.message` carry the same one).
 */
export function createProactiveBridge(
  ctx: StudioContext,
  deps: { proactive: Proactive; fireWakeupEvents: (w: ExecutedWakeup, projectId: string) => unknown },
) {
  function onFired(ev: BuiltEvent, source: string): void {
    const message = PROACTIVE_MESSAGE_TYPES.has(ev.eventType);
    if (!message && !NOTIFYING_TYPES.has(ev.eventType)) return;
    // A body the studio built comes with the object it is the JSON of: not parsed again.
    let payload: Record<string, unknown>;
    try {
      payload = (ev.payload as Record<string, unknown> | undefined) ?? (JSON.parse(ev.body) as Record<string, unknown>);
    } catch {
      return; // QA may fire broken JSON on purpose: nothing to notify about
    }
    // A wakeup's events are stamped when it ran: its notifications too (a hand-fired body's created_at is not trusted).
    const stamped =
      (source === 'wakeup' || source === 'schedule') && typeof payload.created_at === 'string'
        ? new Date(payload.created_at)
        : null;
    const at = stamped && !Number.isNaN(stamped.getTime()) ? stamped : undefined;
    deps.proactive.recordProjectNotification({
      at,
      projectId: ev.projectId,
      eventType: ev.eventType,
      payload,
      // The body the event stored: read from there, not stored again (a hand-fired body that is not
      // exactly its payload's JSON keeps its own copy).
      ...(ev.payload ? { payloadJson: ev.body, eventId: ev.eventId } : {}),
      agentId: ev.agentId,
      userId: ev.userId,
    });
    if (message && ev.userId && !(source === 'wakeup' && ev.eventType !== 'agent.message')) {
      const m = messageOf(payload);
      deps.proactive.recordProactiveNotification({
        at,
        projectId: ev.projectId,
        agentId: ev.agentId,
        userId: ev.userId,
        checkType: m.checkType ?? 'proactive_message',
        generatedMessage: m.text,
        wakeupId: m.wakeupId ?? null,
        intent: m.intent ?? null,
        messageId: m.messageId,
      });
    }
    ctx.bus.emit('proactive.changed', { projectId: ev.projectId });
  }

  const unsubscribe = deps.proactive.onWakeupExecuted((w) => deps.fireWakeupEvents(executed(w), w.project_id));
  return { onFired, close: unsubscribe };
}
