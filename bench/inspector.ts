/**
 * The inspector's store: disk per attempt, and page queries at scale (issue 17, point 3).
 *
 * The mix: events of about 500 bytes (Sonzai envelopes: ids, timestamp, a dozen words of text),
 * each delivered to one of four URLs; 80 % answered 2xx, the rest 5xx, 404, 302 or no answer;
 * 10 % of deliveries retried once (same body). Stored the way the studio stores them: events and
 * deliveries through the dispatcher's repo, attempts as `attemptRow` builds them (real ids,
 * request and response headers, signatures; request headers that are exactly the sender's set
 * for the URL, body and signature are stored as '' and rebuilt on read, migration 015; response
 * headers as lines, common names coded), then the body index filled as its background indexer does.
 *
 * Disk: studio.db bytes per 100,000 attempts (after a WAL checkpoint), and in the same run
 *  - before: the same mix stored as the studio stored it before migration 014 (every attempt its
 *    own copy of the body and its request and response headers' JSON, a positional trigram
 *    index, four more indexes);
 *  - the floor: the distinct bodies' own bytes, nothing else.
 * Queries: each filter of the deliveries view, newest page and a random cursor page, median and
 * p95 (target < 50 ms), beside the unfiltered newest page.
 * A search behind a backlog: the last 70 % of the attempts (at most 70,000, about what a
 * 100,000-event burst leaves the background indexer) taken out of the body index, then caught up
 * once as every search did before (one synchronous catch-up) and once as a search does now
 * (`caughtUp()`, in slices): time to answer and the longest event-loop stall of each. The bodies
 * behind that backlog are packed here; in the studio they would not be yet (the packer waits for
 * the index), so both figures include an inflate per body that a real backlog does not pay.
 *
 *   npx tsx bench/inspector.ts            (BENCH_N=1000000 for the million-attempt check;
 *                                          BEFORE=0 skips the before store, KEEP=1 keeps it,
 *                                          SCHEMA_FLOOR=1 prints how far schema changes could go)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { attemptRow } from '../src/core/dispatch/attempt-record';
import { createAttemptsRepo } from '../src/core/dispatch/attempts-repo';
import { secretIdsSql } from '../src/core/dispatch/secret-ids-stored';
import { signatureHeaderSql } from '../src/core/dispatch/signature-stored';
import { readAsBefore } from '../test/helpers/schema-before';
import { createDeliveriesRepo } from '../src/core/dispatch/deliveries-repo';
import { createEventBodyPacker } from '../src/core/dispatch/event-body-packer';
import { createBodyIndex } from '../src/core/inspector/body-index';
import { listAttempts } from '../src/core/inspector/query';
import { sign } from '../src/core/signing/signature';
import { migrate } from '../src/core/store/migrate';
import { MIGRATIONS } from '../src/core/store/migrations';
import { openStore, type Db } from '../src/core/store/open';
import type { AttemptFilter } from '../src/shared/contract/inspector';

const N = Number(process.env.BENCH_N ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'bench-inspector-'));

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
const PROJECT = '6a1c400b-f08d-4cf1-b6db-50d33b93a129';
const WEBHOOK = '6945a769-544b-42c9-8874-ce8665112c59';
const SECRET = { id: 'de16e353-63f4-4482-acf6-6eb6d1680e7c', key: 'whsec_bench_secret_bytes' };
const START = Date.parse('2026-01-01T00:00:00Z');

let seed = 42;
/** mulberry32: a seeded generator, so every run (and both stores) hold the same mix. */
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
/** Time-ordered, as the studio's ids are (src/core/ids.ts). */
const idAt = (ms: number) => {
  const t = ms.toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8)}-7${hex(3)}-8${hex(3)}-${hex(12)}`;
};

interface Delivery {
  /** The event's id as the studio makes it since issue 17: time-ordered (src/core/ids.ts). */
  eventId: string;
  /** The same event's id as the studio made it before: a random v4 UUID (the "before" store's). */
  legacyEventId: string;
  type: string;
  url: string;
  body: Buffer;
  at: number;
  /** Response codes of its attempts (a second one is the retry). */
  codes: number[];
}

/** The mix, one delivery at a time; about 1.1 attempts each. */
function* mix(attempts: number): Generator<Delivery> {
  seed = 42;
  for (let i = 0, made = 0; made < attempts; i++) {
    const at = START + i * 1000;
    const type = pick(TYPES);
    const legacyEventId = uuid();
    // Time-ordered, its random part the v4 id's (the seeded sequence stays the same for both stores).
    const t = at.toString(16).padStart(12, '0');
    const eventId = `${t.slice(0, 8)}-${t.slice(8)}-7${legacyEventId.slice(15, 18)}-${legacyEventId.slice(19, 23)}-${legacyEventId.slice(24)}`;
    const body = Buffer.from(
      JSON.stringify({
        event_id: eventId,
        event_type: type,
        project_id: PROJECT,
        agent_id: `agt_${hex(12)}`,
        user_id: `user_${Math.floor(rnd() * 50)}`,
        timestamp: new Date(at).toISOString(),
        data: {
          message_id: uuid(),
          text: Array.from({ length: 14 }, () => pick(WORDS)).join(' ') + ` #${i}`,
          mood: { valence: Math.round(rnd() * 100) / 100, arousal: Math.round(rnd() * 100) / 100 },
          tags: [pick(WORDS), pick(WORDS), pick(WORDS)],
          conversation_id: uuid(),
        },
      }),
    );
    const r = rnd();
    const code = r < 0.8 ? 200 : r < 0.88 ? 500 : r < 0.93 ? 404 : r < 0.97 ? 0 : 302;
    const codes = [code];
    if (rnd() < 0.1 && made + 1 < attempts) codes.push(rnd() < 0.7 ? 200 : 500);
    made += codes.length;
    yield { eventId, legacyEventId, type, url: pick(URLS), body, at, codes };
  }
}

/** The attempt rows the dispatcher would store for a delivery (its bodies stored once or not). */
function attemptsOf(d: Delivery, deliveryId: string, bodyFromEvent: boolean) {
  return d.codes.map((code, n) => {
    const at = d.at + n * 500; // stored in time order, as the studio stores them
    const signedAt = Math.floor(at / 1000);
    const signature = sign(d.body, [SECRET.key], signedAt);
    const u = new URL(d.url);
    const responseHeaders = code
      ? {
          'content-type': 'text/plain',
          date: new Date(at).toUTCString(),
          connection: 'keep-alive',
          'keep-alive': 'timeout=5',
          'content-length': code === 200 ? '2' : '21',
        }
      : null;
    const requestHeaders = {
      'Content-Type': 'application/json',
      'Sonzai-Signature': signature,
      'Content-Length': String(d.body.length),
      Host: u.host,
      Connection: 'keep-alive',
    };
    const row = attemptRow({
      attemptId: idAt(at),
      deliveryId,
      eventId: d.eventId,
      webhookId: WEBHOOK,
      projectId: PROJECT,
      eventType: d.type,
      webhookUrl: d.url,
      attemptNumber: n + 1,
      kind: n === 0 ? 'delivery' : 'retry',
      body: d.body,
      bodyFromEvent,
      signature,
      signedAt,
      secretIds: [SECRET.id],
      injected: [],
      result: {
        status: code,
        headers: responseHeaders,
        body: code === 200 ? 'ok' : code ? `handler said ${code} no` : null,
        truncated: false,
        durationMs: Math.floor(rnd() * 400),
        requestHeaders,
        error: code === 0 ? { kind: 'refused', message: `connect ECONNREFUSED ${u.host}` } : null,
        location: code === 302 ? 'http://localhost:3000/login' : null,
      },
      createdAt: new Date(at).toISOString(),
    });
    // Before issue 17 every attempt stored its request and response headers' JSON.
    if (!bodyFromEvent) {
      row.request_headers_json = JSON.stringify(requestHeaders);
      row.response_headers_json = responseHeaders && JSON.stringify(responseHeaders);
    }
    return row;
  });
}

/** Stores the mix; `before` stores it as the studio did before migration 014. */
function store(db: Db, before: boolean): { attempts: number; bodyBytes: number } {
  const deliveries = createDeliveriesRepo(db);
  const attempts = createAttemptsRepo(db);
  let count = 0;
  let bodyBytes = 0;
  let batch: Delivery[] = [];
  // The studio before migrations 020, 022 and 023 kept signature headers and signer lists as text,
  // named each delivery's last attempt and stamped its last change: the repo of today stores the
  // first two as bytes and the last two not at all.
  const asBefore = before
    ? {
        attempt: db.prepare(
          `UPDATE attempts SET signature_header = ${signatureHeaderSql('attempts')}, secret_ids_json = ${secretIdsSql('attempts')} WHERE seq = ?`,
        ),
        insertDelivery: db.prepare<Parameters<typeof deliveries.insertDelivery>[0]>(
          `INSERT INTO deliveries (delivery_id, event_id, webhook_id, project_id, event_type, webhook_url, status,
             attempt_count, next_attempt_at, injection_json, created_at, updated_at)
           VALUES (@delivery_id, @event_id, @webhook_id, @project_id, @event_type, @webhook_url, @status, 0,
             @next_attempt_at, @injection_json, @created_at, @created_at)`,
        ),
        delivery: db.prepare('UPDATE deliveries SET last_attempt_id = ?, updated_at = ? WHERE delivery_id = ?'),
      }
    : null;
  const flush = db.transaction((ds: Delivery[]) => {
    for (const mixed of ds) {
      const d = before ? { ...mixed, eventId: mixed.legacyEventId } : mixed;
      const deliveryId = idAt(d.at);
      const iso = new Date(d.at).toISOString();
      deliveries.insertEvent({
        event_id: d.eventId,
        project_id: PROJECT,
        agent_id: null,
        user_id: null,
        event_type: d.type,
        body: d.body,
        source: 'fire',
        created_at: iso,
      });
      const delivery = {
        delivery_id: deliveryId,
        event_id: d.eventId,
        webhook_id: WEBHOOK,
        project_id: PROJECT,
        event_type: d.type,
        webhook_url: d.url,
        status: 'in_flight' as const,
        next_attempt_at: iso,
        injection_json: null,
        created_at: iso,
      };
      if (asBefore) asBefore.insertDelivery.run(delivery);
      else deliveries.insertDelivery(delivery);
      const rows = attemptsOf(d, deliveryId, !before);
      for (const row of rows) {
        const seq = attempts.insert(row);
        asBefore?.attempt.run(seq);
      }
      const ok = d.codes.at(-1)! >= 200 && d.codes.at(-1)! < 300;
      deliveries.saveOutcome({
        delivery_id: deliveryId,
        status: ok ? 'succeeded' : 'exhausted',
        attempt_count: rows.length,
        next_attempt_at: null,
      });
      asBefore?.delivery.run(rows.at(-1)!.attempt_id, iso, deliveryId);
      count += rows.length;
      bodyBytes += d.body.length;
    }
  });
  // The studio indexes bodies, then packs them, while it is quiet (migration 018): here, after
  // each batch.
  const index = before ? null : createBodyIndex(db);
  const packer = before ? null : createEventBodyPacker(db, { now: () => new Date(START) });
  const quiet = () => {
    index?.catchUp();
    packer?.catchUp();
  };
  for (const d of mix(N)) {
    batch.push(d);
    if (batch.length === 1000) {
      flush(batch);
      quiet();
      batch = [];
    }
  }
  flush(batch);
  quiet();
  if (before) {
    // The index as migration 008/013 kept it: trigrams with their positions, over every copy.
    db.exec(`INSERT INTO attempts_fts(rowid, request_body, response_body)
      SELECT seq, CAST(request_body AS TEXT), response_body FROM attempts`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { attempts: count, bodyBytes };
}

const mib = (bytes: number) => bytes / 1048576;
const per100k = (bytes: number, attempts: number) => (mib(bytes) * 100_000) / attempts;

/** Bytes by table and index (dbstat), largest first. */
function breakdown(db: Db | Database.Database): string {
  const rows = db
    .prepare(
      "SELECT name, sum(pgsize) AS size FROM dbstat WHERE name NOT LIKE 'sqlite_%' GROUP BY name ORDER BY size DESC",
    )
    .all() as { name: string; size: number }[];
  return rows
    .filter((r) => r.size > 256 * 1024)
    .map((r) => `${r.name} ${mib(r.size).toFixed(1)}`)
    .join(', ');
}

const t0 = performance.now();
const nowPath = join(dir, 'now.db');
const db = openStore(nowPath);
const now = store(db, false);
const seedS = (performance.now() - t0) / 1000;
const nowBytes = statSync(nowPath).size;

let beforeLine = '';
if (process.env.BEFORE !== '0') {
  const beforePath = join(dir, 'before.db');
  const old = new Database(beforePath);
  old.pragma('journal_mode = WAL');
  migrate(
    old,
    MIGRATIONS.filter((m) => m.id < 14),
  );
  // Today's readers and writers on schema 13: the body function and column of migration 018 are
  // lent while it is stored, then taken back.
  const b = readAsBefore(old, () => store(old as unknown as Db, true));
  const bytes = statSync(beforePath).size;
  beforeLine =
    `  before (schema 13, same mix)  : ${per100k(bytes, b.attempts).toFixed(1)} MiB per 100,000 attempts` +
    ` → now ${(nowBytes / bytes).toFixed(2)}× of it\n    ${breakdown(old)}\n`;
  old.close();
}
console.log(
  `stored ${now.attempts.toLocaleString('en')} attempts (${N >= 1e6 ? 'million check' : 'mix of issue 17'}) in ${seedS.toFixed(1)} s; ` +
    `bodies ${Math.round(now.bodyBytes / (now.attempts / 1.1))} bytes on average`,
);
console.log(
  `disk  now                     : ${per100k(nowBytes, now.attempts).toFixed(1)} MiB per 100,000 attempts (target ≤ 45)\n` +
    `    ${breakdown(db)}\n` +
    beforeLine +
    `  floor (distinct bodies only) : ${per100k(now.bodyBytes, now.attempts).toFixed(1)} MiB per 100,000 attempts` +
    ` → now ${(nowBytes / now.bodyBytes).toFixed(2)}× of it\n` +
    kept(db, now.attempts, nowBytes),
);

/**
 * What the issue's own terms keep whatever the schema: every body's bytes (here as stored, deflated
 * against the store's dictionary) and the search index over them; what is left of the target per
 * attempt is all the rest may take (the event's, the delivery's and the attempt's rows, every
 * filter's index, the ids).
 */
function kept(db: Db, attempts: number, fileBytes: number): string {
  const bodies = db.prepare('SELECT sum(length(body)) FROM events').pluck().get() as number;
  const index = db.prepare("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'attempts_fts%'").pluck().get() as number;
  const target = (45 * 1048576 * attempts) / 100_000;
  return (
    `  kept by the issue's terms    : bodies as stored ${per100k(bodies, attempts).toFixed(1)} + body search index ` +
    `${per100k(index, attempts).toFixed(1)} = ${per100k(bodies + index, attempts).toFixed(1)} MiB per 100,000 attempts; ` +
    `the target leaves ${((target - bodies - index) / attempts).toFixed(0)} bytes per attempt for everything else ` +
    `(now ${((fileBytes - bodies - index) / attempts).toFixed(0)})`
  );
}

if (process.env.SCHEMA_FLOOR === '1') schemaFloor(db, now.attempts);

/**
 * SCHEMA_FLOOR=1: how far schema changes could take this store, each measured on a copy
 * rewritten in SQL, cumulatively, then VACUUMed. Stand-ins, not the studio's code: ids as their
 * 16 bytes (unhex), times as integer ms, a column's default as '', an event type, URL or status
 * as a small number (its length), the attempt's copies of its delivery's project, webhook and
 * event emptied. What none of them can touch is the bodies and their search index (`kept`).
 */
function schemaFloor(db: Db, attempts: number): void {
  const path = join(dir, 'floor.db');
  db.exec(`INSERT INTO attempts_fts(attempts_fts) VALUES('optimize'); VACUUM INTO '${path}'`);
  const copy = new Database(path);
  const size = () => per100k(statSync(path).size, attempts).toFixed(1);
  const u = (c: string) => `${c} = unhex(replace(${c}, '-', ''))`;
  const ms = (c: string) => `${c} = CAST(unixepoch(${c}, 'subsec') * 1000 AS INTEGER)`;
  const steps: [string, string][] = [
    [
      '16-byte ids',
      `UPDATE attempts SET ${['attempt_id', 'delivery_id', 'event_id', 'webhook_id', 'project_id'].map(u).join(', ')};
       UPDATE deliveries SET ${['delivery_id', 'event_id', 'webhook_id'].map(u).join(', ')};
       UPDATE events SET ${['event_id', 'project_id'].map(u).join(', ')};`,
    ],
    [
      'integer times',
      `UPDATE attempts SET ${ms('created_at')}; UPDATE deliveries SET ${ms('created_at')}; UPDATE events SET ${ms('created_at')};`,
    ],
    [
      'no defaults stored',
      `UPDATE attempts SET platform = '', kind = CASE kind WHEN 'delivery' THEN '' ELSE kind END;
       UPDATE deliveries SET platform = ''; UPDATE events SET platform = '', source = '';`,
    ],
    [
      'type and URL as codes',
      `UPDATE attempts SET event_type = length(event_type), webhook_url = length(webhook_url);
       UPDATE deliveries SET event_type = length(event_type), webhook_url = length(webhook_url);
       UPDATE events SET event_type = length(event_type);`,
    ],
    ['status as a code', `UPDATE attempts SET status = length(status); UPDATE deliveries SET status = length(status);`],
    ["no copies of the delivery's ids", `UPDATE attempts SET project_id = '', webhook_id = NULL, event_id = NULL;`],
  ];
  const out = [`as stored, VACUUMed ${size()}`];
  for (const [name, sql] of steps) {
    copy.exec(sql);
    copy.exec('VACUUM');
    out.push(`${name} ${size()}`);
  }
  copy.close();
  rmSync(path);
  console.log(`  schema floor (SCHEMA_FLOOR=1, cumulative, MiB per 100,000): ${out.join(' → ')}`);
}

function measure(filter: AttemptFilter, paged: boolean): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cursor = paged ? Math.floor(rnd() * now.attempts) + 1 : null;
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
  ['text "#4242"', { text: '#4242 ' }],
  ['text "rain piano"', { text: 'rain piano' }],
  ['text "travel dream coffee"', { text: 'travel dream coffee' }],
  ['type+failed+5xx', { eventType: 'agent.message', status: 'failed', codeClass: '5xx' }],
];
console.log(`\npage queries: ${RUNS} runs each, page of 100, ms`);
console.log(`${'query'.padEnd(30)} ${'median'.padStart(7)} ${'p95'.padStart(7)}`);
console.log(`${'unfiltered (baseline)'.padEnd(30)} ${fmt(q(baseline, 50))} ${fmt(q(baseline, 95))}`);
const all: number[] = [];
for (const [name, f] of filters) {
  for (const paged of [false, true]) {
    const times = measure(f, paged);
    all.push(...times);
    console.log(`${(name + (paged ? ' +cursor' : '')).padEnd(30)} ${fmt(q(times, 50))} ${fmt(q(times, 95))}`);
  }
}
all.sort((a, b) => a - b);
console.log(
  `\nfiltered pages, all filters: median ${q(all, 50).toFixed(2)} ms, p95 ${q(all, 95).toFixed(2)} ms (target < 50 ms)` +
    ` vs unfiltered median ${q(baseline, 50).toFixed(2)} ms: ratio ${(q(all, 50) / q(baseline, 50)).toFixed(1)}×`,
);

// A body search right after a large burst, the background indexer far behind.
const backlog = Math.min(70_000, Math.floor(now.attempts * 0.7));
const newestSeq = db.prepare('SELECT max(seq) FROM attempts').pluck().get() as number;
const behind = () =>
  db.exec(
    `DELETE FROM attempts_fts WHERE rowid > ${newestSeq - backlog};
     UPDATE attempts_fts_progress SET last_seq = ${newestSeq - backlog}`,
  );
const stalls = monitorEventLoopDelay({ resolution: 1 });
behind();
let t = performance.now();
createBodyIndex(db).catchUp();
const syncMs = performance.now() - t;
behind();
stalls.enable();
t = performance.now();
await createBodyIndex(db).caughtUp();
const slicedMs = performance.now() - t;
stalls.disable();
const hits = listAttempts(db, { filter: { text: 'kyoto' }, limit: 100 }).attempts.length;
console.log(
  `\na body search ${backlog.toLocaleString('en')} attempts behind the index (then ${hits} hits on the first page):`,
);
console.log(
  `  before (one synchronous catch-up) : answered after ${syncMs.toFixed(0)} ms, the event loop stalled all of it`,
);
console.log(
  `  now (caughtUp, in slices)         : answered after ${slicedMs.toFixed(0)} ms, longest event-loop stall ${(stalls.max / 1e6).toFixed(0)} ms`,
);
db.close();
if (process.env.KEEP) console.log(`kept ${nowPath}`);
else rmSync(dir, { recursive: true, force: true });
