import i18next from 'i18next';
import { locateJsonError, type JsonExpected } from './json-error';

/**
 * Why the editor text is not a usable `data` object. Kept as facts, not words, so the message
 * follows a live language switch: `jsonErrorText` words it when the editor renders.
 */
export type JsonProblem =
  | { kind: 'notObject' }
  | { kind: 'at'; line: number; column: number; expected: JsonExpected }
  | { kind: 'invalid'; detail: string };

/** Parses the editor text; says where JSON breaks (line and column). */
export function parseEditor(text: string): { data: Record<string, unknown> } | { error: JsonProblem } {
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return { error: { kind: 'notObject' } };
    return { data: v as Record<string, unknown> };
  } catch (err) {
    const at = locateJsonError(text);
    if (at) return { error: { kind: 'at', line: at.line, column: at.column, expected: at.expected } };
    // The engine's own message (English in every engine): shown as it is.
    return { error: { kind: 'invalid', detail: (err as Error).message } };
  }
}

/** The problem in the UI's language: "Invalid JSON at line 4, column 1: expected a value". */
export function jsonErrorText(problem: JsonProblem): string {
  switch (problem.kind) {
    case 'notObject':
      return i18next.t('events:json.notObject');
    case 'at':
      return i18next.t(`events:json.at.${problem.expected}`, { line: problem.line, column: problem.column });
    case 'invalid':
      return i18next.t('events:json.invalid', { detail: problem.detail });
  }
}
