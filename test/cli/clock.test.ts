import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliOnce, runCli, type Running } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

describe('webhook-studio clock', () => {
  let server: Running;
  let dataDir: string;
  let base: string;
  let key: string;

  beforeAll(async () => {
    dataDir = tempDir();
    server = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    [, base] = await server.waitFor(/^SONZAI_BASE_URL=(\S+)$/m);
    [, key] = await server.waitFor(/^SONZAI_API_KEY=(\S+)$/m);
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exit;
  });

  it('advance runs the wakeups that fall due and says which', async () => {
    const status = JSON.parse((await cliOnce(['status', '--json', '--data-dir', dataDir])).stdout) as {
      agentId: string;
    };
    const res = await fetch(`${base}/api/v1/agents/${status.agentId}/wakeups`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'u-1', check_type: 'follow_up', intent: 'ask about the exam', delay_hours: 2 }),
    });
    const { wakeup_id } = (await res.json()) as { wakeup_id: string };

    const shown = await cliOnce(['clock', '--data-dir', dataDir]);
    expect(shown.stdout).toMatch(/studio clock .* \(real time\) · 1 pending · next wakeup /);

    const early = await cliOnce(['clock', 'advance', '1h', '--data-dir', dataDir]);
    expect(early.code).toBe(0);
    expect(early.stdout).toContain('advanced 1h · ');
    expect(early.stdout).toContain('no wakeup fell due');

    const ran = await cliOnce(['clock', 'advance', '90m', '--json', '--data-dir', dataDir]);
    const out = JSON.parse(ran.stdout) as {
      executed: { wakeupId: string; status: string }[];
      clock: { offsetMs: number };
    };
    expect(out.executed).toEqual([expect.objectContaining({ wakeupId: wakeup_id, status: 'executed' })]);
    expect(out.clock.offsetMs).toBeGreaterThanOrEqual(150 * 60_000);
  });

  it('refuses a duration it cannot read, with a usage exit code', async () => {
    const r = await cliOnce(['clock', 'advance', 'soon', '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"soon" is not a duration: use e.g. 90s, 15m, 2h, 1d, 1w or 1h30m');
  });
});
