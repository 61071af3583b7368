import { timeOrderedId } from '../../ids';
import { HOUR, isoAt, MINUTE, type GenContext } from './context';
import { atomicFact, breakthrough, moodState } from './sdk-entities';
import { CHECK_TYPES, intentFor, moodFor, moodReason, phrases, say, shiftMood, topicPair } from './shared';

/**
 * `data` of the documented `agent.*` events. Pure: everything comes from the context.
 * Each follows an SDK entity type (see `SDK_SHAPES` in builtins.ts).
 */

/** A `ProactiveNotificationEntry`: the message the agent wrote, as the notifications API lists it. */
export function genAgentMessage(ctx: GenContext) {
  const t = topicPair(ctx);
  const fromWakeup = ctx.rng.chance(0.7);
  return {
    message_id: timeOrderedId(ctx.now, ctx.rng),
    agent_id: ctx.agent.agentId,
    user_id: ctx.userId,
    check_type: ctx.rng.pick(CHECK_TYPES),
    generated_message: say(ctx, ctx.rng.pick(phrases(ctx).proactive), t.topic),
    intent: intentFor(ctx, t.en),
    status: 'pending',
    created_at: ctx.now.toISOString(),
    ...(fromWakeup ? { wakeup_id: ctx.rng.uuid() } : {}),
  };
}

export const MOOD_TRIGGERS = ['conversation', 'memory_recall', 'time_passing', 'user_absence', 'event'] as const;

/** `previous` and `current` are `MoodState`s (the SDK's), one before and one after the shift. */
export function genMoodChange(ctx: GenContext) {
  const before = moodFor(ctx);
  const { mood: after, up } = shiftMood(ctx, before);
  const previous = moodState(ctx, before, {
    userId: ctx.userId,
    at: new Date(ctx.now.getTime() - ctx.rng.int(1, 48) * HOUR),
  });
  const current = moodState(ctx, after, { userId: ctx.userId, since: new Date(previous.created_at) });
  return {
    previous,
    current,
    reason: moodReason(ctx, up),
    trigger_type: ctx.rng.pick(MOOD_TRIGGERS),
  };
}

/** An `AtomicFact`. */
export function genMemoryAdded(ctx: GenContext) {
  return atomicFact(ctx);
}

/** A `Breakthrough`. */
export function genBreakthrough(ctx: GenContext) {
  return breakthrough(ctx);
}

/** A `WakeupEntry` that has just run: created ≤ scheduled ≤ executed. */
export function genWakeup(ctx: GenContext) {
  const t = topicPair(ctx);
  const createdHoursAgo = ctx.rng.int(6, 72);
  const lateMs = ctx.rng.int(0, 55) * 1000;
  return {
    wakeup_id: ctx.rng.uuid(),
    agent_id: ctx.agent.agentId,
    user_id: ctx.userId,
    check_type: ctx.rng.pick(CHECK_TYPES),
    intent: intentFor(ctx, t.en),
    interest_topic: t.topic,
    ...(ctx.rng.chance(0.3) ? { occasion: ctx.rng.pick(phrases(ctx).recurring).title } : {}),
    status: 'executed',
    created_at: isoAt(ctx.now, -createdHoursAgo * HOUR),
    scheduled_at: isoAt(ctx.now, -lateMs),
    executed_at: ctx.now.toISOString(),
  };
}

export function genConsolidation(ctx: GenContext) {
  const weekly = ctx.rng.chance(0.3);
  const processed = ctx.rng.int(weekly ? 40 : 5, weekly ? 400 : 80);
  const merged = ctx.rng.int(0, Math.floor(processed * 0.3));
  const pruned = ctx.rng.int(0, Math.floor((processed - merged) * 0.2));
  const duration = ctx.rng.int(300, weekly ? 45_000 : 8_000);
  return {
    consolidation_id: ctx.rng.uuid(),
    period: weekly ? 'weekly' : 'daily',
    memories_processed: processed,
    memories_merged: merged,
    memories_pruned: pruned,
    summaries_created: ctx.rng.int(1, weekly ? 12 : 3),
    duration_ms: duration,
    started_at: isoAt(ctx.now, -duration - ctx.rng.int(0, 5) * MINUTE),
    completed_at: ctx.now.toISOString(),
  };
}
