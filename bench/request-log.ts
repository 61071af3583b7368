/**
 * The API request log's writer and reader, on one thread, with baselines measured in the
 * same run:
 * - storing: µs per request for a batch row (what the log does) vs one INSERT per
 *   request of the same redacted record into a plain table (the per-row design it replaced);
 * - a filtered list over a full log (10,000 requests) that matches little: read through
 *   the batch index vs with every batch decoded (a log without indexes).
 * Run: npx tsx bench/request-log.ts
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { RecordEncoder, type CapturedRequest } from '../src/core/api/request-log-frame';
import { IndexBuilder } from '../src/core/api/request-log-index';
import { LOG_MAX_ROWS, openLogStore, type LogStore } from '../src/core/api/request-log-store';
import { fmt, median } from './lib/stats';

const BATCH = 128;
const ROUNDS = 5;
const dir = mkdtempSync(join(tmpdir(), 'bench-log-'));

/** A varied stream: answers of a few sizes, a different request body every time. */
function request(i: number, bodyBytes: number): CapturedRequest {
  return {
    method: i % 3 ? 'GET' : 'PUT',
    url: `/api/v1/webhooks/agent.e${i % 7}?page_size=${i % 50}`,
    operationId: i % 3 ? 'listWebhooksForTenant' : 'upsertWebhookForTenant',
    status: i % 10 ? 200 : 422,
    durationMs: 0.25 + (i % 13) / 10,
    projectId: 'proj_1',
    keyId: 'key_1',
    rawHeaders: ['Host', '127.0.0.1:5555', 'Authorization', 'Bearer sk_test_abcdefghijklmnop', 'Accept', '*/*'],
    requestBody: i % 3 ? null : `{"webhook_url":"http://127.0.0.1:3000/hook/${i}","auth_header":"Bearer x${i}"}`,
    responseBody: `{"n":${i},"pad":"${'x'.repeat(bodyBytes)}"}`,
    lint: [],
    idempotentReplay: false,
    at: 1_795_000_000_000 + i,
  };
}

function encodeBatch(from: number, bodyBytes: number, indexed = true) {
  const encoder = new RecordEncoder();
  const index = new IndexBuilder();
  const records: string[] = [];
  for (let i = 0; i < BATCH; i++) {
    const e = request(from + i, bodyBytes);
    index.add(e);
    records.push(encoder.encode(e, i));
  }
  return { records, bytes: Buffer.from(records.join('')), index: indexed ? index.build() : undefined };
}

function storing(bodyBytes: number) {
  const batches = Array.from({ length: 40 }, (_, b) => encodeBatch(b * BATCH, bodyBytes));
  const perBatch: number[] = [];
  const perRow: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const store = openLogStore(join(dir, `batch-${bodyBytes}-${r}.db`));
    let t = performance.now();
    for (const b of batches) store.append(b.bytes, BATCH, false, b.index);
    perBatch.push(((performance.now() - t) * 1000) / (batches.length * BATCH));
    store.close();
    // Baseline: the same records, one row each (as the log was stored before batch rows).
    const db = new Database(join(dir, `rows-${bodyBytes}-${r}.db`));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE api_requests (seq INTEGER PRIMARY KEY AUTOINCREMENT, record TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO api_requests (record) VALUES (?)');
    const tx = db.transaction((records: string[]) => {
      for (const rec of records) insert.run(rec);
    });
    t = performance.now();
    for (const b of batches) tx(b.records);
    perRow.push(((performance.now() - t) * 1000) / (batches.length * BATCH));
    db.close();
  }
  return { perBatch: median(perBatch), perRow: median(perRow) };
}

function fill(store: LogStore, bodyBytes: number, indexed: boolean) {
  for (let n = 0; n < LOG_MAX_ROWS; n += BATCH) {
    const b = encodeBatch(n, bodyBytes, indexed);
    store.append(b.bytes, BATCH, false, b.index);
  }
}

function listing(bodyBytes: number) {
  const indexed = openLogStore(join(dir, `indexed-${bodyBytes}.db`));
  const plain = openLogStore(join(dir, `plain-${bodyBytes}.db`));
  fill(indexed, bodyBytes, true);
  fill(plain, bodyBytes, false);
  const time = (s: LogStore, f: Parameters<LogStore['list']>[0]) => {
    const ms: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      s.list(f);
      ms.push(performance.now() - t);
    }
    return median(ms);
  };
  const rows = [
    ['newest 200, no filter', { limit: 200 }],
    ['status 500 (matches nothing)', { status: 500, limit: 200 }],
    ['only flagged by lint (none)', { lintOnly: true, limit: 200 }],
    ['method DELETE (none)', { method: 'DELETE', limit: 200 }],
  ] as const;
  for (const [name, f] of rows) {
    const a = time(indexed, f);
    const b = time(plain, f);
    console.log(
      `  ${name.padEnd(30)} indexed ${fmt(a, 2).padStart(8)} ms   every batch decoded ${fmt(b, 2).padStart(8)} ms   ratio ${fmt(b / a, 1)}×`,
    );
  }
  indexed.close();
  plain.close();
}

console.log(`Storing (µs per request, batches of ${BATCH}, medians of ${ROUNDS}):`);
for (const size of [200, 2000]) {
  const s = storing(size);
  console.log(
    `  answers of ~${size} B: batch row ${fmt(s.perBatch, 2)} µs   one row per request (baseline) ${fmt(s.perRow, 2)} µs   ratio ${fmt(s.perRow / s.perBatch, 1)}×`,
  );
}
for (const size of [2000, 16 * 1024]) {
  console.log(
    `\nA filtered list over a full log (${LOG_MAX_ROWS} requests, answers of ~${size} B), medians of ${ROUNDS}:`,
  );
  listing(size);
}
rmSync(dir, { recursive: true, force: true });
