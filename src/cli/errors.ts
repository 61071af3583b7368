/** A CLI failure: one line on stderr and this exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export const EXIT = { ok: 0, failure: 1, usage: 2, notRunning: 3 } as const;
