import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_SETTINGS } from '../../../src/shared/delivery-settings';
import {
  backoffMs,
  decide,
  delaysFor,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  SCHEDULES,
} from '../../../src/core/dispatch/schedule';

const now = new Date('2026-01-01T00:00:00.000Z');
const mid = () => 0.5; // no jitter
const fast = { ...DEFAULT_DELIVERY_SETTINGS, schedule: 'fast' as const, maxAttempts: 5 };

describe('retry schedule (fake clock, injected random)', () => {
  it('the fast development schedule waits 5 s, 15 s, 1 min, 5 min', () => {
    const waits = [1, 2, 3, 4].map((n) => backoffMs(n, delaysFor(fast), mid));
    expect(waits).toEqual([5_000, 15_000, 60_000, 300_000]);
  });

  it('the production-like schedule grows to hours', () => {
    const d = delaysFor({ schedule: 'production', customDelaysMs: [1] });
    expect(d).toBe(SCHEDULES.production);
    expect(backoffMs(d.length, d, mid)).toBeGreaterThanOrEqual(3600_000);
  });

  it('a custom schedule uses the user delays', () => {
    expect(delaysFor({ schedule: 'custom', customDelaysMs: [10, 20] })).toEqual([10, 20]);
  });

  it('jitter stays within ±20% and follows the random source', () => {
    const d = delaysFor(fast);
    expect(backoffMs(1, d, () => 0)).toBe(4_000);
    expect(backoffMs(1, d, () => 0.999999)).toBe(6_000);
    expect(backoffMs(1, d, () => 0.25)).toBe(4_500);
  });

  it('past the list the delay keeps growing but is capped at 4× the last step', () => {
    const d = [100, 200];
    expect(backoffMs(3, d, mid)).toBe(400);
    expect(backoffMs(4, d, mid)).toBe(800);
    expect(backoffMs(9, d, mid)).toBe(800);
  });

  it('reads Retry-After as seconds or an HTTP date, and ignores garbage', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('99999999', now)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('decides: 2xx succeeds, 410 stops, the last attempt exhausts, others retry later', () => {
    expect(decide({ responseCode: 204 }, 1, fast, now, mid)).toEqual({ kind: 'succeeded' });
    expect(decide({ responseCode: 410 }, 1, fast, now, mid)).toEqual({ kind: 'gone' });
    expect(decide({ responseCode: 500 }, 5, fast, now, mid)).toEqual({ kind: 'exhausted' });
    expect(decide({ responseCode: 0 }, 2, fast, now, mid)).toEqual({
      kind: 'retry',
      at: new Date(now.getTime() + 15_000),
      delayMs: 15_000,
      reason: 'backoff',
    });
    expect(decide({ responseCode: 302 }, 1, fast, now, mid).kind).toBe('retry');
  });

  it('honours Retry-After on 429 and 503 only', () => {
    expect(decide({ responseCode: 429, retryAfter: '42' }, 1, fast, now, mid)).toMatchObject({
      kind: 'retry',
      delayMs: 42_000,
      reason: 'retry_after',
    });
    expect(decide({ responseCode: 503, retryAfter: ['3'] }, 1, fast, now, mid)).toMatchObject({ delayMs: 3_000 });
    expect(decide({ responseCode: 500, retryAfter: '42' }, 1, fast, now, mid)).toMatchObject({
      delayMs: 5_000,
      reason: 'backoff',
    });
  });
});
