import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../src/cli/program';
import { createStudio, type Studio } from '../../src/core/index';
import { tempDir } from '../helpers/tmp';

let studio: Studio;
let dataDir: string;
let out: string[];
let err: string[];

beforeEach(async () => {
  dataDir = tempDir();
  studio = await createStudio({ dataDir, port: 0 });
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await studio.close();
});

async function cli(...args: string[]): Promise<string> {
  out.length = 0;
  await buildProgram()
    .exitOverride()
    .parseAsync(['node', 'webhook-studio', ...args, '--data-dir', dataDir]);
  return out.join('');
}

/** What the (pre-merge) dispatcher stored: the exact bodies, in order. */
function stored(): { event_id: string; event_type: string; user_id: string | null; source: string; body: string }[] {
  return studio.context.db
    .prepare('SELECT event_id, event_type, user_id, source, CAST(body AS TEXT) AS body FROM events ORDER BY seq')
    .all() as never;
}

describe('webhook-studio trigger', () => {
  it('fires one event with --data, --set and --user and prints its id and deliveries', async () => {
    const text = await cli(
      'trigger',
      'agent.mood_change',
      '--user',
      'user-42',
      '--data',
      JSON.stringify({ reason: 'x' }),
      '--set',
      'data.reason=They came back',
      '--set',
      'data.extra=1',
    );
    const [row] = stored();
    expect(row).toMatchObject({ event_type: 'agent.mood_change', user_id: 'user-42', source: 'cli' });
    expect(JSON.parse(row.body).data).toEqual({ reason: 'They came back', extra: 1 });
    expect(text).toContain(`fired agent.mood_change ${row.event_id}`);
    expect(text).toContain('0 deliveries');
    // The body breaks the schema: the CLI says where, and fires anyway.
    expect(err.join('')).toContain('warning: $.data.previous is required');
  });

  it('reads --data from @file and prints JSON with --json', async () => {
    const file = join(dataDir, 'data.json');
    writeFileSync(file, JSON.stringify({ duration_s: 5 }));
    await cli('trigger', 'agent.consolidation', '--data', `@${file}`, '--json');
    const res = JSON.parse(out.join(''));
    expect(res).toMatchObject({ eventType: 'agent.consolidation', deliveries: [] });
    expect(JSON.parse(stored()[0].body).data).toEqual({ duration_s: 5 });
  });

  it('--count fires a burst and prints every event id', async () => {
    const text = await cli('trigger', 'agent.memory_added', '--count', '30', '--rate', '200');
    const rows = stored();
    expect(rows).toHaveLength(30);
    for (const r of rows) expect(text).toContain(r.event_id);
    expect(text).toMatch(/done: fired 30\/30 agent\.memory_added events, 0 deliveries/);
  });

  it('--count follows only its burst progress: the studio does not stream it every attempt', async () => {
    const followers: boolean[] = [];
    studio.context.bus.subscribe(
      () =>
        followers.push(studio.context.bus.wants('attempt.recorded') || studio.context.bus.wants('proactive.changed')),
      ['burst.progress'],
    );
    const text = await cli('trigger', 'agent.memory_added', '--count', '5');
    expect(text).toMatch(/done: fired 5\/5/);
    expect(followers.length).toBeGreaterThan(0);
    expect(followers.every((wanted) => !wanted)).toBe(true);
  });

  it('refuses bad input with a usage error before firing', async () => {
    await expect(cli('trigger', 'agent.message', '--count', '0')).rejects.toThrow(/--count must be/);
    await expect(cli('trigger', 'agent.message', '--data', '[1]')).rejects.toThrow(/JSON object/);
    await expect(cli('trigger', 'agent.message', '--data', '@/nonexistent/file')).rejects.toThrow(/cannot read/);
    await expect(cli('trigger', 'agent.unknown')).rejects.toThrow(/unknown event type agent.unknown/);
    expect(stored()).toHaveLength(0);
  });
});

describe('webhook-studio scenario', () => {
  it('lists, runs a built-in with progress lines, and exports', async () => {
    expect(await cli('scenario', 'list')).toContain("companion's first week\t9 steps\tbuilt-in");
    const text = await cli('scenario', 'run', 'flaky handler', '--delay-scale', '0', '--user', 'qa-user');
    const rows = stored();
    expect(rows.map((r) => r.event_type)).toEqual([
      'agent.message',
      'agent.message',
      'agent.mood_change',
      'agent.memory_added',
      'agent.message',
      'agent.consolidation',
      'agent.breakthrough',
      'agent.wakeup',
    ]);
    expect(rows.every((r) => r.user_id === 'qa-user' && r.source === 'scenario')).toBe(true);
    expect(text).toContain(`[2/8] agent.message ${rows[1].event_id} → 0 deliveries — Handler answers 500`);
    expect(text).toContain('done: 8/8 steps fired');
    const exported = JSON.parse(await cli('scenario', 'export', 'flaky handler'));
    expect(exported).toMatchObject({ name: 'flaky handler', version: 1 });
  });

  it('runs a scenario from @file, and imports it', async () => {
    const file = join(dataDir, 'story.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'mine',
        steps: [{ eventType: 'on_diary_generated' }, { eventType: 'agent.breakthrough' }],
      }),
    );
    await cli('scenario', 'run', `@${file}`, '--delay-scale', '0');
    expect(stored().map((r) => r.event_type)).toEqual(['on_diary_generated', 'agent.breakthrough']);
    expect(await cli('scenario', 'import', file)).toContain('saved "mine" (2 steps)');
    expect(await cli('scenario', 'list')).toContain('mine\t2 steps\tsaved');
  });
});
