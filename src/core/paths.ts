import { join } from 'node:path';

export const APP_NAME = 'Sonzai Webhook Studio';

/**
 * The per-user folder the desktop app uses (Electron's `userData`), so the app, the
 * headless server and the CLI share one studio by default.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = env.HOME ?? env.USERPROFILE ?? '.',
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}

export const DB_FILE = 'studio.db';
/** The API request log: its own file, written by its own thread. */
export const API_LOG_FILE = 'api-log.db';
export const RUNTIME_FILE = 'runtime.json';
/** Inbox captures accepted and not yet in `studio.db` (src/core/tunnel/capture-journal.ts); empty most of the time. */
export const INBOX_JOURNAL_FILE = 'inbox-journal';
