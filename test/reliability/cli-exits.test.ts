import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type Running } from '../helpers/cli';
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

describe('honest exits', () => {
  it('trigger --count says so and exits 4 when the studio dies mid-burst', async () => {
    const dataDir = tempDir();
    const studio = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    running.push(studio);
    await studio.waitFor(/^WEBHOOK_STUDIO_INBOX=/m);
    const burst = runCli(['trigger', 'agent.message', '--count', '5000', '--rate', '100', '--data-dir', dataDir]);
    running.push(burst);
    await new Promise((r) => setTimeout(r, 1500));
    expect(burst.child.exitCode).toBeNull();
    studio.child.kill('SIGKILL');
    expect(await burst.exit).toBe(4);
    expect(burst.stderr()).toMatch(/studio went away before this command finished/);
  }, 30_000);
});

describe('honest exits (listen)', () => {
  it('listen says so and exits 4 when its studio dies', async () => {
    const dataDir = tempDir();
    const studio = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    running.push(studio);
    await studio.waitFor(/^WEBHOOK_STUDIO_INBOX=/m);
    const listen = runCli(['listen', '--forward-to', 'http://127.0.0.1:9/hook', '--data-dir', dataDir]);
    running.push(listen);
    await listen.waitFor(/^WEBHOOK_STUDIO_INBOX=/m);
    studio.child.kill('SIGKILL');
    expect(await listen.exit).toBe(4);
    expect(listen.stderr()).toMatch(/studio went away before this command finished/);
  }, 30_000);
});

describe('honest exits (scenario, bulk replay)', () => {
  it('a scenario says so and exits 4 when its studio dies between steps', async () => {
    const dataDir = tempDir();
    const studio = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    running.push(studio);
    await studio.waitFor(/^WEBHOOK_STUDIO_INBOX=/m);
    const scenario = runCli(['scenario', 'run', "companion's first week", '--data-dir', dataDir]);
    running.push(scenario);
    await new Promise((r) => setTimeout(r, 1500));
    expect(scenario.child.exitCode).toBeNull();
    studio.child.kill('SIGKILL');
    expect(await scenario.exit).toBe(4);
    expect(scenario.stderr()).toMatch(/studio went away before this command finished/);
  }, 30_000);

  it('replay --failed says so and exits 4 when its studio dies while the replays hang', async () => {
    const { createServer } = await import('node:net');
    const http = await import('node:http');
    // A port that refuses first (the deliveries fail), then hangs (the replays wait).
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const dataDir = tempDir();
    const studio = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    running.push(studio);
    const [, base] = await studio.waitFor(/^SONZAI_BASE_URL=(\S+)$/m);
    const [, key] = await studio.waitFor(/^SONZAI_API_KEY=(\S+)$/m);
    const put = await fetch(`${base}/api/v1/webhooks/agent.message`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ webhook_url: `http://127.0.0.1:${port}/hook` }),
    });
    expect(put.status).toBe(200);
    const { cliOnce } = await import('../helpers/cli');
    expect((await cliOnce(['trigger', 'agent.message', '--count', '3', '--data-dir', dataDir])).code).toBe(0);
    const hanging = http.createServer(() => undefined);
    await new Promise<void>((r) => hanging.listen(port, '127.0.0.1', r));
    try {
      const replay = runCli(['replay', '--failed', '--include-scheduled', '--data-dir', dataDir]);
      running.push(replay);
      await new Promise((r) => setTimeout(r, 1500));
      expect(replay.child.exitCode).toBeNull();
      studio.child.kill('SIGKILL');
      expect(await replay.exit).toBe(4);
      expect(replay.stderr()).toMatch(/studio went away before this command finished/);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  }, 30_000);
});

describe('bounded input', () => {
  it('refuses an endless --data file at once, and invalid UTF-8 by name', async () => {
    const { cliOnce } = await import('../helpers/cli');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = tempDir();
    const t0 = Date.now();
    const zero = await cliOnce(['trigger', 'agent.message', '--data', '@/dev/zero', '--data-dir', dir]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--data: \/dev\/zero is larger than the limit of 524288 bytes/);
    expect(Date.now() - t0).toBeLessThan(10_000);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    const invalid = await cliOnce(['trigger', 'agent.message', '--data', `@${bad}`, '--data-dir', dir]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/is not valid UTF-8/);
    const body = await cliOnce(['verify', '--body', `@${bad}`, '--header', 't=1,v1=00', '--secret', 'whsec_x']);
    expect(body.code).toBe(2);
    expect(body.stderr).toMatch(/--body: .* is not valid UTF-8/);
  });
});
