import { randomUUID } from 'node:crypto';
import type { ApiRequestDetail, ApiRequestSummary, LintNote } from '../../shared/contract/api';
import { openStore, type Db } from '../store/open';
import type { Migration } from '../store/migrate';

/** Each stored request and response body is cut to this many characters. */
export const LOG_BODY_LIMIT = 16 * 1024;
/** The log keeps the newest this-many requests. */
export const LOG_MAX_ROWS = 10_000;

/**
 * What the request thread hands over for one answered request: references and numbers
 * only. Redaction, cutting, ids and timestamps are done here, off the request thread.
 */
export interface CapturedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  operationId: string | null;
  status: number;
  durationMs: number;
  projectId: string | null;
  keyId: string | null;
  headers: Record<string, string | string[] | undefined>;
  requestBody: string | null;
  responseBody: string | null;
  lint: LintNote[];
  idempotentReplay: boolean;
  /** When it was answered, epoch ms on the studio clock. */
  at: number;
}

export interface LogFilter {
  method?: string;
  /** An exact status, or a class such as `4xx`. */
  status?: number | string;
  path?: string;
  lintOnly?: boolean;
  beforeSeq?: number;
  limit: number;
}

/** The log file's own schema (it lives apart from studio.db: its writer is another thread). */
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
];

interface Row {
  seq: number;
  request_id: string;
  method: string;
  path: string;
  query: string;
  operation_id: string | null;
  status: number;
  duration_ms: number;
  project_id: string | null;
  key_id: string | null;
  request_headers_json: string;
  request_body: string | null;
  request_body_truncated: number;
  response_body: string | null;
  response_body_truncated: number;
  lint_json: string;
  idempotent_replay: number;
  created_at: string;
}

const cut = (s: string | null): [string | null, number] =>
  s === null ? [null, 0] : s.length > LOG_BODY_LIMIT ? [s.slice(0, LOG_BODY_LIMIT), 1] : [s, 0];

/** JSON keys whose values are credentials: the log keeps their first characters only. */
const SECRET_KEYS = /("(?:signing_secret|key|auth_header|secret)"\s*:\s*")([^"\\]{0,9})(?:[^"\\]|\\.)*"/g;
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'x-api-key']);

/** Bodies as logged: signing secrets, API keys and auth headers cut to a recognisable prefix. */
export function redactBody(body: string | null): string | null {
  return body === null ? null : body.replace(SECRET_KEYS, (_m, head: string, keep: string) => `${head}${keep}…"`);
}

/** Headers as logged: `Bearer sk_abcdef…` → `Bearer …`-style prefixes; the log never keeps a usable key. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(headers)) {
    const v = headers[k];
    const s = Array.isArray(v) ? v.join(', ') : String(v ?? '');
    out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? keepPrefix(s) : s.slice(0, 1024);
  }
  return out;
}

/** The value up to its last word's first 7 characters: `Bearer sk_abcdef` → `Bearer sk_abcd…`. */
function keepPrefix(value: string): string {
  const trimmed = value.trimEnd();
  const lastWord = Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf('\t')) + 1;
  return `${trimmed.slice(0, Math.min(trimmed.length, lastWord + 7))}…`;
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback; // a corrupt column shows as empty
  }
}

function toSummary(r: Row): ApiRequestSummary {
  return {
    seq: r.seq,
    requestId: r.request_id,
    method: r.method,
    path: r.path,
    query: r.query,
    operationId: r.operation_id,
    status: r.status,
    durationMs: r.duration_ms,
    projectId: r.project_id,
    lint: parseJson<LintNote[]>(r.lint_json, []),
    idempotentReplay: !!r.idempotent_replay,
    createdAt: r.created_at,
  };
}

/**
 * The API request log's SQLite file, used by one thread (the log writer). Appends come
 * in batches, one transaction each; the newest `LOG_MAX_ROWS` are kept.
 */
export function openLogStore(path: string, nativeBinding?: string) {
  const db: Db = openStore(path, { nativeBinding, migrations: LOG_MIGRATIONS });
  const insert = db.prepare(
    `INSERT INTO api_requests (request_id, method, path, query, operation_id, status, duration_ms, project_id, key_id,
       request_headers_json, request_body, request_body_truncated, response_body, response_body_truncated, lint_json,
       idempotent_replay, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const bySeq = db.prepare<[number], Row>('SELECT * FROM api_requests WHERE seq = ?');
  const trim = db.prepare('DELETE FROM api_requests WHERE seq <= (SELECT MAX(seq) FROM api_requests) - ?');
  const listed = new Map<string, ReturnType<typeof db.prepare<unknown[], Row>>>();
  let sinceTrim = 0;

  const appendTx = db.transaction((batch: CapturedRequest[], announce: boolean) => {
    const out: ApiRequestSummary[] = [];
    for (const e of batch) {
      const q = e.url.indexOf('?');
      const path = (q < 0 ? e.url : e.url.slice(0, q)).slice(0, 2048);
      const query = q < 0 ? '' : e.url.slice(q + 1, q + 1 + 2048);
      const [reqBody, reqCut] = cut(redactBody(e.requestBody));
      const [resBody, resCut] = cut(redactBody(e.responseBody));
      const durationMs = Math.round(e.durationMs * 1000) / 1000;
      const requestId = randomUUID();
      const createdAt = new Date(e.at).toISOString();
      const info = insert.run(
        requestId,
        e.method,
        path,
        query,
        e.operationId,
        e.status,
        durationMs,
        e.projectId,
        e.keyId,
        JSON.stringify(redactHeaders(e.headers)),
        reqBody,
        reqCut,
        resBody,
        resCut,
        JSON.stringify(e.lint),
        e.idempotentReplay ? 1 : 0,
        createdAt,
      );
      if (announce) {
        out.push({
          seq: Number(info.lastInsertRowid),
          requestId,
          method: e.method,
          path,
          query,
          operationId: e.operationId,
          status: e.status,
          durationMs,
          projectId: e.projectId,
          lint: e.lint,
          idempotentReplay: e.idempotentReplay,
          createdAt,
        });
      }
    }
    sinceTrim += batch.length;
    if (sinceTrim >= 500) {
      sinceTrim = 0;
      trim.run(LOG_MAX_ROWS);
    }
    return out;
  });

  return {
    /** Stores a batch in one transaction; with `announce`, their summaries in order (for live views). */
    append: (batch: CapturedRequest[], announce = true): ApiRequestSummary[] => appendTx(batch, announce),
    /** Newest first. Each filter combination's statement is prepared once. */
    list(f: LogFilter): ApiRequestSummary[] {
      const where: string[] = [];
      const args: unknown[] = [];
      if (f.method) {
        where.push('method = ?');
        args.push(f.method.toUpperCase());
      }
      if (typeof f.status === 'number') {
        where.push('status = ?');
        args.push(f.status);
      } else if (typeof f.status === 'string') {
        const base = Number(f.status[0]) * 100;
        where.push('status >= ? AND status < ?');
        args.push(base, base + 100);
      }
      if (f.path) {
        where.push("path LIKE ? ESCAPE '\\'");
        args.push(`%${f.path.replace(/[\\%_]/g, '\\$&')}%`);
      }
      if (f.lintOnly) where.push("lint_json != '[]'");
      if (f.beforeSeq !== undefined) {
        where.push('seq < ?');
        args.push(f.beforeSeq);
      }
      const sql = `SELECT * FROM api_requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
      let stmt = listed.get(sql);
      if (!stmt) listed.set(sql, (stmt = db.prepare<unknown[], Row>(sql)));
      return stmt.all(...args, f.limit).map(toSummary);
    },
    get(seq: number): ApiRequestDetail | undefined {
      const r = bySeq.get(seq);
      if (!r) return undefined;
      return {
        ...toSummary(r),
        requestHeaders: parseJson<Record<string, string>>(r.request_headers_json, {}),
        requestBody: r.request_body,
        requestBodyTruncated: !!r.request_body_truncated,
        responseBody: r.response_body,
        responseBodyTruncated: !!r.response_body_truncated,
      };
    },
    clear: (): number => db.prepare('DELETE FROM api_requests').run().changes,
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
  { type: 'append'; entries: CapturedRequest[]; announce: boolean } | ({ type: 'call'; id: number } & WriterCall);

/** Messages from the log writer thread. */
export type WriterReply =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'logged'; summaries: ApiRequestSummary[] }
  | { type: 'stored'; count: number }
  | { type: 'dropped'; count: number; message: string }
  | { type: 'reply'; id: number; value?: unknown; error?: string };
