/**
 * Does the studio keep answering while a burst is delivered? A `webhook-studio serve` with one
 * loopback receiver fires `trigger agent.message --count N` (the user's path), while a probe
 * asks the studio's `GET /_studio/health` on one keep-alive socket every 2 ms, from the burst's
 * start until every delivery has arrived. Printed: the probe's answer time, median, p99 and
 * the longest, and how many answers took over 20 ms.
 *
 * Baseline, same run: the same probe for the same length of time against the same studio,
 * idle, just before its burst (what the probe costs by itself on this machine).
 * Before/after in the same run: BASE_CLI=<another build's out/cli/index.mjs> alternates that
 * build's rounds with this one's.
 *
 *   npm run build && npx tsx bench/burst-responsiveness.ts [N]     (ROUNDS=3 by default)
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serveWithWebhook } from './lib/serve';
import { median, percentile } from './lib/stats';

const N = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const CLI = process.env.STUDIO_CLI ?? 'out/cli/index.mjs';
const BASE_CLI = process.env.BASE_CLI;
const PROBE_EVERY_MS = 2;
const SLOW_MS = 20;

/** A receiver that counts requests; `expect(n)` resolves when n more have come. */
async function receiver() {
  let count = 0;
  let target = Infinity;
  let reached: (() => void) | null = null;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.end('ok');
      if (++count >= target) reached?.();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    expect(n: number): Promise<void> {
      target = count + n;
      return new Promise((r) => (reached = r));
    },
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/** Probes `url` until `until` settles; the answer times in ms. */
async function probe(url: string, until: Promise<unknown>): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let done = false;
  void until.then(() => (done = true));
  while (!done) {
    const t = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) =>
      http
        .get(url, { agent }, (r) => {
          r.resume();
          r.on('end', resolve);
        })
        .on('error', reject),
    );
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
  }
  agent.destroy();
  return times;
}

interface Round {
  idle: number[];
  burst: number[];
  seconds: number;
}

async function round(rx: Awaited<ReturnType<typeof receiver>>, cli: string): Promise<Round> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-responsive-'));
  const { serve, base } = await serveWithWebhook(cli, dir, rx.url);
  await new Promise((r) => setTimeout(r, 1000)); // past start-up's own work

  const health = `${base}/_studio/health`;
  const started = Date.now();
  const delivered = rx.expect(N);
  const trigger = spawn(process.execPath, [cli, 'trigger', 'agent.message', '--count', String(N), '--data-dir', dir], {
    stdio: 'ignore',
  });
  const burst = await probe(health, delivered);
  const seconds = (Date.now() - started) / 1000;
  await new Promise((r) => (trigger.exitCode === null ? trigger.once('exit', r) : r(null)));
  // The baseline: the same probe, as long, once the studio is idle again (its body index and
  // packer done: nothing left to do after a few quiet seconds).
  await new Promise((r) => setTimeout(r, 8000));
  const idle = await probe(health, new Promise((r) => setTimeout(r, seconds * 1000)));
  serve.kill('SIGTERM');
  await new Promise((r) => serve.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  return { idle, burst, seconds };
}

const summary = (t: number[]) =>
  `median ${median(t).toFixed(1)} ms, p99 ${percentile(t, 99).toFixed(1)}, longest ${Math.max(...t).toFixed(1)}, ` +
  `${t.filter((x) => x > SLOW_MS).length} of ${t.length} over ${SLOW_MS} ms`;

const rx = await receiver();
const builds = BASE_CLI ? [CLI, BASE_CLI] : [CLI];
const results = new Map<string, Round[]>(builds.map((b) => [b, []]));
for (let i = 0; i < ROUNDS; i++) for (const b of builds) results.get(b)!.push(await round(rx, b));
await rx.close();

console.log(
  `GET /_studio/health every ${PROBE_EVERY_MS} ms on one keep-alive socket while trigger --count ${N} is delivered (${ROUNDS} rounds)`,
);
for (const b of builds) {
  const rs = results.get(b)!;
  console.log(`${b === CLI ? 'this build' : `base build (${b})`}:`);
  console.log(`  during the burst : ${summary(rs.flatMap((r) => r.burst))}`);
  console.log(`  idle (baseline)  : ${summary(rs.flatMap((r) => r.idle))}`);
  for (const r of rs)
    console.log(
      `    round: burst ${r.seconds.toFixed(1)} s, p99 ${percentile(r.burst, 99).toFixed(1)} ms, longest ${Math.max(...r.burst).toFixed(1)} ms`,
    );
}
