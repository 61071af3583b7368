import { BIG5_TRAITS, HOUR, isoAt, personalityOf, type Big5, type GenContext } from './context';
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

/**
 * The fields of the SDK's `on_*` events besides `event_type` / `agent_id` (and
 * `user_id`, which the envelope adds from the chosen user). Pure.
 */

export interface WakeupFacts {
  wakeup_id: string;
  check_type: string;
  intent: string;
  generated_message: string;
  scheduled_at?: string;
}

/** Production's `memory_context`: what the agent recalled before writing. */
export function memoryContext(ctx: GenContext) {
  const p = phrases(ctx);
  return {
    recent_memories: ctx.rng.sample(p.memories, ctx.rng.int(1, 3)).map((content) => ({
      content,
      importance: ctx.rng.float(0.3, 0.95),
    })),
    relationship_summary: ctx.rng.pick(p.relationship),
    last_interaction_at: isoAt(ctx.now, -ctx.rng.int(2, 96) * HOUR),
  };
}

/** `on_wakeup_ready` body fields; `facts` pins the wakeup when it really ran. */
export function genWakeupReady(ctx: GenContext, facts?: WakeupFacts) {
  const t = topicPair(ctx);
  const w: WakeupFacts = facts ?? {
    wakeup_id: ctx.rng.uuid(),
    check_type: ctx.rng.pick(CHECK_TYPES),
    intent: intentFor(ctx, t.en),
    generated_message: say(ctx, ctx.rng.pick(phrases(ctx).proactive), t.topic),
  };
  const scheduled = w.scheduled_at ?? isoAt(ctx.now, -ctx.rng.int(0, 50) * 1000);
  return {
    wakeup: {
      wakeup_id: w.wakeup_id,
      agent_id: ctx.agent.agentId,
      user_id: ctx.userId,
      check_type: w.check_type,
      intent: w.intent,
      status: 'executed',
      scheduled_at: scheduled,
      created_at: isoAt(new Date(scheduled), -ctx.rng.int(1, 72) * HOUR),
      executed_at: ctx.now.toISOString(),
    },
    memory_context: memoryContext(ctx),
    has_energy: ctx.rng.chance(0.85),
    generated_message: w.generated_message,
  };
}

const RECURRENCE = ['yearly', 'monthly', 'weekly'] as const;

export function genRecurringEventDue(ctx: GenContext) {
  const e = ctx.rng.pick(phrases(ctx).recurring);
  return {
    recurring_event_id: ctx.rng.uuid(),
    title: e.title,
    description: say(ctx, e.description),
    recurrence: ctx.rng.pick(RECURRENCE),
    occurrence_at: isoAt(ctx.now, ctx.rng.int(0, 12) * HOUR),
  };
}

export function genDiaryGenerated(ctx: GenContext) {
  const p = phrases(ctx);
  const mood = moodFor(ctx);
  return {
    diary_id: ctx.rng.uuid(),
    date: isoAt(ctx.now, -ctx.rng.int(0, 1) * 24 * HOUR).slice(0, 10),
    content: say(ctx, ctx.rng.pick(p.diary)),
    mood: moodLabel(mood),
    topics: ctx.rng.sample(p.topics, ctx.rng.int(1, 3)),
  };
}

export function genPersonalityUpdated(ctx: GenContext) {
  const before: Big5 = { ...personalityOf(ctx) };
  const changes = traitChanges(ctx);
  const after: Big5 = { ...before };
  for (const c of changes) after[c.trait] = c.after;
  for (const t of BIG5_TRAITS) before[t] = Math.round(before[t] * 10) / 10;
  return {
    big5_before: before,
    big5_after: after,
    changes,
    reason: say(ctx, ctx.rng.pick(phrases(ctx).personalityReasons)),
  };
}

export function genMoodUpdated(ctx: GenContext) {
  const previous = moodFor(ctx);
  const { mood, up } = shiftMood(ctx, previous);
  return { mood, previous_mood: previous, label: moodLabel(mood), reason: moodReason(ctx, up) };
}

export function genBreakthroughDetected(ctx: GenContext) {
  const b = ctx.rng.pick(phrases(ctx).breakthroughs);
  return {
    breakthrough: {
      breakthrough_id: ctx.rng.uuid(),
      title: b.title,
      description: say(ctx, b.description),
      significance: ctx.rng.float(0.5, 1),
    },
    trait_changes: traitChanges(ctx),
    detected_at: ctx.now.toISOString(),
  };
}
