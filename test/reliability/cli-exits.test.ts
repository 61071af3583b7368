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

/** A headless studio on its own data folder, up and answering. */
async function serve(): Promise<{ studio: Running; dataDir: string }> {
  const dataDir = tempDir();
  const studio = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
  running.push(studio);
  await studio.waitFor(/^WEBHOOK_STUDIO_INBOX=/m);
  return { studio, dataDir };
}

/** Runs `args` against the studio, kills the studio once `ready` says the command is under way, and expects an honest exit 4. */
async function diesUnder(studio: Running, args: string[], ready: (cmd: Running) => Promise<unknown>): Promise<void> {
  const cmd = runCli(args);
  running.push(cmd);
  await ready(cmd);
  expect(cmd.child.exitCode).toBeNull();
  studio.child.kill('SIGKILL');
  expect(await cmd.exit).toBe(4);
  expect(cmd.stderr()).toMatch(/studio went away before this command finished/);
}

const aMoment = () => new Promise((r) => setTimeout(r, 1500));

describe('honest exits: a command whose studio dies mid-run says so and exits 4', () => {
  it('trigger --count, mid-burst', async () => {
    const { studio, dataDir } = await serve();
    const args = ['trigger', 'agent.message', '--count', '5000', '--rate', '100', '--data-dir', dataDir];
    await diesUnder(studio, args, aMoment);
  }, 30_000);

  it('listen', async () => {
    const { studio, dataDir } = await serve();
    const args = ['listen', '--forward-to', 'http://127.0.0.1:9/hook', '--data-dir', dataDir];
    await diesUnder(studio, args, (cmd) => cmd.waitFor(/^WEBHOOK_STUDIO_INBOX=/m));
  }, 30_000);

  it('a scenario, between steps', async () => {
    const { studio, dataDir } = await serve();
    await diesUnder(studio, ['scenario', 'run', "companion's first week", '--data-dir', dataDir], aMoment);
  }, 30_000);

  it('replay --failed, while the replays hang', async () => {
    const { createServer } = await import('node:net');
    const http = await import('node:http');
    // A port that refuses first (the deliveries fail), then hangs (the replays wait).
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const { studio, dataDir } = await serve();
    const base = /^SONZAI_BASE_URL=(\S+)$/m.exec(studio.stdout())![1];
    const key = /^SONZAI_API_KEY=(\S+)$/m.exec(studio.stdout())![1];
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
      await diesUnder(studio, ['replay', '--failed', '--include-scheduled', '--data-dir', dataDir], aMoment);
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
