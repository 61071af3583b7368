/**
 * Round-trip latency through relay + studio to a local receiver, against a direct POST to
 * the same receiver, in the same run: p50 and p99 over 2,000 requests each (interleaved,
 * after a warm-up). Target: p50 overhead ≤ 1 ms.   npx tsx bench/tunnel.ts
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createStudio } from '../src/core/index';
import { createRelayServer } from '../src/relay/relay-server';
import { createStudioClient } from '../src/shared/rpc-client';

const N = Number(process.env.BENCH_N ?? 2000);
const WARMUP = 200;
const body = Buffer.from(JSON.stringify({ event_type: 'agent.message', data: { text: 'x'.repeat(400) } }));

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function post(url: string): Promise<number> {
  const u = new URL(url);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function main() {
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const local = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const dataDir = mkdtempSync(join(tmpdir(), 'bench-tunnel-'));
  const studio = await createStudio({ dataDir, port: 0, writeRuntimeFile: false });
  const client = createStudioClient(studio.connectInMemory());
  const relay = createRelayServer({ token: 'bench-token-0123456789', port: 0 });
  const info = await relay.listen();
  await client.call('inboxes.configure', { name: 'dev', forwardTo: local });
  const s = await client.call('relay.connect', { url: info.url, channel: 'bench', token: 'bench-token-0123456789' });
  if (s.state !== 'connected') throw new Error(`relay not connected: ${s.lastError}`);

  const routes = {
    direct: local,
    inbox: `http://127.0.0.1:${studio.status().port}/inbox/dev/hook`,
    relay: `${s.channelUrl}/hook`,
  };
  const samples: Record<keyof typeof routes, number[]> = { direct: [], inbox: [], relay: [] };
  for (let i = 0; i < WARMUP; i++) for (const url of Object.values(routes)) await post(url);
  for (let i = 0; i < N; i++) {
    for (const [name, url] of Object.entries(routes) as [keyof typeof routes, string][]) {
      samples[name].push(await post(url));
    }
  }
  const row = (name: keyof typeof routes) => {
    const p50 = pct(samples[name], 50);
    const p99 = pct(samples[name], 99);
    return { name, p50, p99 };
  };
  const d = row('direct');
  console.log(`tunnel round trip, ${N} requests each, ${body.length}-byte JSON body, keep-alive, sequential`);
  for (const r of [d, row('inbox'), row('relay')]) {
    console.log(
      `${r.name.padEnd(7)} p50 ${r.p50.toFixed(3)} ms  p99 ${r.p99.toFixed(3)} ms` +
        (r.name === 'direct'
          ? '  (baseline: POST straight to the receiver)'
          : `  overhead p50 +${(r.p50 - d.p50).toFixed(3)} ms (×${(r.p50 / d.p50).toFixed(2)}), p99 +${(r.p99 - d.p99).toFixed(3)} ms`),
    );
  }
  const over = row('relay').p50 - d.p50;
  console.log(`target: relay p50 overhead ≤ 1 ms → ${over <= 1 ? 'met' : 'NOT met'} (${over.toFixed(3)} ms)`);

  await client.call('relay.disconnect');
  await relay.close();
  await studio.close();
  receiver.close();
  agent.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
