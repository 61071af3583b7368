import { expect } from 'vitest';
import { cliOnce, runCli, type Running } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

/**
 * A headless studio with something in every area: webhooks into its own inbox and to a port
 * nobody listens on, a few delivered and failing events, a wakeup.
 */
export async function seededStudio(): Promise<{ server: Running; ui: string; base: string; dataDir: string }> {
  const dataDir = tempDir('seeded-');
  const server = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
  const [, base] = await server.waitFor(/^SONZAI_BASE_URL=(\S+)$/m);
  const [, key] = await server.waitFor(/^SONZAI_API_KEY=(\S+)$/m);
  const [, ui] = await server.waitFor(/^WEBHOOK_STUDIO_UI=(\S+)$/m);
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  for (const [type, url] of [
    // A long URL, as real apps have: it must wrap or elide, never run off the screen.
    ['agent.message', `${base}/inbox/dev/hooks/sonzai/agent-message/handlers/v2/with-a-long-path-for-layout-tests`],
    ['agent.mood_change', `${base}/inbox/dev`],
    ['agent.memory_added', 'http://127.0.0.1:9/unreachable'],
  ]) {
    const r = await fetch(`${base}/api/v1/webhooks/${type}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ webhook_url: url }),
    });
    expect(r.status).toBe(200);
  }
  for (const type of ['agent.message', 'agent.mood_change', 'agent.memory_added']) {
    const r = await cliOnce(['trigger', type, '--user', 'user-42', '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
  }
  const status = JSON.parse((await cliOnce(['status', '--json', '--data-dir', dataDir])).stdout) as {
    agentId: string;
  };
  await fetch(`${base}/api/v1/agents/${status.agentId}/wakeups`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      user_id: 'user-42',
      check_type: 'interest_check',
      intent: 'ask about the recital',
      delay_hours: 5,
    }),
  });
  return { server, ui, base, dataDir };
}
