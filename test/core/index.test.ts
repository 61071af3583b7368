import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudio } from '../../src/core/index';
import { StartupError } from '../../src/core/errors';
import { readRuntime, runtimePath } from '../../src/core/runtime-file';
import { tempDir } from '../helpers/tmp';

describe('createStudio', () => {
  it('creates a default project, agent and API key once, and keeps them across restarts', async () => {
    const dataDir = tempDir();
    const a = await createStudio({ dataDir, port: 0 });
    const first = a.status();
    await a.close();
    const b = await createStudio({ dataDir, port: 0 });
    const second = b.status();
    await b.close();
    expect(first.apiKey).toMatch(/^sk_/);
    expect([second.apiKey, second.projectId, second.agentId]).toEqual([first.apiKey, first.projectId, first.agentId]);
  });

  it('binds to 127.0.0.1 on a free port and answers HTTP there', async () => {
    const studio = await createStudio({ dataDir: tempDir(), port: 0 });
    const { port, host } = studio.status();
    expect(host).toBe('127.0.0.1');
    expect(port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${port}/_studio/health`);
    expect(await res.json()).toEqual({ ok: true, version: studio.status().version });
    const missing = await fetch(`http://127.0.0.1:${port}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    await studio.close();
  });

  it('writes a user-only runtime file for the CLI and removes it on close', async () => {
    const dataDir = tempDir();
    const studio = await createStudio({ dataDir, port: 0 });
    expect(statSync(runtimePath(dataDir)).mode & 0o777).toBe(0o600);
    expect(readRuntime(dataDir)).toMatchObject({ pid: process.pid, port: studio.status().port, token: studio.token });
    await studio.close();
    expect(readRuntime(dataDir)).toBeNull();
  });

  it.skipIf(process.platform === 'win32')('creates its data dir readable by the user alone', async () => {
    const dataDir = join(tempDir(), 'new', 'studio');
    const studio = await createStudio({ dataDir, port: 0, writeRuntimeFile: false });
    await studio.close();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('refuses a second studio on the same data dir (one that answers on the port its runtime file names)', async () => {
    const dataDir = tempDir();
    const first = await createStudio({ dataDir, port: 0 });
    try {
      // The file names this process; a second studio in another process reads it the same way.
      const info = JSON.parse(readFileSync(runtimePath(dataDir), 'utf8')) as Record<string, unknown>;
      writeFileSync(runtimePath(dataDir), JSON.stringify({ ...info, pid: process.ppid }));
      await expect(createStudio({ dataDir, port: 0 })).rejects.toThrow(/already running/);
    } finally {
      await first.close();
    }
  });

  it('names the port and the flag when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const err = await createStudio({ dataDir: tempDir(), port }).catch((e: unknown) => e);
    blocker.close();
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toBe(
      `port ${port} on 127.0.0.1 is already in use; choose another with --port <n> (0 picks a free one)`,
    );
  });

  it.skipIf(process.getuid?.() === 0)('names a data dir it cannot write', async () => {
    const parent = tempDir();
    const locked = join(parent, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    await expect(createStudio({ dataDir: join(locked, 'sub'), port: 0 })).rejects.toThrow(/cannot use data dir/);
  });

  it('names a data dir that is a file', async () => {
    const file = join(tempDir(), 'file');
    writeFileSync(file, 'x');
    await expect(createStudio({ dataDir: file, port: 0 })).rejects.toThrow(`cannot use data dir ${file}`);
  });
});
