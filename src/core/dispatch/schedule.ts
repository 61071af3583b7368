import type { DeliverySettings } from '../../shared/delivery-settings';

/**
 * The retry schedule: pure functions of the attempt number, the settings, the clock and
 * an injected random source. Production's schedule is not published; "production" is a
 * realistic exponential one, "fast" suits development.
 */
export const SCHEDULES = {
  fast: [5_000, 15_000, 60_000, 300_000],
  production: [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 43_200_000],
} as const;

/** ± this fraction of the base delay is added as jitter. */
export const JITTER = 0.2;
/** The longest wait a `Retry-After` header can ask for. */
export const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/** A number in [0, 1). */
export type RandomFloat = () => number;

export function delaysFor(settings: Pick<DeliverySettings, 'schedule' | 'customDelaysMs'>): readonly number[] {
  if (settings.schedule === 'custom') return settings.customDelaysMs;
  return SCHEDULES[settings.schedule];
}

/**
 * Delay before the retry that follows attempt `attemptNumber` (1-based). Past the end of
 * the list the schedule keeps doubling its last step's growth, capped at the last delay × 4.
 */
export function backoffMs(attemptNumber: number, delays: readonly number[], random: RandomFloat): number {
  const i = Math.max(0, attemptNumber - 1);
  const last = delays[delays.length - 1] ?? 0;
  const base = i < delays.length ? delays[i]! : Math.min(last * 2 ** (i - delays.length + 1), last * 4);
  const jitter = 1 - JITTER + 2 * JITTER * random();
  return Math.round(base * jitter);
}

/** `Retry-After` as delta-seconds or an HTTP-date → ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) return null;
  const text = v.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now.getTime()), MAX_RETRY_AFTER_MS);
}

export interface AttemptOutcome {
  /** 0 when no HTTP response came back. */
  responseCode: number;
  retryAfter?: string | string[];
}

export type Decision =
  | { kind: 'succeeded' }
  | { kind: 'gone' }
  | { kind: 'exhausted' }
  | { kind: 'retry'; at: Date; delayMs: number; reason: 'backoff' | 'retry_after' };

/** What happens after attempt `attemptNumber`: done, stop (410), exhausted, or retry at a time. */
export function decide(
  outcome: AttemptOutcome,
  attemptNumber: number,
  settings: Pick<DeliverySettings, 'schedule' | 'customDelaysMs' | 'maxAttempts'>,
  now: Date,
  random: RandomFloat,
): Decision {
  const code = outcome.responseCode;
  if (code >= 200 && code < 300) return { kind: 'succeeded' };
  if (code === 410) return { kind: 'gone' };
  if (attemptNumber >= settings.maxAttempts) return { kind: 'exhausted' };
  if (code === 429 || code === 503) {
    const ms = parseRetryAfter(outcome.retryAfter, now);
    if (ms !== null) return { kind: 'retry', at: new Date(now.getTime() + ms), delayMs: ms, reason: 'retry_after' };
  }
  const ms = backoffMs(attemptNumber, delaysFor(settings), random);
  return { kind: 'retry', at: new Date(now.getTime() + ms), delayMs: ms, reason: 'backoff' };
}
