/**
 * Errors that cross a transport keep a stable `code`; the calling side rebuilds a
 * StudioError from `{code, message, details}` so callers can branch on the code.
 */
export const ERROR_CODES = [
  'invalid_params',
  'unknown_method',
  'not_found',
  'conflict',
  'unavailable',
  /** The studio's disk refused the write (full or failing): nothing was stored. */
  'disk_full',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

const STUDIO_ERROR = Symbol.for('webhook-studio.StudioError');

export class StudioError extends Error {
  /**
   * `instanceof` holds across two copies of this class: `serve` runs the core from its own bundle
   * (src/cli/headless-bundle.ts) beside the CLI's, and the CLI still tells a studio error apart.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      Function.prototype[Symbol.hasInstance].call(this, value) ||
      (this === StudioError && (value as { [STUDIO_ERROR]?: boolean } | null)?.[STUDIO_ERROR] === true)
    );
  }
  readonly [STUDIO_ERROR] = true;
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    this.details = details;
  }
  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
  static fromBody(body: ErrorBody): StudioError {
    const code = (ERROR_CODES as readonly string[]).includes(body.code) ? body.code : 'internal';
    return new StudioError(code, body.message, body.details);
  }
}
