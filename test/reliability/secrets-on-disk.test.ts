import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

interface Served {
  stderr: () => string;
  stop: () => Promise<void>;
}

/** `webhook-studio serve` under a wide-open umask, as a careless shell would start it. */
async function serveWithUmask000(dataDir: string): Promise<Served> {
  const child = spawn(
    'sh',
    ['-c', `umask 000 && exec "${process.execPath}" "${CLI}" serve --port 0 --data-dir "${dataDir}"`],
    {
      stdio: 'pipe',
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<void>((r) => child.on('exit', () => r()));
  const started = Date.now();
  while (!/WEBHOOK_STUDIO_INBOX=/.test(out)) {
    if (child.exitCode !== null || Date.now() - started > 15_000) throw new Error(`serve did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const base = /SONZAI_BASE_URL=(\S+)/.exec(out)![1];
  const key = /SONZAI_API_KEY=(\S+)/.exec(out)![1];
  // A write, so the WAL holds a secret too.
  const res = await fetch(`${base}/api/v1/webhooks/agent.message`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ webhook_url: 'http://127.0.0.1:9/hook' }),
  });
  expect(res.status).toBeLessThan(300);
  return {
    stderr: () => err,
    stop: async () => {
      child.kill('SIGTERM');
      await exit;
    },
  };
}

const modeOf = (p: string) => statSync(p).mode & 0o777;
const running: Served[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

describe('secrets stay the user’s', () => {
  it('tightens an existing 0755 folder and 0644 files, creates everything 0600 whatever the umask, and says so once', async () => {
    const dataDir = join(tempDir(), 'studio');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'notes.txt'), 'left by an older version');
    chmodSync(join(dataDir, 'notes.txt'), 0o644);

    const first = await serveWithUmask000(dataDir);
    running.push(first);
    expect(first.stderr()).toContain(`tightened the folder from 0755 to 0700 and 1 file to 0600 in ${dataDir}`);
    expect(modeOf(dataDir)).toBe(0o700);
    const files = readdirSync(dataDir);
    expect(files).toEqual(expect.arrayContaining(['studio.db', 'studio.db-wal', 'studio.db-shm', 'runtime.json']));
    for (const f of files) expect(`${f} ${modeOf(join(dataDir, f)).toString(8)}`).toBe(`${f} 600`);
    await running.pop()!.stop();

    const second = await serveWithUmask000(dataDir);
    running.push(second);
    expect(second.stderr()).not.toContain('tightened');
  }, 40_000);
});
