import type { ApiRequestDetail, ApiRequestSummary, LintNote } from '../../shared/contract/api';
import type { Clock } from '../deps';
import type { EventBus } from '../live/bus';
import type { Db } from '../store/open';

/** Each stored request and response body is cut to this many characters. */
export const LOG_BODY_LIMIT = 16 * 1024;
/** The log keeps the newest this-many requests. */
export const LOG_MAX_ROWS = 10_000;
/** Logged requests are written (and announced) in batches at most this often. */
export const LOG_FLUSH_MS = 20;

export interface LogEntry {
  requestId: string;
  method: string;
  path: string;
  query: string;
  operationId: string | null;
  status: number;
  durationMs: number;
  projectId: string | null;
  keyId: string | null;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  responseBody: string | null;
  lint: LintNote[];
  idempotentReplay: boolean;
}

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

/** `Bearer sk_abcdef…` → `Bearer sk_abcd…`: the log never keeps a usable key. */
/** JSON keys whose values are credentials: the log keeps their first characters only. */
const SECRET_KEYS = /("(?:signing_secret|key|auth_header|secret)"\s*:\s*")([^"\\]{0,9})(?:[^"\\]|\\.)*"/g;

/** Bodies as logged: signing secrets, API keys and auth headers cut to a recognisable prefix. */
export function redactBody(body: string | null): string | null {
  return body === null ? null : body.replace(SECRET_KEYS, (_m, head: string, keep: string) => `${head}${keep}…"`);
}

export function redactHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const s = Array.isArray(v) ? v.join(', ') : String(v ?? '');
    out[k] = /^(authorization|cookie|x-api-key)$/i.test(k) ? s.replace(/(\S{0,7})\S*$/, '$1…') : s.slice(0, 1024);
  }
  return out;
}

function toSummary(r: Row): ApiRequestSummary {
  let lint: LintNote[] = [];
  try {
    lint = JSON.parse(r.lint_json) as LintNote[];
  } catch {
    /* a corrupt lint column shows as no lint */
  }
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
    lint,
    idempotentReplay: !!r.idempotent_replay,
    createdAt: r.created_at,
  };
}

/**
 * The API request log. Writes are buffered and flushed in one transaction every
 * `LOG_FLUSH_MS` (the hot path never waits on SQLite per request); each flushed row is
 * announced on the bus. Reads flush first, so they always see every answered request.
 */
export function createRequestLog(db: Db, clock: Clock, bus: EventBus) {
  const insert = db.prepare(
    `INSERT INTO api_requests (request_id, method, path, query, operation_id, status, duration_ms, project_id, key_id,
       request_headers_json, request_body, request_body_truncated, response_body, response_body_truncated, lint_json,
       idempotent_replay, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const bySeq = db.prepare<[number], Row>('SELECT * FROM api_requests WHERE seq = ?');
  const trim = db.prepare('DELETE FROM api_requests WHERE seq <= (SELECT MAX(seq) FROM api_requests) - ?');
  let pending: (LogEntry & { createdAt: string })[] = [];
  let scheduled: NodeJS.Timeout | null = null;
  let sinceTrim = 0;

  const flushTx = db.transaction((batch: (LogEntry & { createdAt: string })[]) => {
    const out: ApiRequestSummary[] = [];
    for (const e of batch) {
      const [reqBody, reqCut] = cut(redactBody(e.requestBody));
      const [resBody, resCut] = cut(redactBody(e.responseBody));
      const info = insert.run(
        e.requestId,
        e.method,
        e.path.slice(0, 2048),
        e.query.slice(0, 2048),
        e.operationId,
        e.status,
        Math.round(e.durationMs * 1000) / 1000,
        e.projectId,
        e.keyId,
        JSON.stringify(e.requestHeaders),
        reqBody,
        reqCut,
        resBody,
        resCut,
        JSON.stringify(e.lint),
        e.idempotentReplay ? 1 : 0,
        e.createdAt,
      );
      out.push({
        seq: Number(info.lastInsertRowid),
        requestId: e.requestId,
        method: e.method,
        path: e.path.slice(0, 2048),
        query: e.query.slice(0, 2048),
        operationId: e.operationId,
        status: e.status,
        durationMs: Math.round(e.durationMs * 1000) / 1000,
        projectId: e.projectId,
        lint: e.lint,
        idempotentReplay: e.idempotentReplay,
        createdAt: e.createdAt,
      });
    }
    sinceTrim += batch.length;
    if (sinceTrim >= 500) {
      sinceTrim = 0;
      trim.run(LOG_MAX_ROWS);
    }
    return out;
  });

  function flush(): void {
    if (scheduled) clearTimeout(scheduled);
    scheduled = null;
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    for (const s of flushTx(batch)) bus.emit('apiRequest.logged', s);
  }

  return {
    add(e: LogEntry): void {
      pending.push({ ...e, createdAt: clock.now().toISOString() });
      scheduled ??= setTimeout(flush, LOG_FLUSH_MS);
    },
    flush,
    list(f: {
      method?: string;
      status?: number | string;
      path?: string;
      lintOnly?: boolean;
      beforeSeq?: number;
      limit: number;
    }) {
      flush();
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
      return db
        .prepare<unknown[], Row>(sql)
        .all(...args, f.limit)
        .map(toSummary);
    },
    get(seq: number): ApiRequestDetail | undefined {
      flush();
      const r = bySeq.get(seq);
      if (!r) return undefined;
      let headers: Record<string, string> = {};
      try {
        headers = JSON.parse(r.request_headers_json) as Record<string, string>;
      } catch {
        /* shown as no headers */
      }
      return {
        ...toSummary(r),
        requestHeaders: headers,
        requestBody: r.request_body,
        requestBodyTruncated: !!r.request_body_truncated,
        responseBody: r.response_body,
        responseBodyTruncated: !!r.response_body_truncated,
      };
    },
    clear(): number {
      flush();
      return db.prepare('DELETE FROM api_requests').run().changes;
    },
    close(): void {
      flush();
    },
  };
}
export type RequestLog = ReturnType<typeof createRequestLog>;
