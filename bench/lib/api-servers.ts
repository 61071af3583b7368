/** The two servers of bench/api.ts, run in a worker thread: the studio's mock API and a bare node:http server. */
import { createServer } from 'node:http';
import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { createStudio } from '../../src/core/index';

const dataDir = mkdtempSync(join(tmpdir(), 'bench-api-'));
const studio = await createStudio({ dataDir, port: 0, writeRuntimeFile: false });
const s = studio.status();
const auth = { authorization: `Bearer ${s.apiKey}`, 'content-type': 'application/json' };
const upsertBody = JSON.stringify({ webhook_url: 'http://127.0.0.1:3000/hook', auth_header: 'Bearer x' });
// A realistic list: the six documented event types registered.
for (const t of [
  'agent.message',
  'agent.mood_change',
  'agent.memory_added',
  'agent.breakthrough',
  'agent.wakeup',
  'agent.consolidation',
]) {
  await fetch(`${s.apiBaseUrl}/api/v1/webhooks/${t}`, { method: 'PUT', headers: auth, body: upsertBody });
}
const listJson = await (await fetch(`${s.apiBaseUrl}/api/v1/webhooks`, { headers: auth })).text();

// The baseline: the same JSON from a bare node:http server (it parses the upsert body too).
const bare = createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(listJson);
    return;
  }
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    JSON.parse(raw);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"success":true}');
  });
});
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));

// A third reference: plain fastify (no schemas, hooks or store) answering the same JSON.
const plain = Fastify({ logger: false });
plain.get('/api/v1/webhooks', async (_req, reply) => reply.type('application/json; charset=utf-8').send(listJson));
plain.put('/api/v1/webhooks/:eventType', async () => ({ success: true }));
await plain.listen({ host: '127.0.0.1', port: 0 });

parentPort!.postMessage({
  mockPort: s.port,
  barePort: (bare.address() as AddressInfo).port,
  plainPort: (plain.server.address() as AddressInfo).port,
  apiKey: s.apiKey,
  upsertBody,
});
// The bench asks for this thread's event-loop utilisation around each run ('elu'), for the
// request log to be stored ('drain', answered with how many it holds), then 'stop'.
parentPort!.on('message', async (m: string) => {
  if (m === 'elu') {
    parentPort!.postMessage({ elu: performance.eventLoopUtilization() });
    return;
  }
  if (m === 'drain') {
    // A read of the request log answers only once everything captured before it is stored;
    // the newest request's number tells how many the log has stored in all.
    const reply = (await studio.dispatch({ id: 1, method: 'requestLog.list', params: { limit: 1 } })) as {
      result?: { requests: { seq: number }[] };
    };
    parentPort!.postMessage({ logged: reply.result?.requests[0]?.seq ?? 0 });
    return;
  }
  bare.close();
  await plain.close();
  await studio.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
