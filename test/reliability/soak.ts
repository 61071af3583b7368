// The soak: a real studio (the built CLI's `serve`), the real UI open in Chromium, and a steady
// mix of events fired at healthy, flaky, slow and hanging receivers for SOAK_MINUTES (default 10).
// It prints its figures and exits 1 if the studio's memory or sockets grew after warm-up, if an
// acknowledged event is missing or a healthy delivery was not made, or if the database is not intact.
//
//   npm run soak                 # 10 minutes
//   SOAK_MINUTES=2 npm run soak  # what CI runs
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { connectStudio } from '../../src/cli/connect';
import { launchBrowser } from '../helpers/browser';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
if (!(minutes > 0)) throw new Error(`SOAK_MINUTES must be a positive number, got ${process.env.SOAK_MINUTES}`);
const durationMs = minutes * 60_000;
// Memory climbs while V8's heap and SQLite's caches find their size (about 5 minutes here, then
// flat): "after warm-up" is the second half of the run.
const warmupMs = Math.max(30_000, durationMs / 2);
const RATE_PER_S = 20;

interface Receiver {
  url: string;
  answered: number;
  close(): void;
}

/** A loopback receiver: `behave` answers (or never does). */
async function receiver(behave: (res: http.ServerResponse, n: number) => void): Promise<Receiver> {
  let n = 0;
  const r = { url: '', answered: 0, close: () => undefined as void };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.on('finish', () => r.answered++);
      behave(res, n++);
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  r.close = () => {
    server.closeAllConnections();
    server.close();
  };
  return r;
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function sockets(pid: number): number {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      /* closed meanwhile */
    }
  }
  return n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'studio-soak-'));
  const studio = spawn(
    process.execPath,
    [resolve('out/cli/index.mjs'), 'serve', '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  studio.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const t0 = Date.now();
  while (!/^WEBHOOK_STUDIO_UI=(\S+)$/m.test(out)) {
    if (studio.exitCode !== null || Date.now() - t0 > 20_000) throw new Error(`the studio did not start: ${out}`);
    await sleep(50);
  }
  const base = /^SONZAI_BASE_URL=(\S+)$/m.exec(out)![1];
  const key = /^SONZAI_API_KEY=(\S+)$/m.exec(out)![1];
  const ui = /^WEBHOOK_STUDIO_UI=(\S+)$/m.exec(out)![1];
  const pid = studio.pid!;

  const receivers = {
    healthy: await receiver((res) => res.end('ok')),
    flaky: await receiver((res, n) => {
      if (n % 3 === 0) {
        res.statusCode = 503;
        res.end('try later');
      } else setTimeout(() => res.end('ok'), n % 50);
    }),
    slow: await receiver((res) => setTimeout(() => res.end('ok'), 400)),
    hanging: await receiver(() => {
      /* never answers */
    }),
  };
  const types = {
    'agent.message': receivers.healthy,
    'agent.mood_change': receivers.flaky,
    'agent.wakeup': receivers.slow,
    'agent.memory_added': receivers.hanging,
  } as const;
  for (const [type, r] of Object.entries(types)) {
    const res = await fetch(`${base}/api/v1/webhooks/${type}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ webhook_url: r.url }),
    });
    if (!res.ok) throw new Error(`registering ${type}: ${res.status} ${await res.text()}`);
  }

  const conn = await connectStudio(dataDir);
  await conn.client.call('delivery.settings.set', { patch: { timeoutMs: 2000, schedule: 'fast', maxAttempts: 4 } });

  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(ui);
  await page
    .getByRole('button', { name: /Deliveries/ })
    .first()
    .click();

  // Half healthy, a quarter flaky, the rest slow or hanging.
  const mix: (keyof typeof types)[] = [
    'agent.message',
    'agent.mood_change',
    'agent.message',
    'agent.wakeup',
    'agent.message',
    'agent.mood_change',
    'agent.message',
    'agent.memory_added',
  ];
  const acked = new Map<string, string>();
  let refused = 0;
  const samples: { atS: number; rss: number; sockets: number }[] = [];
  const sample = () =>
    samples.push({ atS: Math.round((Date.now() - t0) / 1000), rss: rssMiB(pid), sockets: sockets(pid) });
  sample();
  const started = Date.now();
  let next = started;
  let i = 0;
  let lastSample = started;
  console.log(
    `soak: ${minutes} min at ${RATE_PER_S} events/s, warm-up ${Math.round(warmupMs / 1000)} s, studio pid ${pid}`,
  );
  while (Date.now() - started < durationMs) {
    const type = mix[i++ % mix.length];
    try {
      const r = await conn.client.call('events.fire', { eventType: type });
      acked.set(r.eventId, type);
    } catch {
      refused++;
    }
    next += 1000 / RATE_PER_S;
    await sleep(Math.max(0, next - Date.now()));
    if (Date.now() - lastSample >= 10_000) {
      lastSample = Date.now();
      sample();
      const s = samples[samples.length - 1];
      console.log(`  ${s.atS} s: ${acked.size} events, RSS ${s.rss.toFixed(0)} MiB, ${s.sockets} sockets`);
    }
  }
  await sleep(5000); // the last healthy deliveries land
  sample();
  const counts = await conn.client.call('deliveries.counts', {});
  conn.close();
  await browser.close();
  studio.kill('SIGTERM');
  const code = await new Promise<number | null>((r) => studio.on('exit', r));
  for (const r of Object.values(receivers)) r.close();

  const db = new Database(join(dataDir, 'studio.db'), { readonly: true });
  const integrity = db.pragma('integrity_check', { simple: true });
  const byEvent = db.prepare('SELECT status FROM deliveries WHERE event_id = ?');
  const missing: string[] = [];
  const statuses: Record<string, Record<string, number>> = {};
  for (const [eventId, type] of acked) {
    const rows = byEvent.all(eventId) as { status: string }[];
    if (rows.length !== 1) missing.push(eventId);
    for (const { status } of rows) {
      statuses[type] ??= {};
      statuses[type][status] = (statuses[type][status] ?? 0) + 1;
    }
  }
  const attempts = (db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number }).n;
  db.close();

  const warm = samples.find((s) => s.atS * 1000 >= warmupMs) ?? samples[0];
  const end = samples[samples.length - 1];
  const rssFlat = end.rss <= warm.rss * 1.2 + 16;
  const socketsFlat = end.sockets <= warm.sockets + 16;
  const healthy = statuses['agent.message'] ?? {};
  const healthyAll = (healthy.succeeded ?? 0) === Object.values(healthy).reduce((a, b) => a + b, 0);
  console.log('\nsoak figures');
  console.log(
    `  duration            ${minutes} min (${Math.round((end.atS * 1000 - (started - t0)) / 1000)} s of firing and draining)`,
  );
  console.log(`  events              ${acked.size} acknowledged, ${refused} refused`);
  console.log(`  deliveries          ${JSON.stringify(counts)}`);
  console.log(`  by receiver         ${JSON.stringify(statuses)}`);
  console.log(
    `  attempts            ${attempts} (receivers answered: ${Object.entries(receivers)
      .map(([k, r]) => `${k} ${r.answered}`)
      .join(', ')})`,
  );
  console.log(
    `  RSS (MiB)           start ${samples[0].rss.toFixed(0)}, after warm-up ${warm.rss.toFixed(0)}, end ${end.rss.toFixed(0)}${rssFlat ? '' : '  ← grew'}`,
  );
  console.log(
    `  open sockets        start ${samples[0].sockets}, after warm-up ${warm.sockets}, end ${end.sockets}${socketsFlat ? '' : '  ← grew'}`,
  );
  console.log(`  integrity_check     ${integrity}`);
  console.log(`  studio exit code    ${code}`);
  const failures = [
    !rssFlat && 'RSS grew after warm-up',
    !socketsFlat && 'open sockets grew after warm-up',
    missing.length > 0 && `${missing.length} acknowledged events without their delivery`,
    !healthyAll && 'a healthy delivery was not made',
    integrity !== 'ok' && 'integrity_check failed',
    code !== 0 && `the studio exited ${code}`,
    refused > 0 && `${refused} fires refused`,
  ].filter(Boolean);
  if (failures.length) {
    console.log(`\nsoak FAILED: ${failures.join('; ')}`);
    process.exit(1);
  }
  console.log('\nsoak passed');
}

main().catch((err: Error) => {
  console.error(`soak: ${err.stack ?? err.message}`);
  process.exit(1);
});
