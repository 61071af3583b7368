import { buildPayload } from './envelope';
import type { AgentProfile } from './generators/context';
import { genWakeupReady } from './generators/sdk';
import { createRng } from './prng';

/** A wakeup that just ran, as the wakeup runner knows it (AdvanceTimeWakeup + times). */
export interface ExecutedWakeup {
  wakeup_id: string;
  agent_id: string;
  user_id: string;
  check_type: string;
  intent: string;
  generated_message: string;
  scheduled_at?: string;
  created_at?: string;
  /** When it ran (the wakeup row's `executed_at`): the events are stamped with it. */
  executed_at?: string;
  occasion?: string;
  interest_topic?: string;
}

export interface ProactiveEvent {
  eventType: 'agent.wakeup' | 'on_wakeup_ready' | 'agent.message';
  eventId: string;
  projectId: string;
  agentId: string;
  userId: string;
  /** Serialised once; hand it to `DispatcherApi.fire` as is. */
  body: string;
}

export interface ProactiveContext {
  projectId: string;
  /** When the wakeup ran (the studio clock). */
  now: Date;
  agent: AgentProfile;
  /** Fresh ids for events and the message (inject `random.uuid`). */
  newId(): string;
}

/**
 * The three events production emits when a wakeup runs — `agent.wakeup`,
 * `on_wakeup_ready` (its documented body) and `agent.message` — built from the real
 * wakeup, so every event names the same wakeup, user and message. Pure. The lead glues
 * this to the wakeup runner: fire each in order and leave the notification.
 */
export function buildProactiveEvents(w: ExecutedWakeup, ctx: ProactiveContext): ProactiveEvent[] {
  const ranAt = w.executed_at ? new Date(w.executed_at) : ctx.now;
  if (Number.isNaN(ranAt.getTime())) throw new RangeError(`bad executed_at ${w.executed_at}`);
  ctx = { ...ctx, now: ranAt };
  const executedAt = ranAt.toISOString();
  const scheduledAt = w.scheduled_at ?? executedAt;
  const agent: AgentProfile = { ...ctx.agent, agentId: w.agent_id };
  const base = (eventType: ProactiveEvent['eventType']) => ({
    eventId: ctx.newId(),
    eventType,
    createdAt: executedAt,
    projectId: ctx.projectId,
    agentId: w.agent_id,
    userId: w.user_id,
  });
  const optional = {
    ...(w.occasion ? { occasion: w.occasion } : {}),
    ...(w.interest_topic ? { interest_topic: w.interest_topic } : {}),
  };

  const wakeupFields = base('agent.wakeup');
  const wakeup = buildPayload('envelope', wakeupFields, {
    wakeup_id: w.wakeup_id,
    agent_id: w.agent_id,
    user_id: w.user_id,
    check_type: w.check_type,
    intent: w.intent,
    ...optional,
    status: 'executed',
    created_at: w.created_at ?? scheduledAt,
    scheduled_at: scheduledAt,
    executed_at: executedAt,
  });

  const readyFields = base('on_wakeup_ready');
  const readyData = genWakeupReady(
    { rng: createRng(`wakeup:${w.wakeup_id}`), now: ctx.now, projectId: ctx.projectId, agent, userId: w.user_id },
    { ...w, scheduled_at: scheduledAt },
  );
  if (w.created_at) readyData.wakeup.created_at = w.created_at;
  Object.assign(readyData.wakeup, optional);
  const ready = buildPayload('flat-no-user', readyFields, readyData);

  const messageFields = base('agent.message');
  // A ProactiveNotificationEntry: the pending notification the bridge leaves carries this message_id.
  const message = buildPayload('envelope', messageFields, {
    message_id: ctx.newId(),
    agent_id: w.agent_id,
    user_id: w.user_id,
    check_type: w.check_type,
    generated_message: w.generated_message,
    intent: w.intent,
    status: 'pending',
    created_at: executedAt,
    wakeup_id: w.wakeup_id,
  });

  return [
    { ...wakeupFields, body: JSON.stringify(wakeup) },
    { ...readyFields, body: JSON.stringify(ready) },
    { ...messageFields, body: JSON.stringify(message) },
  ].map((f) => ({
    eventType: f.eventType,
    eventId: f.eventId,
    projectId: f.projectId,
    agentId: f.agentId,
    userId: f.userId,
    body: f.body,
  }));
}
