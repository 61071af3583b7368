import type { AttemptRow as StoredAttemptRow } from '../dispatch/attempts-repo';

export { SUMMARY_COLUMNS, parseInjected, toSummary, type SummaryRow } from '../dispatch/attempts-repo';

/** A stored attempt as read back (seq always set). */
export type AttemptRow = StoredAttemptRow & { seq: number };

/** Headers as stored: an object, or a list of [name, value] pairs (repeated names joined with ", "). */
export function parseHeaders(json: string | null): Record<string, string> | null {
  if (json === null) return null;
  try {
    const v: unknown = JSON.parse(json);
    const out: Record<string, string> = {};
    if (Array.isArray(v)) {
      for (const pair of v) {
        if (!Array.isArray(pair) || pair.length < 2) continue;
        const [k, x] = pair as [unknown, unknown];
        const name = String(k);
        out[name] = name in out ? `${out[name]}, ${String(x)}` : String(x);
      }
      return out;
    }
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        out[k] = Array.isArray(x) ? x.map(String).join(', ') : String(x);
      return out;
    }
  } catch {}
  return {};
}

export function parseStringList(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}
