/**
 * Signed deliveries per second (fire: event + delivery stored; sign + POST + attempt
 * stored) for N events to one loopback receiver, side by side with a bare keep-alive
 * POST loop (node:http, same concurrency) to the same receiver, in the same run.
 * Also: SQLite rows written per second and peak RSS. Run: npx tsx bench/dispatch.ts [N]
 */
import http from 'node:http';
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
const CONCURRENCY = 16;
const ROUNDS = Number(process.env.ROUNDS ?? 3);

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

async function bareLoop(url: string): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < N) {
      const b = Buffer.from(body(next++));
      await new Promise<void>((resolve, reject) => {
        const req = http.request(url, {
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'application/json', 'Content-Length': String(b.length) },
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
  agent.destroy();
  return N / s;
}

async function dispatcherRun(
  url: string,
): Promise<{ rate: number; writesPerS: number; attempts: number; fireRate: number }> {
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
  // Phase 1: fire N events (each stored durably, one transaction per fire, before it returns).
  const fireStart = performance.now();
  for (let i = 0; i < N; i++) {
    d.fire({ projectId: project.project_id, eventType: 'agent.message', body: body(i), eventId: `evt_${i}` });
  }
  const fireS = (performance.now() - fireStart) / 1000;
  // Phase 2: deliver them all: sign + POST + attempt stored.
  const start = performance.now();
  d.start();
  await d.idle();
  const s = (performance.now() - start) / 1000;
  const attempts = (db.prepare(`SELECT COUNT(*) AS n FROM attempts WHERE status = 'success'`).get() as { n: number }).n;
  // Rows written: event + delivery at fire, then attempt + delivery update per try.
  const rows = N * 2 + d.stats().writes;
  await d.close();
  settings.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { rate: N / s, writesPerS: rows / (s + fireS), attempts, fireRate: N / fireS };
}

const rx = await startReceiver();
const bare: number[] = [];
const ours: number[] = [];
const writes: number[] = [];
const fires: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  bare.push(await bareLoop(rx.url));
  const o = await dispatcherRun(rx.url);
  if (o.attempts !== N) throw new Error(`expected ${N} successful attempts, got ${o.attempts}`);
  ours.push(o.rate);
  writes.push(o.writesPerS);
  fires.push(o.fireRate);
}
await rx.close();
clearInterval(rssTimer);
const b = median(bare);
const o = median(ours);
console.log(`dispatch benchmark: ${N} events, concurrency ${CONCURRENCY}, ${ROUNDS} rounds (medians)`);
console.log(`  bare keep-alive POST loop : ${b.toFixed(0)} req/s`);
console.log(`  signed deliveries (stored): ${o.toFixed(0)} deliveries/s`);
console.log(`  ratio                     : ${((o / b) * 100).toFixed(1)}% (target >= 60%)`);
console.log(`  fire (event+delivery tx)  : ${median(fires).toFixed(0)} events/s`);
console.log(`  SQLite rows written       : ${median(writes).toFixed(0)} rows/s`);
console.log(`  peak RSS                  : ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
