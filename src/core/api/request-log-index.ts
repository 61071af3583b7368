/**
 * What a batch of logged requests holds, in a few columns beside its frame, so that a
 * filtered list reads only the batches that can match (a batch is decoded only then).
 * Built on the request thread as requests are captured: a few bit operations each.
 */
import type { CapturedRequest } from './request-log-frame';

export interface BatchIndex {
  /** One bit per method (`methodBit`). */
  methods: number;
  /** One bit per status class: bit 2 for 2xx, bit 4 for 4xx. */
  statuses: number;
  /** How many requests have lint notes. */
  lint: number;
  /** The distinct paths, lower-case, one per line. */
  paths: string;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
/** A path (or a query string) is shown cut to this many characters. */
export const PATH_LIMIT = 2048;

/** The path of a URL as the log shows it: without its query, at most 2048 characters. */
export const pathOf = (url: string): string => {
  const q = url.indexOf('?');
  return (q < 0 ? url : url.slice(0, q)).slice(0, PATH_LIMIT);
};

/** A method's bit; every other method shares the last one. */
export const methodBit = (method: string): number => {
  const i = METHODS.indexOf(method.toUpperCase());
  return 1 << (i < 0 ? METHODS.length : i);
};

/** A status's (or a status class's first digit's) bit. */
export const statusBit = (status: number): number => 1 << Math.min(9, Math.max(0, Math.floor(status / 100)));

export class IndexBuilder {
  private methods = 0;
  private statuses = 0;
  private lint = 0;
  private paths = new Set<string>();
  count = 0;

  add(e: CapturedRequest): void {
    this.methods |= methodBit(e.method);
    this.statuses |= statusBit(e.status);
    if (e.lint.length) this.lint++;
    this.paths.add(pathOf(e.url));
    this.count++;
  }

  build(): BatchIndex {
    let paths = '';
    for (const p of this.paths) paths += `${paths ? '\n' : ''}${p.toLowerCase()}`;
    return { methods: this.methods, statuses: this.statuses, lint: this.lint, paths };
  }
}
