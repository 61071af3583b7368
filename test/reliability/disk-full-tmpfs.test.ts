import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cliOnce, runCli, type Running } from '../helpers/cli';
import { startReceiver } from '../helpers/receiver';

/**
 * A real full disk: a small tmpfs (needs root, as CI has). Where it cannot be mounted the
 * suite says so and skips, unless STUDIO_REQUIRE_TMPFS is set (CI sets it when it can mount).
 */
function mountTmpfs(sizeMiB: number): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'studio-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m,mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const disk = mountTmpfs(12);
if (!disk && process.env.STUDIO_REQUIRE_TMPFS)
  throw new Error('STUDIO_REQUIRE_TMPFS is set but no tmpfs could be mounted');
if (!disk) console.warn('disk-full-tmpfs: no tmpfs (not root, or mount refused): skipped');

afterAll(() => {
  if (!disk) return;
  execFileSync('umount', ['-l', disk]);
  rmSync(disk, { recursive: true, force: true });
});

/** Writes zeros until the disk refuses (ENOSPC); returns the ballast's path. */
function fill(dir: string): string {
  const path = join(dir, 'ballast');
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
  }
  for (;;) {
    try {
      writeSync(fd, Buffer.alloc(512));
    } catch {
      break;
    }
  }
  closeSync(fd);
  return path;
}

describe.skipIf(!disk)('a real full disk (tmpfs)', () => {
  it('the studio stays up: writes answer 507, the CLI says so and exits 5, status shows it; all resumes once space returns', async () => {
    const dataDir = join(disk!, 'studio');
    mkdirSync(dataDir);
    const studio: Running = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    try {
      await studio.waitFor(/^WEBHOOK_STUDIO_INBOX=/m);
      const base = /SONZAI_BASE_URL=(\S+)/.exec(studio.stdout())![1];
      const key = /SONZAI_API_KEY=(\S+)/.exec(studio.stdout())![1];
      const receiver = await startReceiver();
      const put = (type: string) =>
        fetch(`${base}/api/v1/webhooks/${type}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ webhook_url: `${receiver.url}/${type}/${'x'.repeat(800)}` }),
        });
      expect((await put('agent.message')).status).toBe(200);
      const before = await cliOnce(['trigger', 'agent.message', '--count', '20', '--data-dir', dataDir]);
      expect(before.code).toBe(0);

      const ballast = fill(disk!);
      let refused = await put('agent.full0');
      for (let i = 1; refused.status === 200 && i < 100; i++) refused = await put(`agent.full${i}`);
      expect(refused.status).toBe(507);
      expect(((await refused.json()) as { detail: string }).detail).toMatch(/disk is full/);

      const fire = await cliOnce(['trigger', 'agent.message', '--data-dir', dataDir]);
      expect(fire.code).toBe(5);
      expect(fire.stderr).toMatch(/webhook-studio: the studio's disk is full/);
      const burst = await cliOnce(['trigger', 'agent.message', '--count', '200', '--data-dir', dataDir]);
      expect(burst.code).toBe(5);
      expect(burst.stderr).toMatch(/webhook-studio: the studio's disk is full/);
      const status = await cliOnce(['status', '--data-dir', dataDir]);
      expect(status.code).toBe(5);
      expect(status.stdout).toMatch(/^DISK FULL since .*: the studio's disk is full/m);
      expect(studio.child.exitCode).toBeNull();

      rmSync(ballast);
      const after = await cliOnce(['trigger', 'agent.message', '--count', '5', '--data-dir', dataDir]);
      expect(after.code).toBe(0);
      const storage = async () =>
        (JSON.parse((await cliOnce(['status', '--json', '--data-dir', dataDir])).stdout) as { storage: unknown })
          .storage;
      // The next write that needs room (here the deliveries' attempts) takes the state down.
      await expect.poll(storage, { timeout: 10_000 }).toEqual({ ok: true, detail: null, since: null });
      await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(25);
      await receiver.close();
    } finally {
      studio.child.kill('SIGTERM');
      await studio.exit;
    }
    const db = new Database(join(dataDir, 'studio.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 60_000);

  it('the relay refuses to keep what its journal cannot hold (507), stays up, and keeps again once space returns', async () => {
    const journal = join(disk!, 'relay.journal');
    const relay = runCli(['relay', '--port', '0', '--channel', 'c1', '--journal', journal], {
      WEBHOOK_STUDIO_RELAY_TOKEN: 'a-long-enough-relay-token-123',
    });
    try {
      const [, url] = await relay.waitFor(/^WEBHOOK_STUDIO_RELAY=(\S+)$/m);
      const send = () => fetch(`${url}/c/c1/hook`, { method: 'POST', body: '{"kept":true}' });
      expect((await send()).status).toBe(202);
      const ballast = fill(disk!);
      let res = await send();
      for (let i = 0; res.status === 202 && i < 200; i++) res = await send();
      expect(res.status).toBe(507);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/relay's disk is full/);
      expect(relay.child.exitCode).toBeNull();
      rmSync(ballast);
      expect((await send()).status).toBe(202);
    } finally {
      relay.child.kill('SIGTERM');
      await relay.exit;
    }
  }, 30_000);
});
