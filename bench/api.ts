/**
 * Mock API throughput and p99 latency vs a bare node:http server answering the same
 * JSON, measured side by side in one run: `GET /api/v1/webhooks` and a webhook upsert
 * (`PUT /api/v1/webhooks/{eventType}`). Keep-alive agent, N concurrent workers, a few
 * seconds per case. Both servers run in one worker thread (as the studio runs apart
 * from the developer's code); the load generator runs in the main thread.
 * Run: npx tsx bench/api.ts
 */
import { request, Agent } from 'node:http';
import { cpus } from 'node:os';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const WORKERS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = 3;
const WARM_UP = 200;

interface Result {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
}

function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) {
  return new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function load(
  port: number,
  method: string,
  path: (i: number) => string,
  headers: Record<string, string>,
  body?: (i: number) => string,
  /** Work the run is not over without (the mock: its request log stored), timed with it. */
  settle?: () => Promise<void>,
): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });
  const lat: number[] = [];
  // Warm-up.
  for (let i = 0; i < WARM_UP; i++) await send(agent, port, method, path(i), headers, body?.(i));
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  let bad = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const i = n++;
      const status = await send(agent, port, method, path(i), headers, body?.(i));
      lat.push(performance.now() - t);
      if (status >= 300) bad++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: WORKERS }, worker));
  await settle?.();
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  if (bad) throw new Error(`${bad} non-2xx answers`);
  lat.sort((a, b) => a - b);
  return {
    requests: lat.length,
    rps: lat.length / secs,
    p50: lat[Math.floor(lat.length * 0.5)],
    p99: lat[Math.floor(lat.length * 0.99)],
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  // Worker threads do not inherit tsx's loader: register it inside the worker first.
  const entry = new URL('./lib/api-servers.ts', import.meta.url).href;
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`,
    { eval: true },
  );
  const ready = await new Promise<{
    mockPort: number;
    barePort: number;
    plainPort: number;
    apiKey: string;
    upsertBody: string;
  }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const ask = <T>(what: string) =>
    new Promise<T>((resolve) => {
      worker.once('message', (m: T) => resolve(m));
      worker.postMessage(what);
    });
  const elu = () => ask<{ elu: EventLoopUtilization }>('elu').then((m) => m.elu);
  /** A run against the mock, with how busy the servers' thread was meanwhile (1 = never idle). */
  const logged = () => ask<{ logged: number }>('drain').then((m) => m.logged);
  const mockRun = async (c: (typeof cases)[number]) => {
    const loggedBefore = await logged();
    const before = await elu();
    // The run ends when every answered request is also in the request log (stored by its
    // writer thread): the log's work counts against the mock, not after its window.
    const r = await load(s.port, c.method, c.path, auth, c.body, () => logged().then(() => undefined));
    const after = await elu();
    // Every request of the run (and of its warm-up) must be in the log: none may go unlogged.
    const stored = (await logged()) - loggedBefore;
    if (stored !== r.requests + WARM_UP) {
      throw new Error(`the request log stored ${stored} of ${r.requests + WARM_UP} requests`);
    }
    return { ...r, elu: performance.eventLoopUtilization(after, before).utilization };
  };
  const auth = { authorization: `Bearer ${ready.apiKey}`, 'content-type': 'application/json' };
  const upsertBody = ready.upsertBody;
  const s = { port: ready.mockPort };
  const barePort = ready.barePort;

  const cases = [
    { name: 'GET /api/v1/webhooks', method: 'GET', path: () => '/api/v1/webhooks', body: undefined, key: 'get' },
    {
      name: 'PUT /api/v1/webhooks/{eventType} (upsert)',
      key: 'put',
      method: 'PUT',
      path: (i: number) => `/api/v1/webhooks/bench.${i % 50}`,
      body: () => upsertBody,
    },
    {
      // Every body different: nothing for the request log to store once per batch.
      name: 'PUT /api/v1/webhooks/{eventType} (upsert, every body different)',
      key: 'put-varied',
      method: 'PUT',
      path: (i: number) => `/api/v1/webhooks/bench.${i % 50}`,
      body: (i: number) => upsertBody.replace('/hook', `/hook/${i}`),
    },
  ];
  console.log(
    `${cpus().length} CPUs; workers=${WORKERS}, ${SECONDS}s per run, ${ROUNDS} rounds alternating mock/bare/plain fastify; medians of rounds`,
  );
  // BENCH_CASE=get|put|put-varied runs one case only (for profiling).
  const only = process.env.BENCH_CASE;
  // BENCH_MOCK_ONLY=1 loads the mock alone (for profiling its thread; no ratio).
  const mockOnly = process.env.BENCH_MOCK_ONLY === '1';
  for (const c of cases.filter((x) => !only || x.key === only)) {
    const mock: (Result & { elu: number })[] = [];
    const base: Result[] = [];
    const plain: Result[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      mock.push(await mockRun(c));
      if (mockOnly) continue;
      base.push(await load(barePort, c.method, c.path, auth, c.body));
      plain.push(await load(ready.plainPort, c.method, c.path, auth, c.body));
    }
    if (mockOnly) {
      console.log(`\n${c.name}: mock ${median(mock.map((x) => x.rps)).toFixed(0)} req/s (mock only)`);
      continue;
    }
    const f = {
      rps: median(plain.map((x) => x.rps)),
      p99: median(plain.map((x) => x.p99)),
      p50: median(plain.map((x) => x.p50)),
    };
    const m = {
      rps: median(mock.map((x) => x.rps)),
      p99: median(mock.map((x) => x.p99)),
      p50: median(mock.map((x) => x.p50)),
    };
    const b = {
      rps: median(base.map((x) => x.rps)),
      p99: median(base.map((x) => x.p99)),
      p50: median(base.map((x) => x.p50)),
    };
    console.log(`\n${c.name}`);
    console.log(
      `  mock  ${m.rps.toFixed(0).padStart(7)} req/s   p50 ${m.p50.toFixed(2)} ms   p99 ${m.p99.toFixed(2)} ms   server thread busy ${(median(mock.map((x) => x.elu)) * 100).toFixed(0)}%`,
    );
    console.log(
      `  bare  ${b.rps.toFixed(0).padStart(7)} req/s   p50 ${b.p50.toFixed(2)} ms   p99 ${b.p99.toFixed(2)} ms`,
    );
    console.log(
      `  plain fastify (reference) ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${f.p50.toFixed(2)} ms   p99 ${f.p99.toFixed(2)} ms`,
    );
    console.log(
      `  ratio mock/bare throughput ${(m.rps / b.rps).toFixed(2)} (target ≥ 0.50); plain fastify/bare ${(f.rps / b.rps).toFixed(2)}`,
    );
  }
  worker.postMessage('stop');
  await new Promise((r) => worker.once('exit', r));
}

await main();
