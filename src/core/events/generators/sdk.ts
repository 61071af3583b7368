import { HOUR, isoAt, type GenContext } from './context';
import { big5Rounded, breakthrough, diaryEntry, moodState, personalityDeltas, scheduleDto } from './sdk-entities';
import { CHECK_TYPES, intentFor, moodFor, moodReason, phrases, say, shiftMood, topicPair } from './shared';
import { MOOD_TRIGGERS } from './agent';

/**
 * The fields of the SDK's `on_*` events besides `event_type` / `agent_id` (and
 * `user_id`, which the envelope adds from the chosen user). Pure. Each nests the SDK
 * entity it carries (see `SDK_SHAPES` in builtins.ts).
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

/** `on_wakeup_ready` body fields (`wakeup` is a `WakeupEntry`); `facts` pins the wakeup when it really ran. */
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
    } as Record<string, string>,
    memory_context: memoryContext(ctx),
    has_energy: ctx.rng.chance(0.85),
    generated_message: w.generated_message,
  };
}

/** `schedule` is the `ScheduleDTO` that came due; `occurrence_at` the occurrence (its next one is in `schedule.next_fire_at`). */
export function genRecurringEventDue(ctx: GenContext) {
  const schedule = scheduleDto(ctx);
  const days = JSON.parse(schedule.cadence).simple.frequency === 'weekly' ? 7 : 1;
  const occurrence = ctx.now.toISOString();
  schedule.next_fire_at = isoAt(ctx.now, days * 24 * HOUR);
  return { schedule, occurrence_at: occurrence };
}

/** `entry` is a `DiaryEntry`. */
export function genDiaryGenerated(ctx: GenContext) {
  return { entry: diaryEntry(ctx) };
}

/** `changes` are `PersonalityDelta`s; `big5_before` / `big5_after` summarise them. */
export function genPersonalityUpdated(ctx: GenContext) {
  const before = big5Rounded(ctx);
  const changes = personalityDeltas(ctx);
  const after = { ...before };
  for (const c of changes) after[c.trait_name] = c.new_value;
  return { changes, big5_before: before, big5_after: after, reason: changes[0].reasoning };
}

/** `mood` and `previous_mood` are `MoodState`s. */
export function genMoodUpdated(ctx: GenContext) {
  const before = moodFor(ctx);
  const { mood: after, up } = shiftMood(ctx, before);
  const previous = moodState(ctx, before, {
    userId: ctx.userId,
    at: new Date(ctx.now.getTime() - ctx.rng.int(1, 48) * HOUR),
  });
  return {
    mood: moodState(ctx, after, { userId: ctx.userId, since: new Date(previous.created_at) }),
    previous_mood: previous,
    reason: moodReason(ctx, up),
    trigger_type: ctx.rng.pick(MOOD_TRIGGERS),
  };
}

/** `breakthrough` is a `Breakthrough`. */
export function genBreakthroughDetected(ctx: GenContext) {
  return { breakthrough: breakthrough(ctx), detected_at: ctx.now.toISOString() };
}
