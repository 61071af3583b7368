/** Largest clock jump one command may make: one year. */
export const MAX_DURATION_MS = 365 * 24 * 3600 * 1000;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses a human duration: `90s`, `15m`, `2h`, `1d`, `1w`, or combined `1h30m`. Returns
 * milliseconds, or an error: a message naming what was wrong (English, as the CLI says it) and
 * its code (for the UI to say it in its own language).
 */
export type DurationProblem = 'invalid' | 'zero' | 'too_long';
export function parseDuration(
  text: string,
): { ok: true; ms: number } | { ok: false; code: DurationProblem; error: string } {
  const s = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(s)) {
    return { ok: false, code: 'invalid', error: `"${text}" is not a duration: use e.g. 90s, 15m, 2h, 1d, 1w or 1h30m` };
  }
  let ms = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) ms += Number(m[1]) * UNIT_MS[m[2]];
  ms = Math.round(ms);
  if (ms <= 0) return { ok: false, code: 'zero', error: 'the duration must be more than zero' };
  if (ms > MAX_DURATION_MS)
    return { ok: false, code: 'too_long', error: `"${text}" is more than the limit of one year` };
  return { ok: true, ms };
}

/** `3d 4h 5m` style, for showing how far the studio clock is ahead. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.slice(0, 3).join(' ');
}
