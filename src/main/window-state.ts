import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}
const DEFAULT: WindowState = { width: 1280, height: 820, maximized: false };

export function loadWindowState(dataDir: string): WindowState {
  try {
    const s = JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8')) as Partial<WindowState>;
    if (typeof s.width === 'number' && typeof s.height === 'number' && s.width >= 400 && s.height >= 300) {
      return { ...DEFAULT, ...s };
    }
  } catch {
    /* first run or unreadable: defaults */
  }
  return DEFAULT;
}

export function saveWindowState(dataDir: string, state: WindowState): void {
  try {
    writeFileSync(join(dataDir, 'window-state.json'), JSON.stringify(state), { mode: 0o600 });
  } catch {
    /* not worth failing over */
  }
}
