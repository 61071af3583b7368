import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cliOnce, runCli, type Running } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    if (r.child.exitCode === null) {
      r.child.kill('SIGKILL');
      await r.exit;
    }
  }
});

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('run `npm run build` before the CLI tests (npm test does)');
});

describe('webhook-studio serve', () => {
  it('prints the three lines exactly, serves the API, and exits 0 on SIGTERM with the database closed', async () => {
    const dataDir = tempDir();
    const r = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    running.push(r);
    const [, url] = await r.waitFor(/^SONZAI_BASE_URL=(http:\/\/127\.0\.0\.1:\d+)$/m);
    const [, key] = await r.waitFor(/^SONZAI_API_KEY=(sk_\S+)$/m);
    const [, ui] = await r.waitFor(/^WEBHOOK_STUDIO_UI=(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m);
    expect(ui.startsWith(url)).toBe(true);
    expect(key.length).toBeGreaterThan(20);
    const health = await fetch(`${url}/_studio/health`);
    expect(health.status).toBe(200);
    const page = await fetch(`${url}/`);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");

    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    expect(existsSync(join(dataDir, 'runtime.json'))).toBe(false);
    // A clean close checkpoints the WAL away.
    expect(existsSync(join(dataDir, 'studio.db-wal'))).toBe(false);
  });

  it('reads the port and the data dir from the environment', async () => {
    const dataDir = tempDir();
    const r = runCli(['serve'], { WEBHOOK_STUDIO_PORT: '0', WEBHOOK_STUDIO_DATA_DIR: dataDir });
    running.push(r);
    await r.waitFor(/^SONZAI_BASE_URL=/m);
    expect(existsSync(join(dataDir, 'studio.db'))).toBe(true);
  });

  it('status reaches the running studio through the runtime file; fails clearly when none runs', async () => {
    const dataDir = tempDir();
    const none = await cliOnce(['status', '--data-dir', dataDir]);
    expect(none.code).toBe(3);
    expect(none.stderr).toBe(
      `webhook-studio: no studio is running for data dir ${dataDir}; start one with \`npm run serve\` or \`webhook-studio serve\`\n`,
    );

    const r = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    running.push(r);
    const [, key] = await r.waitFor(/^SONZAI_API_KEY=(sk_\S+)$/m);
    const status = await cliOnce(['status', '--json', '--data-dir', dataDir]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ apiKey: key, dataDir, state: 'ready' });
  });

  it('names the port and the flag when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const res = await cliOnce(['serve', '--port', String(port), '--data-dir', tempDir()]);
    blocker.close();
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      `webhook-studio: port ${port} on 127.0.0.1 is already in use; choose another with --port <n>`,
    );
  });

  it('refuses a database file that is not SQLite, naming it, and leaves it untouched', async () => {
    const dataDir = tempDir();
    const db = join(dataDir, 'studio.db');
    writeFileSync(db, 'not a database');
    const res = await cliOnce(['serve', '--port', '0', '--data-dir', dataDir]);
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n').pop()).toBe(
      `webhook-studio: ${db} is not an SQLite database; move it away or choose another --data-dir`,
    );
    expect(readFileSync(db, 'utf8')).toBe('not a database');
  });

  it('refuses a data dir that cannot be created', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const res = await cliOnce(['serve', '--port', '0', '--data-dir', join(file, 'sub')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^webhook-studio: cannot use data dir .*a-file\/sub: ENOTDIR\n$/);
  });

  it('rejects a bad --port with a usage error', async () => {
    const res = await cliOnce(['serve', '--port', 'eighty', '--data-dir', tempDir()]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--port must be a number from 0 to 65535, got "eighty"');
  });

  it('--help lists the commands', async () => {
    const res = await cliOnce(['--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/serve \[options\]/);
  });
});

describe('webhook-studio serve, its code cache', () => {
  /** Starts `entry`'s serve and checks that its API answers and that it leaves `cache` as it was. */
  async function startKeepsCache(entry: string, cache: string): Promise<void> {
    const before = statSync(cache).mtimeMs;
    const serve = runCli(['serve', '--port', '0', '--data-dir', tempDir()], {}, entry);
    running.push(serve);
    const [, url] = await serve.waitFor(/^SONZAI_BASE_URL=(http:\/\/127\.0\.0\.1:\d+)$/m);
    expect((await fetch(`${url}/_studio/health`)).status).toBe(200);
    await sleep(1500); // a start that rejects the cache writes its own a second after it is ready
    expect(statSync(cache).mtimeMs).toBe(before);
    serve.child.kill('SIGTERM');
    expect(await serve.exit).toBe(0);
  }

  it('starts from the build with the cache the build made, and a copy without one writes it after its start', async () => {
    // The build primes the cache beside the bundle (scripts/build-node.mjs), and a start takes it as
    // it is (a V8 flag set after the bundle compiled made every start reject it: ~110 ms a start).
    const built = join(dirname(CLI), 'core.cjs.v8cache');
    expect(existsSync(built)).toBe(true);
    await startKeepsCache(CLI, built);
    // A copy of the built CLI inside the repo (so it finds node_modules and the UI), its cache removed.
    const copy = join(dirname(CLI), '..', `cli-cache-test-${process.pid}`);
    cpSync(dirname(CLI), copy, { recursive: true });
    try {
      rmSync(join(copy, 'core.cjs.v8cache'));
      const first = runCli(['serve', '--port', '0', '--data-dir', tempDir()], {}, join(copy, 'index.mjs'));
      running.push(first);
      const [, url] = await first.waitFor(/^SONZAI_BASE_URL=(http:\/\/127\.0\.0\.1:\d+)$/m);
      expect((await fetch(`${url}/_studio/health`)).status).toBe(200);
      const cache = join(copy, 'core.cjs.v8cache');
      for (let waited = 0; waited < 10_000 && !existsSync(cache); waited += 100) await sleep(100);
      expect(existsSync(cache)).toBe(true);
      first.child.kill('SIGTERM');
      expect(await first.exit).toBe(0);

      // The next start takes it as it is: the API answers, and the cache is not written again.
      await startKeepsCache(join(copy, 'index.mjs'), cache);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
