import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliOnce, runCli, type Running } from '../helpers/cli';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { tempDir } from '../helpers/tmp';

describe('webhook-studio and OneInbox', () => {
  let server: Running;
  let dataDir: string;
  let base: string;
  let key: string;
  let rx: Receiver;

  beforeAll(async () => {
    dataDir = tempDir();
    rx = await startReceiver();
    server = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    [, base] = await server.waitFor(/^ONEINBOX_BASE_URL=(\S+)$/m);
    [, key] = await server.waitFor(/^ONEINBOX_API_KEY=(oi_\S+)$/m);
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exit;
    await rx.close();
  });

  it('serve prints the OneInbox lines right after the Sonzai ones', () => {
    const lines = server.stdout().split('\n');
    const i = lines.findIndex((l) => l.startsWith('SONZAI_API_KEY='));
    expect(lines[i + 1]).toBe(`ONEINBOX_BASE_URL=${base}`);
    expect(lines[i + 2]).toBe(`ONEINBOX_API_KEY=${key}`);
  });

  it('trigger call.ended --platform oneinbox delivers a documented call.ended to the OneInbox webhooks', async () => {
    await fetch(`${base}/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cli', url: `${rx.url}/oneinbox`, events: ['call.ended'] }),
    });
    const r = await cliOnce(['trigger', 'call.ended', '--platform', 'oneinbox', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^fired OneInbox call\.ended evt_\S+ · 1 deliveries\n {2}→ http:\/\/127\.0\.0\.1:\d+\/oneinbox/,
    );
    const until = Date.now() + 5000;
    while (rx.received.length === 0 && Date.now() < until) await new Promise((x) => setTimeout(x, 20));
    expect(JSON.parse(rx.received[0]!.body.toString())).toMatchObject({ event: 'call.ended', status: 'completed' });

    const bad = await cliOnce(['trigger', 'agent.message', '--platform', 'oneinbox', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a OneInbox event type: agent.message');
    const plat = await cliOnce(['trigger', 'call.ended', '--platform', 'twilio', '--data-dir', dataDir]);
    expect(plat.code).toBe(2);
  });

  it('call start --to --from starts a call that GET /v1/calls/{id} shows; bad numbers are usage errors', async () => {
    const r = await cliOnce([
      'call',
      'start',
      '--to',
      '+819012345678',
      '--from',
      '+15739693824',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as { id: string; language: string; status: string };
    expect(c).toMatchObject({ language: 'ja', status: 'ringing' });
    const got = await fetch(`${base}/v1/calls/${c.id}`, { headers: { authorization: `Bearer ${key}` } });
    expect(((await got.json()) as { id: string }).id).toBe(c.id);
    const list = await cliOnce(['call', 'list', '--data-dir', dataDir]);
    expect(list.stdout).toContain(`${c.id} ringing +15739693824 → +819012345678 · ja`);
    const bad = await cliOnce(['call', 'start', '--to', '0901234', '--from', '+15739693824', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--to must be an E.164 number');
  });
});
