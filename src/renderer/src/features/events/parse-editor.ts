import { locateJsonError } from './json-error';

/** Parses the editor text; says where JSON breaks (line and column). */
export function parseEditor(text: string): { data: Record<string, unknown> } | { error: string } {
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      return { error: 'The data must be a JSON object { … }' };
    return { data: v as Record<string, unknown> };
  } catch (err) {
    const at = locateJsonError(text);
    if (at) return { error: `Invalid JSON at line ${at.line}, column ${at.column}: expected ${at.expected}` };
    return { error: `Invalid JSON: ${(err as Error).message}` };
  }
}
