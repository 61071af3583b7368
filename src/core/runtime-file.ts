import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIME_FILE } from './paths';

/** What a running studio leaves in its data dir so the CLI can reach it. Mode 0600. */
export interface RuntimeInfo {
  pid: number;
  host: string;
  port: number;
  token: string;
  startedAt: string;
  version: string;
}

export function runtimePath(dataDir: string): string {
  return join(dataDir, RUNTIME_FILE);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running studio of this data dir, or null (a stale file from a crash is ignored). */
export function readRuntime(dataDir: string): RuntimeInfo | null {
  let info: RuntimeInfo;
  try {
    info = JSON.parse(readFileSync(runtimePath(dataDir), 'utf8')) as RuntimeInfo;
  } catch {
    return null;
  }
  if (typeof info?.pid !== 'number' || typeof info.port !== 'number' || typeof info.token !== 'string') return null;
  return alive(info.pid) ? info : null;
}

export function writeRuntime(dataDir: string, info: RuntimeInfo): void {
  writeFileSync(runtimePath(dataDir), JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
}

/** Removes the file only if it is still ours. */
export function removeRuntime(dataDir: string, pid: number): void {
  try {
    const info = JSON.parse(readFileSync(runtimePath(dataDir), 'utf8')) as RuntimeInfo;
    if (info.pid === pid) rmSync(runtimePath(dataDir), { force: true });
  } catch {
    /* already gone */
  }
}
