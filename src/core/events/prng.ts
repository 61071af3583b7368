/**
 * A tiny seeded PRNG (mulberry32) and the helpers the sample generators use. Pure: the
 * same seed always yields the same sequence, on every platform.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** A float in [min, max), rounded to `digits` decimals. */
  float(min: number, max: number, digits?: number): number;
  pick<T>(items: readonly T[]): T;
  /** `n` distinct items (fewer when the list is shorter). */
  sample<T>(items: readonly T[], n: number): T[];
  chance(p: number): boolean;
  /** A UUID v4-shaped id drawn from the sequence. */
  uuid(): string;
  /** A short lowercase id, e.g. for message ids. */
  id(prefix: string, length?: number): string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Folds any string or number into a 32-bit seed (FNV-1a on strings). */
export function seedOf(value: string | number): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value) >>> 0;
  let h = 0x811c9dc5;
  for (const ch of String(value)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const HEX = '0123456789abcdef';
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function createRng(seed: string | number): Rng {
  const next = mulberry32(seedOf(seed));
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const rng: Rng = {
    next,
    int,
    float: (min, max, digits = 2) => {
      const f = 10 ** digits;
      return Math.round((min + next() * (max - min)) * f) / f;
    },
    pick: (items) => items[Math.floor(next() * items.length)],
    sample: (items, n) => {
      const pool = [...items];
      const out: (typeof pool)[number][] = [];
      while (out.length < n && pool.length) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
      return out;
    },
    chance: (p) => next() < p,
    uuid: () => {
      // 32 hex digits then the variant, as drawn since the first version (seeded samples stay the
      // same); digits 12 and 16 give way to the version and the variant. One join, no string per digit.
      const d = new Array<string>(32);
      for (let i = 0; i < 32; i++) d[i] = HEX[Math.floor(next() * 16)]!;
      const variant = HEX[8 + Math.floor(next() * 4)]!;
      d[8] = `-${d[8]}`;
      d[12] = '-4';
      d[16] = `-${variant}`;
      d[20] = `-${d[20]}`;
      return d.join('');
    },
    id: (prefix, length = 12) => {
      let s = '';
      for (let i = 0; i < length; i++) s += ALNUM[Math.floor(next() * ALNUM.length)];
      return `${prefix}${s}`;
    },
  };
  return rng;
}
