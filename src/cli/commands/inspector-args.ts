import { readFileSync } from 'node:fs';
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

/** `text`, `@file` or `@-` (stdin), as exact bytes. */
export function readTextArg(value: string, name: string): string {
  if (!value.startsWith('@')) return value;
  const path = value.slice(1);
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    throw new CliError(`${name}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`, EXIT.usage);
  }
}

export function positiveInt(value: string, name: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max)
    throw new CliError(`${name} must be 1..${max}, got "${value}"`, EXIT.usage);
  return n;
}
