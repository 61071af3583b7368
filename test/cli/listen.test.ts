import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createStudio } from '../../src/core/index';
import { connectStudio } from '../../src/cli/connect';
import { runListen } from '../../src/cli/commands/listen';
import { createRelayServer } from '../../src/relay/relay-server';
import { tempDir } from '../helpers/tmp';
import { startReceiver } from '../helpers/receiver';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('webhook-studio listen', () => {
  it('prints the inbox URL, then one line per request, and restores the inbox when stopped', async () => {
    const dataDir = tempDir();
    const studio = await createStudio({ dataDir, port: 0 });
    cleanups.push(() => studio.close());
    const local = await startReceiver((_r, res) => {
      res.statusCode = 204;
      res.end();
    });
    cleanups.push(() => local.close());
    const conn = await connectStudio(dataDir);
    cleanups.push(() => conn.close());
    const lines: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const run = runListen(
      conn.client,
      { forwardTo: local.url, inbox: 'dev' },
      { print: (l) => lines.push(l), notice: () => {}, until: stopped },
    );
    await until(() => lines.length >= 1);
    const inboxUrl = `http://127.0.0.1:${studio.status().port}/inbox/dev`;
    expect(lines[0]).toBe(`WEBHOOK_STUDIO_INBOX=${inboxUrl}`);

    const res = await fetch(`${inboxUrl}/x?y=1`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(204);
    await until(() => lines.length >= 2);
    expect(lines[1]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {2}POST {3}\/inbox\/dev\/x\?y=1 {2}– missing_header {2}→ 204 {2}\d+ ms$/,
    );
    stop();
    await run;
    const dev = (await conn.client.call('inboxes.list')).find((i) => i.name === 'dev');
    expect(dev?.forwardTo).toBeNull();

    const bad = runListen(
      conn.client,
      { forwardTo: 'localhost:3000', inbox: 'dev' },
      { print: () => {}, notice: () => {}, until: Promise.resolve() },
    );
    await expect(bad).rejects.toMatchObject({ exitCode: 2, message: '--forward-to localhost:3000: an http(s) URL' });
  });

  it('with --relay connects the running studio to the relay and prints the public channel URL', async () => {
    const dataDir = tempDir();
    const studio = await createStudio({ dataDir, port: 0 });
    cleanups.push(() => studio.close());
    const relay = createRelayServer({ token: 'listen-test-token-123', port: 0 });
    const info = await relay.listen();
    cleanups.push(() => relay.close());
    const local = await startReceiver();
    cleanups.push(() => local.close());
    const conn = await connectStudio(dataDir);
    cleanups.push(() => conn.close());
    const lines: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const run = runListen(
      conn.client,
      { forwardTo: local.url, inbox: 'dev', relay: info.url, channel: 'mine', token: 'listen-test-token-123' },
      { print: (l) => lines.push(l), notice: () => {}, until: stopped },
    );
    await until(() => lines.length >= 2);
    expect(lines[1]).toBe(`WEBHOOK_STUDIO_CHANNEL=${info.url}/c/mine`);
    const res = await fetch(`${info.url}/c/mine/hook`, { method: 'POST', body: 'via relay' });
    expect(res.status).toBe(200);
    await until(() => lines.length >= 3);
    expect(lines[2]).toContain('/c/mine/hook');
    stop();
    await run;
    expect((await conn.client.call('relay.status')).state).toBe('off');
  });

  it('as a process: prints the inbox line and a line per request, and exits 0 on SIGINT', async () => {
    const dataDir = tempDir();
    const studio = await createStudio({ dataDir, port: 0 });
    cleanups.push(() => studio.close());
    const local = await startReceiver();
    cleanups.push(() => local.close());
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', 'listen', '--forward-to', local.url, '--data-dir', dataDir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cleanups.push(() => {
      child.kill('SIGKILL');
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await until(() => out.includes('\n'), 15_000);
    const inboxUrl = `http://127.0.0.1:${studio.status().port}/inbox/dev`;
    expect(out.split('\n')[0]).toBe(`WEBHOOK_STUDIO_INBOX=${inboxUrl}`);
    // The forward target is set before the line is printed.
    expect((await fetch(inboxUrl, { method: 'POST', body: 'hi' })).status).toBe(200);
    expect(local.received).toHaveLength(1);
    await until(() => out.split('\n').length >= 3);
    expect(out.split('\n')[1]).toMatch(/POST {3}\/inbox\/dev {2}– missing_header {2}→ 200 {2}\d+ ms$/);
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('relay command prints WEBHOOK_STUDIO_RELAY and refuses to start without a token', async () => {
    const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
        env: { ...process.env, WEBHOOK_STUDIO_RELAY_TOKEN: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const child = cli(['relay', '--port', '0', '--token', 'a-long-enough-token-1']);
    cleanups.push(() => {
      child.kill('SIGTERM');
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    expect(line).toMatch(/^WEBHOOK_STUDIO_RELAY=http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${line.split('=')[1]}/_relay/health`);
    expect(await health.json()).toEqual({ ok: true, channels: 0, refusedTokens: 0, slowedAddresses: 0 });

    const bad = cli(['relay', '--port', '0']);
    let err = '';
    bad.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => bad.on('exit', r));
    expect(code).toBe(2);
    expect(err).toContain('--token (or WEBHOOK_STUDIO_RELAY_TOKEN) is required');
  });
});
