export { StudioError } from '../shared/errors';

/** Start-up failures a host prints as one line and exits non-zero on. */
export class StartupError extends Error {
  readonly code: 'data_dir' | 'database' | 'migration' | 'port_in_use' | 'already_running';
  constructor(code: StartupError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
    this.code = code;
  }
}
