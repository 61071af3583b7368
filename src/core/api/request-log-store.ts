import type { ApiRequestDetail, ApiRequestSummary, LintNote } from '../../shared/contract/api';
import type { Statement } from 'better-sqlite3';
import { openStore, type Db } from '../store/open';
import type { Migration } from '../store/migrate';
import { NO_LINT, readRecords, type LoggedRecord } from './request-log-frame';
import { methodBit, PATH_LIMIT, pathOf, statusBit, type BatchIndex } from './request-log-index';
import type { RingSegment } from './request-log-ring';

export { LOG_BODY_LIMIT } from './request-log-frame';

/** The log keeps the newest this-many requests. */
export const LOG_MAX_ROWS = 10_000;
/** A header value is shown cut to this many characters. */
const HEADER_LIMIT = 1024;

export interface LogFilter {
  method?: string;
  /** An exact status, or a class such as `4xx`. */
  status?: number | string;
  /** Text the path holds (ASCII letters in any case). */
  path?: string;
  lintOnly?: boolean;
  beforeSeq?: number;
  limit: number;
}

/**
 * The log file's own schema (it lives apart from studio.db: its writer is another thread).
 * Since 2, a row holds a batch of requests: the bytes the request thread wrote into the
 * shared ring (`request-log-frame.ts`), so the writer pays one insert per batch and
 * decodes nothing. A log written by version 1 is dropped, not converted (a debugging log
 * of at most 10,000 requests).
 */
export const LOG_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'API request log',
    up: `
      CREATE TABLE api_requests (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        request_id TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        query TEXT NOT NULL DEFAULT '',
        operation_id TEXT,
        status INTEGER NOT NULL,
        duration_ms REAL NOT NULL,
        project_id TEXT,
        key_id TEXT,
        request_headers_json TEXT NOT NULL DEFAULT '{}',
        request_body TEXT,
        request_body_truncated INTEGER NOT NULL DEFAULT 0,
        response_body TEXT,
        response_body_truncated INTEGER NOT NULL DEFAULT 0,
        lint_json TEXT NOT NULL DEFAULT '[]',
        idempotent_replay INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    id: 2,
    name: 'API request log stored by batch',
    up: `
      DROP TABLE api_requests;
      CREATE TABLE api_log_batches (
        first_seq INTEGER PRIMARY KEY,
        last_seq INTEGER NOT NULL,
        frame BLOB NOT NULL
      );
      CREATE TABLE api_log_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        request_id_prefix TEXT NOT NULL,
        cleared_seq INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO api_log_state (id, request_id_prefix)
        VALUES (1, lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-' || lower(hex(randomblob(2))) || '-' || lower(hex(randomblob(2))) || '-');
    `,
  },
  {
    id: 3,
    name: 'API request log batch index',
    // What each batch holds (request-log-index.ts), in columns before the frame, so that
    // reading them never walks the frame's pages. A batch from before says "anything".
    up: `
      CREATE TABLE api_log_batches_new (
        first_seq INTEGER PRIMARY KEY,
        last_seq INTEGER NOT NULL,
        methods INTEGER NOT NULL DEFAULT -1,
        statuses INTEGER NOT NULL DEFAULT -1,
        lint INTEGER NOT NULL DEFAULT 1,
        paths TEXT,
        frame BLOB NOT NULL
      );
      INSERT INTO api_log_batches_new (first_seq, last_seq, frame)
        SELECT first_seq, last_seq, frame FROM api_log_batches;
      DROP TABLE api_log_batches;
      ALTER TABLE api_log_batches_new RENAME TO api_log_batches;
    `,
  },
];

/** A stored request, with its place in the log. */
interface Stored extends LoggedRecord {
  seq: number;
}

/** Header lines as a record, as Node names them: lower-case, repeated ones joined with ", ". */
function headerRecord(lines: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!lines) return out;
  const raw = lines.split('\n');
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    const value = raw[i + 1].slice(0, HEADER_LIMIT);
    out[name] = Object.prototype.hasOwnProperty.call(out, name) ? `${out[name]}, ${value}` : value;
  }
  return out;
}

function parseLint(text: string): LintNote[] {
  if (text === NO_LINT) return [];
  try {
    return JSON.parse(text) as LintNote[];
  } catch {
    return []; // a damaged field shows as no notes
  }
}

function matcher(f: LogFilter): (r: Stored) => boolean {
  const method = f.method?.toUpperCase();
  const status = f.status;
  const classBase = typeof status === 'string' ? Number(status[0]) * 100 : NaN;
  const path = f.path?.toLowerCase();
  return (r) =>
    (method === undefined || r.method === method) &&
    (typeof status !== 'number' || r.status === status) &&
    (typeof status !== 'string' || (r.status >= classBase && r.status < classBase + 100)) &&
    (path === undefined || pathOf(r.url).toLowerCase().includes(path)) &&
    (!f.lintOnly || r.lint !== NO_LINT);
}

/** Trims the oldest batches after this many appends. */
const TRIM_EVERY = 64;

/**
 * The API request log's SQLite file, used by one thread (the log writer). Each append is
 * one batch of records, stored as one row; the newest `LOG_MAX_ROWS` requests are visible
 * (older batches are deleted now and then). Sequence numbers run on across `clear`.
 */
export function openLogStore(path: string, nativeBinding?: string) {
  const db: Db = openStore(path, { nativeBinding, migrations: LOG_MIGRATIONS });
  const insert = db.prepare(
    'INSERT INTO api_log_batches (first_seq, last_seq, methods, statuses, lint, paths, frame) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  /** Batches that may hold a match, newest first: one statement per combination of filters. */
  const batchQueries = new Map<string, Statement<unknown[], { first_seq: number; frame: Buffer }>>();
  function batchesFor(f: LogFilter, before: number) {
    const where = ['first_seq < ?'];
    const args: unknown[] = [before];
    if (f.method) {
      where.push('methods & ? != 0');
      args.push(methodBit(f.method));
    }
    if (f.status !== undefined) {
      where.push('statuses & ? != 0');
      args.push(statusBit(typeof f.status === 'number' ? f.status : Number(f.status[0]) * 100));
    }
    if (f.lintOnly) where.push('lint > 0');
    if (f.path) {
      where.push('(paths IS NULL OR instr(paths, ?) > 0)');
      args.push(f.path.toLowerCase());
    }
    const sql = `SELECT first_seq, frame FROM api_log_batches WHERE ${where.join(' AND ')} ORDER BY first_seq DESC`;
    let stmt = batchQueries.get(sql);
    if (!stmt) batchQueries.set(sql, (stmt = db.prepare(sql)));
    return stmt.iterate(...args);
  }
  const trim = db.prepare('DELETE FROM api_log_batches WHERE first_seq <= ? AND last_seq <= ?');
  const oldest = db.prepare<[], { first: number | null }>('SELECT MIN(first_seq) AS first FROM api_log_batches');
  const state = db.prepare('SELECT request_id_prefix AS prefix, cleared_seq AS cleared FROM api_log_state').get() as {
    prefix: string;
    cleared: number;
  };
  const newest = (db.prepare('SELECT MAX(last_seq) AS last FROM api_log_batches').get() as { last: number | null })
    .last;
  let lastSeq = Math.max(newest ?? 0, state.cleared);
  let sinceTrim = 0;
  /** Requests at or below this sequence number are no longer kept. */
  const floor = () => lastSeq - LOG_MAX_ROWS;
  /** A request's id: unique to this log file, shaped like a UUID. */
  const requestId = (seq: number) => `${state.prefix}${seq.toString(16).padStart(12, '0')}`;

  const toSummary = (r: Stored): ApiRequestSummary => {
    const q = r.url.indexOf('?');
    return {
      seq: r.seq,
      requestId: requestId(r.seq),
      method: r.method,
      path: pathOf(r.url),
      query: q < 0 ? '' : r.url.slice(q + 1, q + 1 + PATH_LIMIT),
      operationId: r.operationId,
      status: r.status,
      durationMs: Math.round(r.durationMs * 1000) / 1000,
      projectId: r.projectId,
      lint: parseLint(r.lint),
      idempotentReplay: r.idempotentReplay,
      createdAt: new Date(r.at).toISOString(),
    };
  };

  /** A batch's requests in order (none if its row is damaged: the rest of the log still reads). */
  const batchOf = (firstSeq: number, frame: Buffer): Stored[] => {
    try {
      return readRecords(frame.toString('utf8')).map((r, i) => ({ ...r, seq: firstSeq + i }));
    } catch {
      return [];
    }
  };

  /** Newest first, from just below `before`, while `visit` says go on (batches that may match `f`). */
  function scan(before: number, visit: (r: Stored) => boolean, f: LogFilter = { limit: 0 }): void {
    const lowest = floor();
    for (const { first_seq, frame } of batchesFor(f, before)) {
      const batch = batchOf(first_seq, frame);
      for (let i = batch.length - 1; i >= 0; i--) {
        const r = batch[i];
        if (r.seq >= before) continue;
        if (r.seq <= lowest || !visit(r)) return;
      }
    }
  }

  return {
    /**
     * Stores a batch of `count` records (the bytes are copied) and what it holds (without
     * an index, it may hold anything); with `announce`, returns their summaries in order.
     */
    append(frame: Uint8Array, count: number, announce = true, index?: BatchIndex): ApiRequestSummary[] {
      if (!count) return [];
      const first = lastSeq + 1;
      const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
      insert.run(
        first,
        lastSeq + count,
        index?.methods ?? -1,
        index?.statuses ?? -1,
        index?.lint ?? 1,
        index?.paths ?? null,
        bytes,
      );
      lastSeq += count;
      if (++sinceTrim >= TRIM_EVERY) {
        sinceTrim = 0;
        trim.run(floor(), floor());
      }
      return announce ? batchOf(first, bytes).map(toSummary) : [];
    },
    /** Newest first, at most `limit`. */
    list(f: LogFilter): ApiRequestSummary[] {
      const out: ApiRequestSummary[] = [];
      if (f.limit <= 0) return out;
      const matches = matcher(f);
      scan(
        f.beforeSeq ?? Number.MAX_SAFE_INTEGER,
        (r) => {
          if (matches(r)) out.push(toSummary(r));
          return out.length < f.limit;
        },
        f,
      );
      return out;
    },
    get(seq: number): ApiRequestDetail | undefined {
      let found: Stored | undefined;
      scan(seq + 1, (r) => {
        if (r.seq === seq) found = r;
        return false;
      });
      if (!found) return undefined;
      return {
        ...toSummary(found),
        requestHeaders: headerRecord(found.headers),
        requestBody: found.requestBody,
        requestBodyTruncated: found.requestBodyTruncated,
        responseBody: found.responseBody,
        responseBodyTruncated: found.responseBodyTruncated,
      };
    },
    /** Deletes every stored request; says how many there were. */
    clear(): number {
      const first = oldest.get()?.first;
      const count = first == null ? 0 : lastSeq - Math.max(floor(), first - 1);
      db.transaction(() => {
        db.prepare('DELETE FROM api_log_batches').run();
        db.prepare('UPDATE api_log_state SET cleared_seq = ?').run(lastSeq);
      })();
      return count;
    },
    close(): void {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
export type LogStore = ReturnType<typeof openLogStore>;

/** Messages to the log writer thread. */
export type WriterCall =
  { op: 'list'; filter: LogFilter } | { op: 'get'; seq: number } | { op: 'clear' } | { op: 'close' };
export type WriterRequest =
  /** Records to store: a segment of the shared ring (`request-log-ring.ts`). */
  | ({ type: 'append'; announce: boolean; index?: BatchIndex } & RingSegment)
  | ({ type: 'call'; id: number } & WriterCall);

/** Messages from the log writer thread. */
export type WriterReply =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  /** An append is done: the ring is read up to `end`. */
  | { type: 'logged'; end: number; summaries: ApiRequestSummary[] }
  | { type: 'stored'; end: number }
  | { type: 'dropped'; end: number; count: number; message: string }
  | { type: 'reply'; id: number; value?: unknown; error?: string };
