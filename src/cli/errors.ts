/** A CLI failure: one line on stderr and this exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** `lost`: the studio went away while a command was still following its work (a burst cut short). */
export const EXIT = { ok: 0, failure: 1, usage: 2, notRunning: 3, lost: 4, diskFull: 5 } as const;
