import { HOUR, isoAt, personalityOf, type GenContext } from './context';
import {
  baselineOf,
  CHECK_TYPES,
  intentFor,
  moodLabel,
  phrases,
  say,
  topicPair,
  traitChanges,
  type MoodDims,
} from './shared';

/**
 * Builders of the SDK's entity types (`MoodState`, `DiaryEntry`, `PersonalityDelta`,
 * `Breakthrough`, `AtomicFact`, `ScheduleDTO`, …), seeded and pure. The event samples
 * and the studio's agent state (mood, diary, breakthroughs) are built by the same
 * functions, so what a webhook carries and what the follow-up read returns agree.
 */

const iso = (d: Date) => d.toISOString();

/** A `MoodState` for the agent (and user, when given) at `opts.at` (default `ctx.now`). */
export function moodState(ctx: GenContext, dims: MoodDims, opts: { userId?: string; since?: Date; at?: Date } = {}) {
  const base = baselineOf(ctx);
  const at = opts.at ?? ctx.now;
  const since = opts.since ?? new Date(at.getTime() - 30 * 24 * HOUR);
  return {
    agent_id: ctx.agent.agentId,
    ...(opts.userId ? { user_id: opts.userId } : {}),
    valence: dims.valence,
    arousal: dims.arousal,
    tension: dims.tension,
    affiliation: dims.affiliation,
    label: moodLabel(dims),
    baseline_valence: base.valence,
    baseline_arousal: base.arousal,
    baseline_tension: base.tension,
    baseline_affiliation: base.affiliation,
    user_baseline_valence: base.valence,
    user_baseline_arousal: base.arousal,
    user_baseline_tension: base.tension,
    user_baseline_affiliation: base.affiliation,
    last_interaction_at: iso(at),
    last_decay_at: iso(at),
    created_at: iso(since),
    updated_at: iso(at),
  };
}
export type MoodStateDto = ReturnType<typeof moodState>;

/** `PersonalityDelta` items: small Big5 moves on one to three traits. */
export function personalityDeltas(ctx: GenContext, trigger = 'conversation', max = 3) {
  const reason = say(ctx, ctx.rng.pick(phrases(ctx).personalityReasons));
  return traitChanges(ctx, max).map((c) => ({
    trait_category: 'big5',
    trait_name: c.trait,
    old_value: c.before,
    new_value: c.after,
    delta: c.delta,
    applied_delta: c.delta,
    proposed_delta: c.delta,
    confidence: ctx.rng.float(0.55, 0.95),
    is_significant_moment: Math.abs(c.delta) >= 2,
    trigger_type: trigger,
    reasoning: reason,
    user_id: ctx.userId,
    timestamp: iso(ctx.now),
  }));
}
export type PersonalityDeltaDto = ReturnType<typeof personalityDeltas>[number];

/** A `DiaryEntry` of the day of `ctx.now`, in the agent's language (or `language`). */
export function diaryEntry(
  ctx: GenContext,
  opts: { entryId?: string; triggerType?: string; title?: string; mood?: string } = {},
) {
  const p = phrases(ctx);
  const content = say(ctx, ctx.rng.pick(p.diary));
  return {
    entry_id: opts.entryId ?? ctx.rng.uuid(),
    agent_id: ctx.agent.agentId,
    user_id: ctx.userId,
    date: iso(ctx.now).slice(0, 10),
    title: opts.title ?? ctx.rng.pick(p.topics),
    content,
    body_lines: [content],
    mood: opts.mood ?? moodLabel(baselineOf(ctx)),
    topics: ctx.rng.sample(p.topics, ctx.rng.int(1, 3)),
    tags: [] as string[],
    trigger_type: opts.triggerType ?? 'daily',
    created_at: iso(ctx.now),
  };
}
export type DiaryEntryDto = ReturnType<typeof diaryEntry>;

/** A `Breakthrough` (numbered `n` for this agent and user). */
export function breakthrough(ctx: GenContext, n = ctx.rng.int(1, 6)) {
  const b = ctx.rng.pick(phrases(ctx).breakthroughs);
  const topic = ctx.rng.pick(phrases(ctx).topics);
  const shifts = traitChanges(ctx, 2);
  const level = Math.min(50, 2 + n * ctx.rng.int(2, 4));
  return {
    breakthrough_id: ctx.rng.uuid(),
    agent_id: ctx.agent.agentId,
    user_id: ctx.userId,
    breakthrough_number: n,
    level_at_breakthrough: level,
    narrative: `${b.title}: ${say(ctx, b.description, topic)}`,
    personality_shifts: shifts.map((s) => `${s.trait} ${s.delta > 0 ? '+' : ''}${s.delta}`),
    trait_evolved: shifts[0].trait,
    new_goals: [say(ctx, '{topic}', topic)],
    achieved_goals: ctx.rng.chance(0.5) ? [ctx.rng.pick(phrases(ctx).topics)] : [],
    skill_points_awarded: ctx.rng.int(1, 5),
    acknowledged: false,
    created_at: iso(ctx.now),
  };
}
export type BreakthroughDto = ReturnType<typeof breakthrough>;

const FACT_TYPES = ['preference', 'event', 'relationship', 'personal_fact', 'goal', 'emotion'] as const;

/** An `AtomicFact`: one memory the agent extracted. */
export function atomicFact(ctx: GenContext) {
  const text = ctx.rng.pick(phrases(ctx).memories);
  const importance = ctx.rng.float(0.2, 0.98);
  return {
    fact_id: ctx.rng.uuid(),
    agent_id: ctx.agent.agentId,
    user_id: ctx.userId,
    node_id: ctx.rng.uuid(),
    atomic_text: text,
    fact_type: ctx.rng.pick(FACT_TYPES),
    importance,
    confidence: ctx.rng.float(0.6, 0.99),
    mention_count: ctx.rng.int(1, 4),
    retention_strength: ctx.rng.float(0.5, 1),
    entities: ctx.rng.sample(phrases(ctx).topics, ctx.rng.int(0, 2)),
    topic_tags: ctx.rng.sample(phrases(ctx).topics, ctx.rng.int(0, 2)),
    source_type: ctx.rng.pick(['conversation', 'consolidation', 'seed'] as const),
    session_id: ctx.rng.uuid(),
    last_confirmed: iso(ctx.now),
    last_retrieved_at: iso(ctx.now),
    created_at: iso(ctx.now),
    updated_at: iso(ctx.now),
  };
}

/** A `ScheduleDTO` as the schedules API returns it (cadence and active window as JSON text). */
export function scheduleDto(ctx: GenContext) {
  const t = topicPair(ctx);
  const hour = ctx.rng.int(7, 20);
  const weekly = ctx.rng.chance(0.5);
  const cadence = weekly
    ? { simple: { frequency: 'weekly', days_of_week: [ctx.rng.int(0, 6)], at: `${String(hour).padStart(2, '0')}:00` } }
    : { simple: { frequency: 'daily', at: `${String(hour).padStart(2, '0')}:00` } };
  const created = isoAt(ctx.now, -ctx.rng.int(2, 30) * 24 * HOUR);
  return {
    schedule_id: ctx.rng.uuid(),
    cadence_type: 'simple',
    cadence: JSON.stringify(cadence),
    timezone: 'UTC',
    next_fire_at: iso(ctx.now),
    intent: intentFor(ctx, t.en),
    check_type: ctx.rng.pick(CHECK_TYPES),
    enabled: true,
    starts_at: created,
    created_at: created,
    updated_at: created,
  };
}
export type ScheduleDtoShape = ReturnType<typeof scheduleDto>;

/** The Big5 the deltas moved from, rounded (for the `big5_before` / `big5_after` summary). */
export function big5Rounded(ctx: GenContext) {
  const b = personalityOf(ctx);
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Math.round(v * 10) / 10]));
}
