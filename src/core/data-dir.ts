import { accessSync, chmodSync, constants, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from './errors';

/** The data folder holds the API key and every signing secret in plain text: the user's alone. */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * Creates the data folder (0700) or tightens one that exists, and every file directly in
 * it to 0600, whatever the umask was when they were made. Says once, through `notice`,
 * what it had to tighten (the next start finds nothing to say). POSIX only: Windows keeps
 * its ACLs.
 */
export function prepareDataDir(dir: string, notice: (line: string) => void, platform = process.platform): void {
  try {
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch (err) {
    throw new StartupError(
      'data_dir',
      `cannot use data dir ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  if (platform === 'win32') return;
  const tightened: string[] = [];
  const dirMode = lstatSync(dir).mode;
  if (dirMode & 0o077) {
    chmodSync(dir, DIR_MODE);
    tightened.push(`the folder from ${octal(dirMode)} to 0700`);
  }
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue; // never follow a link out of the folder
    const path = join(dir, entry.name);
    const mode = lstatSync(path).mode;
    if (mode & 0o077) {
      chmodSync(path, FILE_MODE);
      files++;
    }
  }
  if (files) tightened.push(`${files} file${files === 1 ? '' : 's'} to 0600`);
  if (tightened.length) {
    notice(
      `webhook-studio: tightened ${tightened.join(' and ')} in ${dir}: it holds API keys and signing secrets, readable by you alone`,
    );
  }
}
