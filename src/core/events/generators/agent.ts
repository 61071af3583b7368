import { HOUR, isoAt, MINUTE, type GenContext } from './context';
import {
  CHECK_TYPES,
  intentFor,
  moodFor,
  moodLabel,
  moodReason,
  phrases,
  say,
  shiftMood,
  topicPair,
  traitChanges,
} from './shared';

/** `data` of the documented `agent.*` events. Pure: everything comes from the context. */

export function genAgentMessage(ctx: GenContext) {
  const t = topicPair(ctx);
  const fromWakeup = ctx.rng.chance(0.7);
  return {
    message_id: ctx.rng.id('msg_'),
    content: say(ctx, ctx.rng.pick(phrases(ctx).proactive), t.topic),
    language: ctx.agent.language,
    source: fromWakeup ? 'wakeup' : 'proactive',
    check_type: ctx.rng.pick(CHECK_TYPES),
    intent: intentFor(ctx, t.en),
    ...(fromWakeup ? { wakeup_id: ctx.rng.uuid() } : {}),
  };
}

const TRIGGERS = ['conversation', 'memory_recall', 'time_passing', 'user_absence', 'event'] as const;

export function genMoodChange(ctx: GenContext) {
  const previous = moodFor(ctx);
  const { mood: current, up } = shiftMood(ctx, previous);
  return {
    previous,
    current,
    previous_label: moodLabel(previous),
    label: moodLabel(current),
    reason: moodReason(ctx, up),
    trigger: ctx.rng.pick(TRIGGERS),
  };
}

const FACT_TYPES = ['preference', 'event', 'relationship', 'personal_fact', 'goal', 'emotion'] as const;

export function genMemoryAdded(ctx: GenContext) {
  const content = ctx.rng.pick(phrases(ctx).memories);
  return {
    memory_id: ctx.rng.uuid(),
    content,
    fact_type: ctx.rng.pick(FACT_TYPES),
    importance: ctx.rng.float(0.2, 0.98),
    entities: ctx.rng.sample(phrases(ctx).topics, ctx.rng.int(0, 2)),
    source: ctx.rng.pick(['conversation', 'consolidation', 'seed'] as const),
    language: ctx.agent.language,
  };
}

export function genBreakthrough(ctx: GenContext) {
  const b = ctx.rng.pick(phrases(ctx).breakthroughs);
  const topic = ctx.rng.pick(phrases(ctx).topics);
  return {
    breakthrough_id: ctx.rng.uuid(),
    title: b.title,
    description: say(ctx, b.description, topic),
    significance: ctx.rng.float(0.5, 1),
    trait_changes: traitChanges(ctx),
  };
}

export function genWakeup(ctx: GenContext) {
  const t = topicPair(ctx);
  const createdHoursAgo = ctx.rng.int(6, 72);
  const lateMs = ctx.rng.int(0, 55) * 1000;
  return {
    wakeup_id: ctx.rng.uuid(),
    check_type: ctx.rng.pick(CHECK_TYPES),
    intent: intentFor(ctx, t.en),
    interest_topic: t.topic,
    ...(ctx.rng.chance(0.3) ? { occasion: ctx.rng.pick(phrases(ctx).recurring).title } : {}),
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
