/**
 * A burst of 10,000 events through the real studio, the way the UI fires it
 * (`events.burst.start` over the contract), to a loopback receiver: how fast it completes
 * (fired and every delivery received) and how often progress reaches the UI. Baseline,
 * same run and same studio setup: the same number of events given straight to the
 * dispatcher in a loop — the dispatcher's own rate. Also the longest event-loop stall,
 * which is what a user would feel as an unresponsive UI in the desktop app.
 *
 *   npx tsx bench/burst-delivered.ts [N]
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createStudio } from '../src/core/index';
import { createStudioClient } from '../src/shared/rpc-client';

const N = Number(process.argv[2] ?? 10_000);

async function receiver() {
  let count = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count++;
      res.end('ok');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    count: () => count,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

async function until(fn: () => boolean): Promise<void> {
  while (!fn()) await new Promise((r) => setTimeout(r, 5));
}

async function run(mode: 'burst' | 'direct') {
  const dir = mkdtempSync(join(tmpdir(), 'bench-burst-real-'));
  const studio = await createStudio({ dataDir: dir, port: 0, writeRuntimeFile: false });
  const rx = await receiver();
  const s = studio.status();
  const res = await fetch(`${s.apiBaseUrl}/api/v1/webhooks/agent.memory_added`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${s.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ webhook_url: rx.url }),
  });
  if (res.status !== 200) throw new Error(`register: ${res.status}`);
  const client = createStudioClient(studio.connectInMemory());
  const lag = monitorEventLoopDelay({ resolution: 5 });
  const updates: number[] = [];
  client.on('burst.progress', () => updates.push(performance.now()));
  lag.enable();
  const t0 = performance.now();
  if (mode === 'burst') {
    await client.call('events.burst.start', { eventType: 'agent.memory_added', count: N });
  } else {
    const body = (i: number) =>
      JSON.stringify({ event_id: `e${i}`, event_type: 'agent.memory_added', project_id: s.projectId, data: { i } });
    for (let i = 0; i < N; i++) {
      await client.call('events.fireRaw', { eventType: 'agent.memory_added', body: body(i) });
    }
  }
  await until(() => rx.count() >= N);
  const seconds = (performance.now() - t0) / 1000;
  lag.disable();
  const gaps = updates.slice(1).map((t, i) => t - updates[i]);
  await studio.close();
  await rx.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    rate: N / seconds,
    seconds,
    // Over the burst's own time (start → its last progress report); deliveries may finish later.
    updatesPerS: updates.length / (((updates.at(-1) ?? t0) - t0) / 1000 || 1),
    firedSeconds: ((updates.at(-1) ?? t0) - t0) / 1000,
    longestGap: gaps.length ? Math.max(...gaps) : NaN,
    maxLagMs: lag.max / 1e6,
  };
}

const direct = await run('direct');
const burst = await run('burst');
console.log(`burst of ${N} agent.memory_added events through the studio to a loopback receiver (all delivered)`);
console.log(
  `  direct (events.fireRaw one by one, the dispatcher's rate): ${direct.rate.toFixed(0)} events/s (${direct.seconds.toFixed(1)} s)`,
);
console.log(
  `  burst (events.burst.start, as the UI fires it)          : ${burst.rate.toFixed(0)} events/s (${burst.seconds.toFixed(1)} s), ratio ${(burst.rate / direct.rate).toFixed(2)}`,
);
console.log(
  `  progress to the UI: ${burst.updatesPerS.toFixed(1)} updates/s over the ${burst.firedSeconds.toFixed(1)} s of firing (target ≥ 4), longest gap ${burst.longestGap.toFixed(0)} ms; max event-loop stall ${burst.maxLagMs.toFixed(0)} ms`,
);
