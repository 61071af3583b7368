import { closeSync, openSync, readSync } from 'node:fs';
import { CliError, EXIT } from './errors';

/**
 * Reads a file (or stdin, `-`) named on the command line: at most `limit` bytes (it stops
 * reading past them, so `@/dev/zero` is refused at once) and strict UTF-8 (a bad byte is an
 * error, never silently replaced). Usage errors name the option and say what was wrong.
 */
export function readBoundedUtf8(path: string, limit: number, option: string): string {
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch (err) {
    throw new CliError(`${option}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`, EXIT.usage);
  }
  const buf = Buffer.alloc(limit + 1);
  let size = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, size, buf.length - size, null);
      if (n === 0) break;
      size += n;
      if (size > limit) throw new CliError(`${option}: ${path} is larger than the limit of ${limit} bytes`, EXIT.usage);
    }
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${option}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`, EXIT.usage);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, size));
  } catch {
    throw new CliError(`${option}: ${path} is not valid UTF-8 text`, EXIT.usage);
  }
}
