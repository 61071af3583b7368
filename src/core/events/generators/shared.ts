import { BIG5_TRAITS, personalityOf, type Big5Trait, type GenContext } from './context';
import { fill, PHRASES, type Phrases } from './phrases';

/**
 * The SDK's mood dimensions (`MoodState`), each 0–100: valence (pleasure), arousal
 * (activation), tension (0 = tense, 100 = calm), affiliation (warmth). They replace the
 * deprecated happiness / energy / calmness / affection, which map onto them one to one.
 */
export interface MoodDims {
  valence: number;
  arousal: number;
  tension: number;
  affiliation: number;
}
export const MOOD_DIMENSIONS = ['valence', 'arousal', 'tension', 'affiliation'] as const;
/** The studio's first samples used these names; each maps onto the SDK dimension beside it. */
export const DEPRECATED_MOOD_DIMENSIONS: Record<string, (typeof MOOD_DIMENSIONS)[number]> = {
  happiness: 'valence',
  energy: 'arousal',
  calmness: 'tension',
  affection: 'affiliation',
};

const USER_NAMES = {
  en: ['Sam', 'Alex', 'Mia', 'Jordan', 'Priya'],
  ja: ['さくら', 'ゆうと', 'はると'],
  zh: ['小林', '阿明', '小雨'],
};

export function phrases(ctx: GenContext): Phrases {
  return PHRASES[ctx.agent.language];
}

/** Fills a phrase with a topic, a day, the user's and the agent's names. */
export function say(ctx: GenContext, template: string, topic?: string): string {
  const p = phrases(ctx);
  return fill(template, {
    topic: topic ?? ctx.rng.pick(p.topics),
    day: ctx.rng.pick(p.days),
    user: ctx.rng.pick(USER_NAMES[ctx.agent.language]),
    agent: ctx.agent.name,
  });
}

export const clamp100 = (v: number) => Math.max(0, Math.min(100, Math.round(v * 10) / 10));

/** The mood an agent rests at, from its personality: extraverts more aroused, neurotic agents more tense. */
export function baselineOf(ctx: GenContext): MoodDims {
  const b = personalityOf(ctx);
  return {
    valence: clamp100(45 + b.agreeableness * 0.2),
    arousal: clamp100(30 + b.extraversion * 0.4),
    tension: clamp100(85 - b.neuroticism * 0.5),
    affiliation: clamp100(35 + b.agreeableness * 0.35),
  };
}

/** A mood drawn around the agent's baseline. */
export function moodFor(ctx: GenContext): MoodDims {
  const base = baselineOf(ctx);
  const r = ctx.rng;
  return {
    valence: clamp100(base.valence + r.int(-15, 15)),
    arousal: clamp100(base.arousal + r.int(-15, 15)),
    tension: clamp100(base.tension + r.int(-10, 10)),
    affiliation: clamp100(base.affiliation + r.int(-15, 15)),
  };
}

/** A significant shift of mood, up or down: bigger swings for more neurotic agents. */
export function shiftMood(ctx: GenContext, from: MoodDims): { mood: MoodDims; up: boolean } {
  const b = personalityOf(ctx);
  const swing = 10 + b.neuroticism * 0.25;
  const up = ctx.rng.chance(0.6);
  const out = { ...from };
  for (const d of MOOD_DIMENSIONS) out[d] = clamp100(from[d] + (up ? 1 : -1) * ctx.rng.float(swing * 0.3, swing, 1));
  return { mood: out, up };
}

/** Why the mood moved, consistent with its direction. */
export function moodReason(ctx: GenContext, up: boolean): string {
  const r = phrases(ctx).moodReasons;
  return say(ctx, ctx.rng.pick(up ? r.up : r.down));
}

/** A topic in the agent's language, and the same topic in English (for developer-facing fields like intent). */
export function topicPair(ctx: GenContext): { topic: string; en: string } {
  const i = ctx.rng.int(0, PHRASES.en.topics.length - 1);
  return { topic: phrases(ctx).topics[i] ?? PHRASES.en.topics[i], en: PHRASES.en.topics[i] };
}

export function moodLabel(m: MoodDims): string {
  if (m.valence >= 65 && m.arousal >= 60) return 'joyful';
  if (m.valence >= 60) return 'content';
  if (m.tension < 40) return 'anxious';
  if (m.arousal < 35) return 'tired';
  if (m.affiliation >= 70) return 'affectionate';
  if (m.valence < 40) return 'melancholic';
  return 'calm';
}

export interface TraitChange {
  trait: Big5Trait;
  before: number;
  after: number;
  delta: number;
}

/** Small Big5 deltas (±0.5–4 points on 0–100) on one to three traits of the agent's personality. */
export function traitChanges(ctx: GenContext, max = 3): TraitChange[] {
  const b = personalityOf(ctx);
  const traits = ctx.rng.sample(BIG5_TRAITS, ctx.rng.int(1, max));
  return traits.map((trait) => {
    const before = b[trait];
    let delta = ctx.rng.float(0.5, 4, 1) * (ctx.rng.chance(0.5) ? 1 : -1);
    if (before + delta > 100 || before + delta < 0) delta = -delta;
    const after = Math.round((before + delta) * 10) / 10;
    return { trait, before, after, delta: Math.round((after - before) * 10) / 10 };
  });
}

export const CHECK_TYPES = [
  'check_in',
  'follow_up',
  'good_morning',
  'celebration',
  'reengagement',
  'reminder',
] as const;

export function intentFor(ctx: GenContext, topic: string): string {
  const en = [
    `follow up on ${topic}`,
    `check how the user feels about ${topic}`,
    `celebrate ${topic}`,
    `gently reconnect about ${topic}`,
  ];
  return ctx.rng.pick(en);
}
