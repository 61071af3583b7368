import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Settings only the desktop app has, kept beside the window state in the data folder. */
export interface DesktopPrefs {
  /** An OS notification when a webhook's delivery fails for the first time after succeeding. */
  notifyOnFirstFailure: boolean;
}
const DEFAULT: DesktopPrefs = { notifyOnFirstFailure: true };
const FILE = 'desktop-prefs.json';

export function loadDesktopPrefs(dataDir: string): DesktopPrefs {
  try {
    const p = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as Partial<DesktopPrefs>;
    return { notifyOnFirstFailure: typeof p.notifyOnFirstFailure === 'boolean' ? p.notifyOnFirstFailure : true };
  } catch {
    return { ...DEFAULT };
  }
}

export function saveDesktopPrefs(dataDir: string, prefs: DesktopPrefs): void {
  try {
    writeFileSync(join(dataDir, FILE), JSON.stringify(prefs), { mode: 0o600 });
  } catch {
    /* not worth failing over */
  }
}
