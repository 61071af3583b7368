/**
 * Comparing two JSON texts the way a signature cares about: same data but different
 * bytes means the body was re-serialised; different data means it was changed.
 */

const STRING_TOKEN = /"(?:[^"\\]|\\.)*"/g;

export type Reserialisation = 'whitespace' | 'key order' | 'unicode escaping' | 'string escaping' | 'number formatting';

export type JsonComparison =
  | { kind: 'identical' }
  | { kind: 'not_json' }
  | { kind: 'reserialised'; how: Reserialisation[] }
  | { kind: 'changed'; path: string; detail: string };

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The text with every string literal emptied, so structure and whitespace can be compared. */
function outsideStrings(text: string): string {
  return text.replace(STRING_TOKEN, '""');
}

function stringTokens(text: string): string[] {
  return (text.match(STRING_TOKEN) ?? []).sort();
}

function numberTokens(text: string): string[] {
  return (outsideStrings(text).match(/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g) ?? []).sort();
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** First path where two JSON values differ (key order ignored), or null when equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): { path: string; detail: string } | null {
  if (typeName(a) !== typeName(b)) return { path, detail: `${show(a)} became ${show(b)}` };
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return { path, detail: `array of ${a.length} became ${b.length} items` };
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && typeof a === 'object' && b && typeof b === 'object') {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const k of Object.keys(ao)) {
      if (!(k in bo)) return { path: `${path}.${k}`, detail: 'key removed' };
      const d = firstDifference(ao[k], bo[k], `${path}.${k}`);
      if (d) return d;
    }
    for (const k of Object.keys(bo)) if (!(k in ao)) return { path: `${path}.${k}`, detail: 'key added' };
    return null;
  }
  return Object.is(a, b) ? null : { path, detail: `${show(a)} became ${show(b)}` };
}

function keyOrder(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.keys(x as object) : x,
  );
}

/** Compares the bytes that were signed (`original`) with the bytes being verified (`given`). */
export function compareJsonTexts(original: string, given: string): JsonComparison {
  if (original === given) return { kind: 'identical' };
  const a = parse(original);
  const b = parse(given);
  if (!a.ok || !b.ok) return { kind: 'not_json' };
  const diff = firstDifference(a.value, b.value);
  if (diff) return { kind: 'changed', ...diff };
  const how: Reserialisation[] = [];
  const wsA = outsideStrings(original).replace(/\S/g, '');
  const wsB = outsideStrings(given).replace(/\S/g, '');
  if (wsA !== wsB) how.push('whitespace');
  if (keyOrder(a.value) !== keyOrder(b.value)) how.push('key order');
  const sa = stringTokens(original);
  const sb = stringTokens(given);
  if (sa.join('\u0000') !== sb.join('\u0000')) {
    const uni = (xs: string[]) => xs.some((s) => /\\u[0-9a-fA-F]{4}/.test(s) || /[\u0080-\uffff]/.test(s));
    how.push(uni(sa) || uni(sb) ? 'unicode escaping' : 'string escaping');
  }
  if (numberTokens(original).join(',') !== numberTokens(given).join(',')) how.push('number formatting');
  if (how.length === 0) how.push('whitespace');
  return { kind: 'reserialised', how };
}

/** Plausible byte forms of a body that a framework or a paste may have produced from the original. */
export function reserialisedVariants(text: string): string[] {
  const out = new Set<string>();
  const parsed = parse(text);
  if (parsed.ok) {
    const compact = JSON.stringify(parsed.value);
    out.add(compact);
    out.add(compact.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
    out.add(JSON.stringify(parsed.value, null, 2));
  }
  out.add(text.replace(/\r\n/g, '\n'));
  out.add(text.replace(/\s+$/, ''));
  out.add(`${text}\n`);
  out.delete(text);
  return [...out];
}

/** Byte offset of the first difference, for non-JSON bodies. */
export function firstByteDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}
