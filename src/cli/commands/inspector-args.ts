import { readBoundedUtf8 } from '../read-file';
import type { AttemptFilter } from '../../shared/contract/inspector';
import { CliError, EXIT } from '../errors';

export interface FilterFlags {
  status?: string;
  eventType?: string;
  code?: string;
  url?: string;
  search?: string;
  since?: string;
}

/** The filter flags shared by `attempts`, `replay --failed` and `export`. */
export function filterFrom(o: FilterFlags): AttemptFilter {
  const f: AttemptFilter = {};
  if (o.status) {
    if (o.status !== 'success' && o.status !== 'failed')
      throw new CliError(`--status must be success or failed, got "${o.status}"`, EXIT.usage);
    f.status = o.status;
  }
  if (o.eventType) f.eventType = o.eventType;
  if (o.code) {
    const c = o.code.toLowerCase();
    if (!['1xx', '2xx', '3xx', '4xx', '5xx', 'none'].includes(c))
      throw new CliError(`--code must be 1xx..5xx or none, got "${o.code}"`, EXIT.usage);
    f.codeClass = c as AttemptFilter['codeClass'];
  }
  if (o.url) f.webhookUrl = o.url;
  if (o.search) f.text = o.search;
  if (o.since) f.since = o.since;
  return f;
}

/** The most a `--body`-like file may hold: the mock API's own body limit. */
export const MAX_TEXT_ARG_BYTES = 256 * 1024; // = API_BODY_LIMIT (src/core/api/problems.ts)

/** `text`, `@file` or `@-` (stdin), as exact bytes (bounded, strict UTF-8). */
export function readTextArg(value: string, name: string): string {
  if (!value.startsWith('@')) return value;
  return readBoundedUtf8(value.slice(1), MAX_TEXT_ARG_BYTES, name);
}

export function positiveInt(value: string, name: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max)
    throw new CliError(`${name} must be 1..${max}, got "${value}"`, EXIT.usage);
  return n;
}
