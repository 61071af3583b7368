import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
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

/** Whether a process with this pid exists (one we may not signal counts too). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The running studio of this data dir, or null. A file left by a studio that crashed (its
 * process gone, or the file unreadable) is removed on the way.
 */
export function readRuntime(dataDir: string): RuntimeInfo | null {
  let text: string;
  try {
    text = readFileSync(runtimePath(dataDir), 'utf8');
  } catch {
    return null;
  }
  let info: RuntimeInfo | null = null;
  try {
    info = JSON.parse(text) as RuntimeInfo;
  } catch {
    /* torn or foreign: stale */
  }
  if (typeof info?.pid !== 'number' || typeof info.port !== 'number' || typeof info.token !== 'string') {
    removeStaleRuntime(dataDir, text);
    return null;
  }
  if (processAlive(info.pid)) return info;
  removeStaleRuntime(dataDir, text);
  return null;
}

/** Removes the runtime file if it still holds `text` (another studio may have just written its own). */
export function removeStaleRuntime(dataDir: string, text?: string): void {
  try {
    if (text === undefined || readFileSync(runtimePath(dataDir), 'utf8') === text)
      rmSync(runtimePath(dataDir), { force: true });
  } catch {
    /* already gone */
  }
}

/** The address to dial for a studio bound to `host` (a wildcard bind is reached on loopback). */
export function dialHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Whether the studio a runtime file names really answers there (its pid may have been
 * reused by an unrelated process after a crash or a reboot).
 */
export function studioAnswers(info: RuntimeInfo, timeoutMs = 1500): Promise<boolean> {
  const host = dialHost(info.host);
  return new Promise((resolve) => {
    const req = http.get(
      {
        host: host.replace(/^\[|\]$/g, ''),
        port: info.port,
        path: '/_studio/health',
        headers: { host: `${host}:${info.port}` },
        timeout: timeoutMs,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d.slice(0, 1000)));
        res.on('end', () => resolve(res.statusCode === 200 && body.includes('"ok":true')));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
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
