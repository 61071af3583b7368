import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const everything: number[] = [];
afterEach(() => {
  for (const pid of everything.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

interface Chain {
  npm: number;
  sh: number;
  studio: number;
  port: number;
  dataDir: string;
  child: ChildProcess;
}

/** `npm run serve` or `npm start` (headless: the Electron download fails at once), up and answering. */
async function launch(script: 'serve' | 'start'): Promise<Chain> {
  const dataDir = tempDir();
  const env: NodeJS.ProcessEnv = { ...process.env, WEBHOOK_STUDIO_SKIP_BUILD: '1' };
  if (script === 'start') {
    const fake = tempDir();
    writeFileSync(join(fake, 'package.json'), JSON.stringify({ name: 'electron', version: '0.0.0-fake' }));
    writeFileSync(join(fake, 'install.js'), 'process.exit(1)');
    env.WEBHOOK_STUDIO_ELECTRON_DIR = fake;
  }
  const args = script === 'serve' ? ['run', 'serve'] : ['start'];
  const child = spawn('npm', [...args, '--', '--port', '0', '--data-dir', dataDir], { env, stdio: 'pipe' });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const npm = child.pid!;
  everything.push(npm);
  const started = Date.now();
  while (!/^SONZAI_BASE_URL=http:\/\/127\.0\.0\.1:(\d+)$/m.test(out)) {
    if (Date.now() - started > 20_000 || child.exitCode !== null) throw new Error(`did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const port = Number(/^SONZAI_BASE_URL=http:\/\/127\.0\.0\.1:(\d+)$/m.exec(out)![1]);
  const [sh] = childrenOf(npm);
  const [studio] = childrenOf(sh);
  everything.push(sh, studio);
  expect(studio).toBeGreaterThan(0);
  return { npm, sh, studio, port, dataDir, child };
}

async function expectAllStopped(c: Chain): Promise<void> {
  await expect.poll(() => portOpen(c.port), { timeout: 8000, interval: 100 }).toBe(false);
  await expect.poll(() => [c.npm, c.sh, c.studio].filter(alive), { timeout: 8000, interval: 100 }).toEqual([]);
  expect(existsSync(join(c.dataDir, 'runtime.json'))).toBe(false);
}

describe('stopping any process of the launch chain stops the studio and frees its port', () => {
  const cases: ['serve' | 'start', 'npm' | 'sh' | 'studio', NodeJS.Signals][] = [
    ['serve', 'npm', 'SIGTERM'],
    ['serve', 'sh', 'SIGTERM'],
    ['serve', 'npm', 'SIGKILL'],
    ['serve', 'studio', 'SIGTERM'],
    ['start', 'npm', 'SIGTERM'],
    ['start', 'sh', 'SIGKILL'],
  ];
  for (const [script, who, signal] of cases) {
    it(`npm ${script === 'serve' ? 'run serve' : 'start'}: ${signal} to ${who}`, async () => {
      const c = await launch(script);
      expect(await portOpen(c.port)).toBe(true);
      process.kill(c[who], signal);
      await expectAllStopped(c);
    }, 40_000);
  }
});

describe('a stale runtime.json', () => {
  /** A runtime file naming `pid` and a port where nothing listens. */
  function staleFile(dataDir: string, pid: number): string {
    const path = join(dataDir, 'runtime.json');
    writeFileSync(
      path,
      JSON.stringify({ pid, host: '127.0.0.1', port: 1, token: 't', startedAt: '2026-01-01T00:00:00Z', version: '0' }),
    );
    return path;
  }

  it('whose pid now belongs to another process is detected and removed, by the CLI and by a starting studio', async () => {
    const other = spawn('sleep', ['60']);
    everything.push(other.pid!);
    const dataDir = tempDir();
    const path = staleFile(dataDir, other.pid!);
    const { cliOnce } = await import('../helpers/cli');
    const status = await cliOnce(['status', '--data-dir', dataDir]);
    expect(status.code).toBe(3);
    expect(status.stderr).toContain(`removed a stale runtime.json naming pid ${other.pid}, port 1`);
    expect(existsSync(path)).toBe(false);

    staleFile(dataDir, other.pid!);
    const { createStudio } = await import('../../src/core/index');
    const notices: string[] = [];
    const studio = await createStudio({ dataDir, port: 0, notice: (l) => notices.push(l) });
    try {
      expect(notices.join('\n')).toContain(
        `removed a stale runtime.json (pid ${other.pid}, port 1: no studio answers)`,
      );
      const { readFileSync } = await import('node:fs');
      expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid, port: studio.status().port });
    } finally {
      await studio.close();
    }
  });

  it('whose process is gone is removed by the first command that reads it', async () => {
    const dataDir = tempDir();
    const gone = spawn('true');
    await new Promise((r) => gone.on('exit', r));
    const path = staleFile(dataDir, gone.pid!);
    const { cliOnce } = await import('../helpers/cli');
    const status = await cliOnce(['status', '--data-dir', dataDir]);
    expect(status.code).toBe(3);
    expect(existsSync(path)).toBe(false);
  });
});
