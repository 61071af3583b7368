/**
 * Signed deliveries per second (fire: event + delivery stored; sign + POST + attempt
 * stored) for N events to one loopback receiver, in-process, side by side with the floor: a
 * bare keep-alive node:http POST loop that signs each request the Sonzai way (same
 * concurrency, same receiver, same run). A fetch loop is a second line. The user's path (the
 * CLI's burst against a running studio) is `bench/trigger-burst.ts`.
 * Also: SQLite rows written per second and peak RSS. Run: npx tsx bench/dispatch.ts [N]
 */
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openStore } from '../src/core/store/open';
import { createEventBus } from '../src/core/live/bus';
import { createSettingsRepo } from '../src/core/store/settings-repo';
import { createProjectsRepo } from '../src/core/store/projects-repo';
import { systemClock, systemRandom } from '../src/core/deps';
import { createDeliverySettings } from '../src/core/dispatch/settings';
import { createInjectionRepo } from '../src/core/dispatch/injection';
import { createDispatcher } from '../src/core/dispatch/dispatcher';
import { createTargets } from '../src/core/dispatch/targets';

const N = Number(process.argv[2] ?? 20_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
/** Events per fire transaction (BURST=1: one `fire` per event). */
const BURST = Number(process.env.BURST ?? 100);

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function startReceiver() {
  let count = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count++;
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
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

function body(i: number): string {
  return JSON.stringify({
    event_id: `evt_${i}`,
    event_type: 'agent.message',
    created_at: new Date().toISOString(),
    project_id: 'p',
    agent_id: 'a',
    user_id: 'u',
    data: { message: 'Good morning! Did you sleep well?', n: i },
  });
}

/** CPU time (user + system) in ms since `from`. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

const LOOP_KEY = Buffer.from('bench-secret-key-bytes', 'utf8');

/** The floor: a bare keep-alive node:http POST loop, each request signed as Sonzai signs it. */
async function bareLoop(url: string): Promise<{ rate: number; cpuUs: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const worker = async () => {
    while (next < N) {
      const b = Buffer.from(body(next++));
      const t = Math.floor(Date.now() / 1000);
      const v1 = createHmac('sha256', LOOP_KEY).update(`${t}.`).update(b).digest('hex');
      await new Promise<void>((resolve, reject) => {
        const req = http.request(url, {
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': String(b.length),
            'Sonzai-Signature': `t=${t},v1=${v1}`,
          },
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end(b);
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const s = (performance.now() - start) / 1000;
  const cpu = cpuMs(cpu0);
  agent.destroy();
  return { rate: N / s, cpuUs: (cpu * 1000) / N };
}

/**
 * A second line: a bare keep-alive POST loop with fetch (undici), same concurrency.
 * fetch is slow here, so it runs over at most FETCH_N requests to keep the run short.
 */
const FETCH_N = Math.min(N, 5_000);
async function fetchLoop(url: string): Promise<{ rate: number; cpuUs: number }> {
  const N = FETCH_N;
  let next = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const worker = async () => {
    while (next < N) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: body(next++),
      });
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const s = (performance.now() - start) / 1000;
  return { rate: N / s, cpuUs: (cpuMs(cpu0) * 1000) / N };
}

async function dispatcherRun(url: string): Promise<{
  rate: number;
  writesPerS: number;
  attempts: number;
  fireRate: number;
  cpuUs: number;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-dispatch-'));
  const db = openStore(join(dir, 'studio.db'));
  const bus = createEventBus();
  const projects = createProjectsRepo(db, systemClock, systemRandom);
  const { project } = projects.ensureDefaults();
  const settings = createDeliverySettings(createSettingsRepo(db), bus);
  settings.set({ globalConcurrency: CONCURRENCY, perEndpointConcurrency: CONCURRENCY });
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO webhooks (webhook_id, project_id, event_type, webhook_url, is_active, created_at, updated_at) VALUES ('w', ?, 'agent.message', ?, 1, ?, ?)`,
  ).run(project.project_id, url, now, now);
  db.prepare(
    `INSERT INTO webhook_secrets (secret_id, webhook_id, project_id, event_type, secret, created_at) VALUES ('s', 'w', ?, 'agent.message', 'whsec_benchsecret', ?)`,
  ).run(project.project_id, now);
  const d = createDispatcher({
    db,
    clock: systemClock,
    random: systemRandom,
    bus,
    targets: createTargets(db),
    injections: createInjectionRepo(db, () => new Date().toISOString()),
    settings: settings.get,
  });
  // Fire N events while the dispatcher runs, as a burst does: fireMany stores a slice of
  // BURST events (events + deliveries) in one transaction before returning; sending
  // overlaps firing.
  d.start();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let fireMs = 0;
  for (let i = 0; i < N; i += BURST) {
    const f0 = performance.now();
    const slice = [];
    for (let j = i; j < Math.min(N, i + BURST); j++)
      slice.push({ projectId: project.project_id, eventType: 'agent.message', body: body(j), eventId: `evt_${j}` });
    if (BURST === 1) d.fire(slice[0]!);
    else d.fireMany(slice);
    fireMs += performance.now() - f0;
    await new Promise((r) => setImmediate(r));
  }
  await d.idle();
  const s = (performance.now() - start) / 1000;
  const cpu = cpuMs(cpu0);
  const attempts = (db.prepare(`SELECT COUNT(*) AS n FROM attempts WHERE status = 'success'`).get() as { n: number }).n;
  // Rows written: event + delivery at fire, then attempt + delivery update per try.
  const rows = N * 2 + d.stats().writes;
  await d.close();
  settings.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { rate: N / s, writesPerS: rows / s, attempts, fireRate: N / (fireMs / 1000), cpuUs: (cpu * 1000) / N };
}

const rx = await startReceiver();
const bare: number[] = [];
const ours: number[] = [];
const writes: number[] = [];
const fires: number[] = [];
const fetchRates: number[] = [];
const fetchCpu: number[] = [];
const bareCpu: number[] = [];
const ourCpu: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const f0 = await fetchLoop(rx.url);
  fetchRates.push(f0.rate);
  fetchCpu.push(f0.cpuUs);
  const b0 = await bareLoop(rx.url);
  bare.push(b0.rate);
  bareCpu.push(b0.cpuUs);
  const o = await dispatcherRun(rx.url);
  if (o.attempts !== N) throw new Error(`expected ${N} successful attempts, got ${o.attempts}`);
  ours.push(o.rate);
  writes.push(o.writesPerS);
  fires.push(o.fireRate);
  ourCpu.push(o.cpuUs);
}
await rx.close();
clearInterval(rssTimer);
const b = median(bare);
const fb = median(fetchRates);
const o = median(ours);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(
  `dispatch benchmark: ${N} events, concurrency ${CONCURRENCY}, ${BURST} events per fire transaction, ${ROUNDS} rounds (medians)`,
);
console.log(`  signed keep-alive node:http POST loop (floor): ${b.toFixed(0)} req/s`);
console.log(`  keep-alive fetch (undici) POST loop          : ${fb.toFixed(0)} req/s (over ${FETCH_N} requests)`);
console.log(`  signed deliveries (fired, signed, POSTed, attempt stored): ${o.toFixed(0)} deliveries/s`);
console.log(`  ratio vs the signed node:http loop : ${pct(o / b)} (target >= 60%)`);
console.log(`  ratio vs the fetch loop            : ${pct(o / fb)}`);
console.log(`  fire alone (its own time): ${median(fires).toFixed(0)} events/s`);
console.log(
  `  CPU per request/delivery: signed node:http ${median(bareCpu).toFixed(0)} µs, fetch ${median(fetchCpu).toFixed(0)} µs, ours ${median(ourCpu).toFixed(0)} µs (loopback receiver in-process, included in all)`,
);
console.log(`  SQLite rows written     : ${median(writes).toFixed(0)} rows/s`);
console.log(`  peak RSS                : ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
