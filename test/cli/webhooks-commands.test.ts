import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../src/core/index';
import { createStudioClient } from '../../src/shared/rpc-client';
import { cliOnce } from '../helpers/cli';
import { startReceiver } from '../helpers/receiver';
import { tempDir } from '../helpers/tmp';

// The built CLI (out/cli, `npm test` builds it) as a user runs it, against a studio on a real port.
let studio: Studio;
let dataDir: string;
const run = (...args: string[]) => cliOnce([...args, '--data-dir', dataDir]);

beforeAll(async () => {
  dataDir = tempDir();
  studio = await createStudio({ dataDir, port: 0 });
});
afterAll(async () => {
  await studio.close();
});

const stored = () =>
  studio.context.db.prepare('SELECT event_type, webhook_url FROM webhooks ORDER BY event_type').all() as {
    event_type: string;
    webhook_url: string;
  }[];

describe('webhook-studio webhooks', () => {
  it('adds one URL for several types, refuses to replace silently, replaces with --replace, rotates and removes', async () => {
    const add = await run('webhooks', 'add', 'agent.message', 'agent.mood_change', 'http://127.0.0.1:9/a');
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain('2 registrations (the Sonzai API takes one event type per webhook)');
    const secrets = add.stdout.match(/whsec_[\w-]+/g) ?? [];
    expect(secrets).toHaveLength(2);
    expect(stored()).toEqual([
      { event_type: 'agent.message', webhook_url: 'http://127.0.0.1:9/a' },
      { event_type: 'agent.mood_change', webhook_url: 'http://127.0.0.1:9/a' },
    ]);

    const list = await run('webhooks', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
    expect(list.stdout).toMatch(/agent\.mood_change\s+active\s+http:\/\/127\.0\.0\.1:9\/a {2}no deliveries yet/);
    expect(list.stdout).not.toContain('whsec_'); // a secret is printed once, on add

    const clash = await run('webhooks', 'add', 'agent.message', 'http://127.0.0.1:9/b');
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('agent.message already sends to http://127.0.0.1:9/a; add --replace');
    expect(stored()[0].webhook_url).toBe('http://127.0.0.1:9/a');

    const replace = await run('webhooks', 'add', 'agent.message', 'http://127.0.0.1:9/b', '--replace');
    expect(replace.code).toBe(0);
    expect(replace.stdout).toContain('agent.message replaced http://127.0.0.1:9/a with http://127.0.0.1:9/b');
    expect(replace.stdout).not.toContain('whsec_');

    const rotate = await run('webhooks', 'rotate', 'agent.message');
    expect(rotate.code).toBe(0);
    const [fresh] = rotate.stdout.match(/whsec_[\w-]+/) ?? [];
    expect(fresh).toBeDefined();
    expect(secrets).not.toContain(fresh);

    const typo = await run('webhooks', 'rm', 'agent.mesage');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('did you mean agent.message?');
    const rm = await run('webhooks', 'rm', 'agent.message');
    expect(rm.code).toBe(0);
    expect(stored().map((w) => w.event_type)).toEqual(['agent.mood_change']);
  }, 60_000);

  it('refuses an unknown type with a suggestion (exit 2) and changes nothing', async () => {
    const before = stored();
    const r = await run('webhooks', 'add', 'agent.mood_chnage', 'http://127.0.0.1:9/c');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown event type agent.mood_chnage (did you mean agent.mood_change?)');
    expect(stored()).toEqual(before);
    const noUrl = await run('webhooks', 'add', 'agent.message');
    expect(noUrl.code).toBe(2);
  }, 30_000);
});

describe('webhook-studio events, did-you-mean and usage errors', () => {
  it('lists the catalog, one line per type', async () => {
    const r = await run('events');
    expect(r.code).toBe(0);
    const { types } = await createStudioClient(studio.connectInMemory()).call('events.catalog', {});
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(types.length);
    expect(lines.find((l) => l.startsWith('agent.mood_change '))).toMatch(/documented\s+\S/);
  }, 30_000);

  it('suggests the type for a mistyped trigger and exits 2', async () => {
    const r = await run('trigger', 'agent.mesage');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown event type agent.mesage (did you mean agent.message?)');
  }, 30_000);

  it('exits 2 for an unknown command (with a suggestion) and for an unknown option of a subcommand', async () => {
    const cmd = await run('triger', 'agent.message');
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain('Did you mean trigger?');
    const opt = await run('attempts', '--bogus');
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain("unknown option '--bogus'");
    const sub = await run('webhooks', 'lst');
    expect(sub.code).toBe(2);
  }, 30_000);
});

describe('webhook-studio replay --failed', () => {
  it('leaves out deliveries whose automatic retry is still scheduled, and says so, unless --include-scheduled', async () => {
    const down = await startReceiver((_r, res) => res.writeHead(500).end('down'));
    try {
      expect((await run('webhooks', 'add', 'agent.wakeup', `${down.url}/h`)).code).toBe(0);
      expect((await run('trigger', 'agent.wakeup')).code).toBe(0);
      await expect.poll(() => down.received.length, { timeout: 10_000 }).toBe(1);
      await expect
        .poll(
          () =>
            (
              studio.context.db
                .prepare("SELECT count(*) AS n FROM attempts WHERE event_type = 'agent.wakeup'")
                .get() as { n: number }
            ).n,
        )
        .toBe(1);
      const skip = await run('replay', '--failed', '--event-type', 'agent.wakeup');
      expect(skip.stderr).toContain('skipping 1 deliveries whose automatic retry is still scheduled');
      expect(skip.stdout).toContain('0 failed deliveries');
      expect(down.received).toHaveLength(1);
      const all = await run('replay', '--failed', '--event-type', 'agent.wakeup', '--include-scheduled');
      expect(all.stdout).toContain('1 failed deliveries: 0 now succeed, 1 still fail');
      expect(all.code).toBe(1);
      expect(down.received).toHaveLength(2);
    } finally {
      await down.close();
    }
  }, 30_000);
});
