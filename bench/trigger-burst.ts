/**
 * Burst delivery the way a user fires it: `webhook-studio trigger agent.message --count N`
 * against a running `webhook-studio serve`, to one loopback receiver, timed from the CLI's
 * spawn to the receiver's N-th request (sample generation, storing, live progress, signing,
 * POST, attempt stored: the whole path).
 *
 * Baseline, same run, same receiver: a bare keep-alive `node:http` POST loop in its own process,
 * at the studio's concurrency to one app (8 sockets), signing every request the way Sonzai does
 * (`Sonzai-Signature: t=…,v1=HMAC-SHA256(key, "t." + body)`) over the very body the studio sent.
 * Rounds alternate; medians are printed with the ratio, CPU per delivery and peak RSS.
 *
 * Peak RSS is each burst's own (the kernel's peak is reset before it, `clear_refs`), read at its
 * last delivery, and again once the studio is idle (what it does after a burst: the body index,
 * packing the bodies).
 *
 * Each round times two bursts: the first on a studio just started, which also pays for V8
 * compiling the whole delivery path (about 400 functions), and a second on the same studio once
 * it is idle again, as a studio kept open all day fires it. The loop likewise times its first N
 * requests and then N more.
 *
 *   npm run build && npx tsx bench/trigger-burst.ts [N]     (ROUNDS=3 by default)
 *
 * Before/after in the same run: BASE_CLI=<another build's out/cli/index.mjs> adds that build's
 * rounds, alternating with this one's and the loop's, and prints both with their ratio.
 * STUDIO_PROF=<folder> writes the studio's CPU profile there (`--cpu-prof`).
 * SERVE_FLAGS="<node flags>" starts this build's studio with them (V8's heap flags, say), the base
 * build's without: with BASE_CLI set to the same build, the rounds measure what the flags trade.
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serveWithWebhook } from './lib/serve';
import { median } from './lib/stats';

const N = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const CONCURRENCY = 8; // the studio's per-app limit (perEndpointConcurrency)
/** STUDIO_CLI=<another build's out/cli/index.mjs> measures that build (before/after). */
const CLI = process.env.STUDIO_CLI ?? 'out/cli/index.mjs';
/** How long a round waits for the studio to be idle after a burst (it is reported as busy beyond). */
const IDLE_WAIT_MS = 60_000;
/** BASE_CLI=<another build's out/cli/index.mjs> is measured in the same rounds, for before/after. */
const BASE_CLI = process.env.BASE_CLI;
const TICKS = 100; // USER_HZ on Linux

interface Round {
  perSecond: number;
  cpuUsPerDelivery: number;
  /** The process's peak RSS from the burst's start to its last delivery. */
  peakRssMb: number;
  /** …and to the end of what it does afterwards until idle (the body index, packing the bodies). */
  idleRssMb: number;
  /** CPU the studio spends after the last delivery (the body index and the body packer, off the delivery path). */
  afterUsPerDelivery: number;
}

/** The receiver both sides POST to: counts requests, keeps the first body. */
async function receiver() {
  let count = 0;
  let body: Buffer | null = null;
  let target = Infinity;
  let reached: (() => void) | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      body ??= Buffer.concat(chunks);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      if (++count >= target) reached?.();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    body: () => body,
    /** Resolves when `n` more requests have arrived. */
    expect(n: number): Promise<void> {
      target = count + n;
      return new Promise((r) => (reached = r));
    },
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function peakRssMb(pid: number): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

/**
 * Resets the process's peak RSS to its current RSS (Linux's clear_refs, 5), so a second burst's
 * peak is its own and not the first one's. Where the kernel refuses, the peak is the process's.
 */
function resetPeakRss(pid: number | 'self'): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not Linux, or not allowed: peaks are then since the process started
  }
}

/** Runs a shell command line; resolves with its children's CPU seconds (bash `times`). */
function runTimed(cmd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `${cmd} >/dev/null; code=$?; times; exit $code`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${cmd} exited ${code}`));
      // `times`: shell user/sys, then children user/sys, as 0m0.123s.
      const secs = [...out.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      resolve(secs.slice(2).reduce((a, b) => a + b, 0));
    });
  });
}

/** One burst of N through the CLI against a running serve, timed to the receiver's N-th request. */
async function burst(rx: Awaited<ReturnType<typeof receiver>>, cli: string, dir: string, pid: number): Promise<Round> {
  resetPeakRss(pid);
  const before = cpuTicks(pid);
  const all = rx.expect(N);
  const t0 = performance.now();
  const cliCpu = await runTimed(`${process.execPath} ${cli} trigger agent.message --count ${N} --data-dir ${dir}`);
  await all;
  const seconds = (performance.now() - t0) / 1000;
  const studioCpu = (cpuTicks(pid) - before) / TICKS;
  const burstRss = peakRssMb(pid);
  // What it still does once every delivery has arrived, until it is idle again.
  // Idle: three half-seconds in a row without work (the index looks every 250 ms, the body
  // packer every 500 ms and only once the index has caught up). At most IDLE_WAIT_MS: a studio
  // under the profiler (STUDIO_PROF) spends more than that threshold on sampling alone.
  let last = cpuTicks(pid);
  const settled = last;
  let work = last;
  const giveUp = performance.now() + IDLE_WAIT_MS;
  for (let quiet = 0; quiet < 3 && performance.now() < giveUp;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuTicks(pid);
    if (now - last <= 2) quiet++;
    else {
      quiet = 0;
      work = now;
    }
    last = now;
  }
  last = work;
  const afterCpu = (last - settled) / TICKS;
  return {
    perSecond: N / seconds,
    cpuUsPerDelivery: ((studioCpu + cliCpu) / N) * 1e6,
    peakRssMb: burstRss,
    idleRssMb: peakRssMb(pid),
    afterUsPerDelivery: (afterCpu / N) * 1e6,
  };
}

/**
 * A fresh serve, then two bursts: the first on a studio just started (it also pays for V8
 * compiling the delivery path), the second on the same studio once idle again (warm, as a
 * studio kept open all day fires it). Peak RSS is the process's high-water mark after each.
 */
async function studioRound(
  rx: Awaited<ReturnType<typeof receiver>>,
  cli: string,
): Promise<{ cold: Round; warm: Round }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-trigger-'));
  const prof = process.env.STUDIO_PROF; // a folder: the studio's CPU profile lands there
  const flags = cli === CLI ? (process.env.SERVE_FLAGS ?? '').split(' ').filter(Boolean) : [];
  const { serve } = await serveWithWebhook(cli, dir, rx.url, [
    ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []),
    ...flags,
  ]);

  const cold = await burst(rx, cli, dir, serve.pid!);
  const warm = await burst(rx, cli, dir, serve.pid!);
  serve.kill('SIGTERM');
  await new Promise((r) => serve.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  return { cold, warm };
}

/**
 * The floor: a bare keep-alive node:http loop, signing each request, in its own process: N
 * requests timed from its start (cold, as the studio's first burst), then N more after a
 * 200 ms pause on the same sockets (warm, as its second).
 */
const LOOP = `
const http = require('node:http');
const { createHmac } = require('node:crypto');
const [url, n, conc, bodyB64] = process.argv.slice(1);
const body = Buffer.from(bodyB64, 'base64');
const key = Buffer.from('bench-secret-key-bytes', 'utf8');
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(conc) });
const u = new URL(url);
const results = [];
function run(then) {
  let sent = 0, done = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  function one() {
    if (sent >= Number(n)) return;
    sent++;
    const t = Math.floor(Date.now() / 1000);
    const v1 = createHmac('sha256', key).update(t + '.').update(body).digest('hex');
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': body.length, 'Sonzai-Signature': 't=' + t + ',v1=' + v1 } },
      (res) => { res.resume(); res.on('end', () => { if (++done === Number(n)) finish(); else one(); }); });
    req.end(body);
  }
  function finish() {
    const s = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(cpu0);
    const hwm = Number(/VmHWM:\\s+(\\d+)/.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
    results.push({ perSecond: Number(n) / s, cpuUsPerDelivery: (c.user + c.system) / Number(n), peakRssMb: hwm, idleRssMb: hwm, afterUsPerDelivery: 0 });
    then();
  }
  for (let i = 0; i < Number(conc); i++) one();
}
// The next N requests' peak RSS is their own, as the studio's second burst's is.
const resetPeak = () => { try { require('node:fs').writeFileSync('/proc/self/clear_refs', '5'); } catch {} };
run(() => setTimeout(() => { resetPeak(); run(() => { console.log(JSON.stringify({ cold: results[0], warm: results[1] })); agent.destroy(); }); }, 200));
`;

async function loopRound(
  rx: Awaited<ReturnType<typeof receiver>>,
  body: Buffer,
): Promise<{ cold: Round; warm: Round }> {
  const child = spawn(process.execPath, ['-e', LOOP, rx.url, String(N), String(CONCURRENCY), body.toString('base64')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`the node:http loop exited ${String(code)}`);
  return JSON.parse(out) as { cold: Round; warm: Round };
}

const rx = await receiver();
type Pair = { cold: Round; warm: Round };
const studio: Pair[] = [];
const base: Pair[] = [];
const loop: Pair[] = [];
for (let i = 0; i < ROUNDS; i++) {
  if (BASE_CLI) base.push(await studioRound(rx, BASE_CLI));
  studio.push(await studioRound(rx, CLI));
  loop.push(await loopRound(rx, rx.body()!));
}
await rx.close();

const m = (rs: Round[], k: keyof Round) => median(rs.map((r) => r[k]));
const fig = (rs: Round[]) => ({
  rate: m(rs, 'perSecond'),
  cpu: m(rs, 'cpuUsPerDelivery'),
  rss: m(rs, 'peakRssMb'),
  idleRss: m(rs, 'idleRssMb'),
  after: m(rs, 'afterUsPerDelivery'),
});
console.log(
  `trigger --count ${N} to one loopback receiver (${ROUNDS} alternating rounds, medians; body ${rx.body()!.length} bytes)`,
);
for (const phase of ['cold', 'warm'] as const) {
  const s = fig(studio.map((p) => p[phase]));
  const b = fig(loop.map((p) => p[phase]));
  console.log(
    phase === 'cold'
      ? "first burst, on a studio just started (and the loop's first N requests):"
      : "second burst, on the same studio once idle (and the loop's next N requests):",
  );
  console.log(
    `  studio (CLI + serve)          : ${s.rate.toFixed(0)} deliveries/s, ${s.cpu.toFixed(0)} µs CPU per delivery, peak RSS ${s.rss.toFixed(0)} MiB`,
  );
  console.log(
    `  then, once delivered         : ${s.after.toFixed(0)} µs CPU per delivery until idle, peak RSS ${s.idleRss.toFixed(0)} MiB (the body search index, then packing the bodies)`,
  );
  console.log(
    `  signed node:http loop (floor) : ${b.rate.toFixed(0)} req/s, ${b.cpu.toFixed(0)} µs CPU per request, peak RSS ${b.rss.toFixed(0)} MiB`,
  );
  console.log(
    `  ratio ${(s.rate / b.rate).toFixed(2)} (target ≥ 0.6) · CPU ${(s.cpu / b.cpu).toFixed(1)}× (target ≤ 2×) · RSS ${s.rss.toFixed(0)} MiB (target < 120)`,
  );
  if (BASE_CLI) {
    const o = fig(base.map((p) => p[phase]));
    console.log(
      `  base build (${BASE_CLI}): ${o.rate.toFixed(0)} deliveries/s, ${o.cpu.toFixed(0)} µs CPU per delivery, peak RSS ${o.rss.toFixed(0)} MiB · ratio ${(o.rate / b.rate).toFixed(2)} · CPU ${(o.cpu / b.cpu).toFixed(1)}×`,
    );
    console.log(
      `    then, once delivered      : ${o.after.toFixed(0)} µs CPU per delivery until idle, peak RSS ${o.idleRss.toFixed(0)} MiB`,
    );
    console.log(
      `  this build vs base: ${(s.rate / o.rate).toFixed(2)}× deliveries/s, ${(s.cpu / o.cpu).toFixed(2)}× CPU per delivery, ${(s.rss / o.rss).toFixed(2)}× peak RSS`,
    );
    console.log(
      `  per round: base ${base.map((p) => `${p[phase].perSecond.toFixed(0)}/s ${p[phase].cpuUsPerDelivery.toFixed(0)} µs`).join(' / ')}`,
    );
  }
  console.log(
    `  per round: studio ${studio.map((p) => `${p[phase].perSecond.toFixed(0)}/s ${p[phase].cpuUsPerDelivery.toFixed(0)} µs`).join(' / ')}; loop ${loop.map((p) => p[phase].perSecond.toFixed(0)).join(' / ')}`,
  );
}
