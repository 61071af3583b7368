/**
 * Inspector page queries with 100,000 attempts stored.
 * Our figure: a filtered page (each filter of the deliveries view) p95, target < 50 ms.
 * Baseline, same run: the unfiltered newest page.
 * Run: npx tsx bench/inspector.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBodyIndex } from '../src/core/inspector/body-index';
import { listAttempts } from '../src/core/inspector/query';
import { openStore } from '../src/core/store/open';
import type { AttemptFilter } from '../src/shared/contract/inspector';

const N = 100_000;
const RUNS = 200;
const dir = mkdtempSync(join(tmpdir(), 'bench-inspector-'));
const db = openStore(join(dir, 'studio.db'));

const TYPES = [
  'agent.message',
  'agent.mood_change',
  'agent.memory_added',
  'agent.breakthrough',
  'agent.wakeup',
  'agent.consolidation',
];
const URLS = [
  'http://localhost:3000/webhooks',
  'http://localhost:8080/sonzai',
  'http://127.0.0.1:5000/hook',
  'https://example.test/wh',
];
const WORDS = ['hello', 'kyoto', 'sunrise', 'memory', 'breakthrough', 'coffee', 'rain', 'piano', 'travel', 'dream'];
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];

const t0 = performance.now();
const insert =
  db.prepare(`INSERT INTO attempts (attempt_id, delivery_id, project_id, event_type, webhook_url, attempt_number,
  status, response_code, duration_ms, error_message, request_headers_json, request_body, response_body, signature_header,
  signed_at, kind, created_at) VALUES (?, ?, 'proj', ?, ?, 1, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?)`);
const start = Date.parse('2026-01-01T00:00:00Z');
db.transaction(() => {
  for (let i = 0; i < N; i++) {
    const r = rnd();
    const code = r < 0.8 ? 200 : r < 0.88 ? 500 : r < 0.93 ? 404 : r < 0.97 ? 0 : 302;
    const type = pick(TYPES);
    const text = Array.from({ length: 12 }, () => pick(WORDS)).join(' ') + ` #${i}`;
    const body = JSON.stringify({ event_type: type, event_id: `evt_${i}`, agent_id: 'ag_1', data: { text, n: i } });
    insert.run(
      `att_${i}`,
      `dlv_${i}`,
      type,
      pick(URLS),
      code >= 200 && code < 300 ? 'success' : 'failed',
      code,
      Math.floor(rnd() * 400),
      code === 0 ? 'ECONNREFUSED' : null,
      Buffer.from(body),
      code === 0 ? null : 'ok',
      `t=${Math.floor(start / 1000) + i},v1=${'0'.repeat(64)}`,
      Math.floor(start / 1000) + i,
      rnd() < 0.1 ? 'retry' : 'delivery',
      new Date(start + i * 1000).toISOString(),
    );
  }
})();
// The body index is filled after storing (as the studio's background indexer does).
createBodyIndex(db).catchUp();
const seedMs = performance.now() - t0;

function measure(filter: AttemptFilter, paged: boolean): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cursor = paged ? Math.floor(rnd() * N) + 1 : null;
    const s = performance.now();
    listAttempts(db, { filter, cursor, limit: 100 });
    times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b);
}
const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const fmt = (x: number) => x.toFixed(2).padStart(7);

const baseline = measure({}, false);
const filters: [string, AttemptFilter][] = [
  ['status=failed', { status: 'failed' }],
  ['event type', { eventType: 'agent.wakeup' }],
  ['code 5xx', { codeClass: '5xx' }],
  ['no response', { codeClass: 'none' }],
  ['webhook URL', { webhookUrl: 'http://127.0.0.1:5000/hook' }],
  ['time range (6 h)', { since: '2026-01-01T12:00:00Z', until: '2026-01-01T18:00:00Z' }],
  ['text "kyoto"', { text: 'kyoto' }],
  ['text "#4242"', { text: '#4242' }],
  ['type+failed+5xx', { eventType: 'agent.message', status: 'failed', codeClass: '5xx' }],
];
console.log(`seeded ${N} attempts in ${(seedMs / 1000).toFixed(1)} s; ${RUNS} runs each, page of 100, ms`);
console.log(`${'query'.padEnd(22)} ${'median'.padStart(7)} ${'p95'.padStart(7)}`);
console.log(`${'unfiltered (baseline)'.padEnd(22)} ${fmt(q(baseline, 50))} ${fmt(q(baseline, 95))}`);
const all: number[] = [];
for (const [name, f] of filters) {
  for (const paged of [false, true]) {
    const times = measure(f, paged);
    all.push(...times);
    console.log(`${(name + (paged ? ' +cursor' : '')).padEnd(22)} ${fmt(q(times, 50))} ${fmt(q(times, 95))}`);
  }
}
all.sort((a, b) => a - b);
console.log(
  `\nfiltered pages, all filters: median ${q(all, 50).toFixed(2)} ms, p95 ${q(all, 95).toFixed(2)} ms (target < 50 ms)` +
    ` vs unfiltered median ${q(baseline, 50).toFixed(2)} ms: ratio ${(q(all, 50) / q(baseline, 50)).toFixed(1)}×`,
);
db.close();
rmSync(dir, { recursive: true, force: true });
