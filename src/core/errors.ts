export { StudioError } from '../shared/errors';

const STARTUP_ERROR = Symbol.for('webhook-studio.StartupError');

/** Start-up failures a host prints as one line and exits non-zero on. */
export class StartupError extends Error {
  /** `instanceof` holds across copies of this class, as for `StudioError` (src/shared/errors.ts). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      Function.prototype[Symbol.hasInstance].call(this, value) ||
      (this === StartupError && (value as { [STARTUP_ERROR]?: boolean } | null)?.[STARTUP_ERROR] === true)
    );
  }
  readonly [STARTUP_ERROR] = true;
  readonly code: 'data_dir' | 'database' | 'migration' | 'port_in_use' | 'already_running';
  constructor(code: StartupError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
    this.code = code;
  }
}
