import { HttpProblem } from '../http/problem';

/** Longest cursor accepted (a real one is a few dozen characters). */
export const MAX_CURSOR_LENGTH = 512;

/** An opaque cursor: base64url of a small JSON object. */
export function encodeCursor(value: Record<string, number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; anything else → 422 naming `query.cursor`. */
export function decodeCursor<K extends string>(raw: string, keys: readonly K[]): Record<K, number> {
  const bad = (why: string) =>
    new HttpProblem(422, `invalid cursor: ${why}`, [
      { location: 'query.cursor', message: why, value: raw.slice(0, 100) },
    ]);
  if (raw.length > MAX_CURSOR_LENGTH) throw bad('too long');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) throw bad('not base64');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
  } catch {
    throw bad('not a cursor this server issued');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw bad('not a cursor this server issued');
  const out = {} as Record<K, number>;
  for (const k of keys) {
    const v = (parsed as Record<string, unknown>)[k];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad('not a cursor this server issued');
    out[k] = v;
  }
  return out;
}

/** Checks an integer query bound the published schema leaves open (e.g. page_size without minimum). */
export function boundedInt(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new HttpProblem(422, 'validation failed', [
      { location: `query.${name}`, message: `expected integer between ${min} and ${max}`, value },
    ]);
  }
  return n;
}
