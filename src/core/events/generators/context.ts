import type { Rng } from '../prng';

export type Lang = 'en' | 'ja' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'ja', 'zh'];

export const BIG5_TRAITS = ['openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism'] as const;
export type Big5Trait = (typeof BIG5_TRAITS)[number];
/** Big Five scores on production's 0–100 storage scale. */
export type Big5 = Record<Big5Trait, number>;

/** What a generator knows about the agent it writes for. */
export interface AgentProfile {
  agentId: string;
  name: string;
  language: Lang;
  /** The agent's stored personality, when it has one. */
  big5: Big5 | null;
}

/** Everything a sample generator may use: no other source of data or randomness. */
export interface GenContext {
  rng: Rng;
  now: Date;
  projectId: string;
  agent: AgentProfile;
  userId: string;
}

export function asLang(value: unknown): Lang {
  const v = typeof value === 'string' ? value.toLowerCase().slice(0, 2) : '';
  return (LANGS as readonly string[]).includes(v) ? (v as Lang) : 'en';
}

/**
 * Reads `big5` from an agent's stored body. Production accepts 0–1 (legacy) or 0–100;
 * both are normalised to 0–100. Anything incomplete or non-numeric counts as none.
 */
export function big5FromBody(body: unknown): Big5 | null {
  const raw = (body as { big5?: unknown } | null)?.big5;
  if (!raw || typeof raw !== 'object') return null;
  const values = BIG5_TRAITS.map((t) => (raw as Record<string, unknown>)[t]);
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100)) return null;
  const nums = values as number[];
  const fractional = nums.every((v) => v <= 1);
  const out = {} as Big5;
  BIG5_TRAITS.forEach((t, i) => (out[t] = Math.round((fractional ? nums[i] * 100 : nums[i]) * 10) / 10));
  return out;
}

const drawn = new WeakMap<GenContext, Big5>();

/**
 * The agent's personality, or a plausible one drawn from the sequence when it has none
 * (drawn once per context, so every part of one sample agrees).
 */
export function personalityOf(ctx: GenContext): Big5 {
  if (ctx.agent.big5) return ctx.agent.big5;
  let out = drawn.get(ctx);
  if (!out) {
    out = {} as Big5;
    for (const t of BIG5_TRAITS) out[t] = ctx.rng.float(25, 85, 1);
    drawn.set(ctx, out);
  }
  return out;
}

export function isoAt(now: Date, offsetMs: number): string {
  return new Date(now.getTime() + offsetMs).toISOString();
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
