import net from 'node:net';
import { createResponseParser, type Http1Response, type ParseStep } from './http1-response';

/** Where to connect: a host name or address (no brackets) and a port. */
export interface Http1Origin {
  hostname: string;
  port: number;
  /** `http://host:port`, for messages. */
  origin: string;
}

export type ExchangeOutcome =
  | { ok: true; response: Http1Response }
  | ({ ok: false; kind: 'timeout' | 'unreachable' | 'too_large'; error: string } & FailureDetail);

/** What a caller needing more than `kind` may read of a failure (all optional; the inbox reads none). */
export interface FailureDetail {
  /** The socket failed with this error (`code` as Node gives it: ECONNREFUSED, ECONNRESET, ENOTFOUND…). */
  socketError?: { code: string | undefined; message: string };
  /** The bytes that came back were not an HTTP/1.x response. */
  notHttp?: true;
  /** The connection ended (no socket error) before the response did. */
  hangUp?: true;
  /** With `hangUp`: what had arrived, if the response's head had. */
  partial?: Http1Response;
  /** `cancelWith`'s cancel was called. */
  cancelled?: true;
}

export interface ExchangeOptions {
  /** The request was HEAD: its answer has no body whatever it says. */
  requestWasHead: boolean;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Keep the first N bytes of a longer body (`truncated`) and drop the connection, instead of too_large. */
  keepBodyBytes?: number;
  /** Longest response head accepted (status line + headers). */
  maxHeadBytes?: number;
  /**
   * Called once with a cancel function (the exchange then fails at once, `cancelled`, its
   * connection dropped); returns what stops watching, called when the exchange is over.
   */
  cancelWith?: (cancel: () => void) => () => void;
}

/**
 * An idle connection is not reused after this long (ms): servers close theirs (node:http
 * after 5 s), and a request written as one closes is lost. A `Keep-Alive: timeout=N` hint
 * shortens it to N − 1 s.
 */
export const IDLE_REUSE_MS = 4000;

interface Exchange {
  parser: ReturnType<typeof createResponseParser>;
  timer: NodeJS.Timeout;
  settle(o: ExchangeOutcome): void;
}

interface Conn {
  socket: net.Socket;
  pool: Pool;
  exchange: Exchange | null;
  idleSince: number;
  reuseMs: number;
}

interface Pool {
  origin: Http1Origin;
  idle: Conn[];
  /** Connections open (busy or idle). */
  open: number;
  waiting: ((conn: Conn) => void)[];
}

/** `Keep-Alive: timeout=N` of a response, in ms, if stated. */
function keepAliveHint(headers: Http1Response['headers']): number | null {
  for (const [k, v] of headers) {
    if (k.length !== 10 || k.toLowerCase() !== 'keep-alive') continue;
    const m = /(?:^|[,\s])timeout\s*=\s*(\d+)/i.exec(v);
    if (m) return Number(m[1]) * 1000;
  }
  return null;
}

/**
 * Keep-alive HTTP/1.1 connections to local targets, at most `maxSocketsPerOrigin` per
 * origin (more requests wait for one to be free), and one request/response exchange on
 * each at a time. The request is written as given (head and body in one write); the
 * response is read whole by `createResponseParser`. node:http's client does the same work
 * with a request and a response object, listeners and streams per exchange: for the
 * inbox, whose every microsecond is the user's, that was a third of its time.
 *
 * Why not a library: undici (6.x, the one that runs on Node 20) is as quick (61–64 µs per
 * request, client and receiver, against 55–57 here and 203–210 for node:http, same run), but it
 * writes `host` first and `host`, `connection` and `content-length` in lower case whatever it is
 * given, and the inbox forwards the sender's headers in their order and case.
 */
export function createHttp1Pool(opts: { maxSocketsPerOrigin?: number; now?: () => number } = {}) {
  const max = opts.maxSocketsPerOrigin ?? 64;
  const now = opts.now ?? Date.now;
  const pools = new Map<string, Pool>();
  /** Every open connection, busy or idle (for `destroyAll`). */
  const all = new Set<Conn>();

  function finish(conn: Conn, o: ExchangeOutcome, reusable: boolean): void {
    const ex = conn.exchange;
    if (!ex) return;
    conn.exchange = null;
    clearTimeout(ex.timer);
    if (reusable) release(conn);
    else conn.socket.destroy();
    ex.settle(o);
  }

  /** `ended`: the step of `parser.end()` (an error there is the connection ending early, not a bad answer). */
  function onStep(conn: Conn, step: ParseStep, ended = false): void {
    if (step.kind === 'more') return;
    if (step.kind === 'done') {
      const hint = step.response.reusable ? keepAliveHint(step.response.headers) : null;
      if (hint !== null) conn.reuseMs = Math.min(IDLE_REUSE_MS, Math.max(0, hint - 1000));
      finish(conn, { ok: true, response: step.response }, step.response.reusable);
    } else {
      const error = step.tooLarge ? step.error : `invalid answer from ${conn.pool.origin.origin}: ${step.error}`;
      const o: ExchangeOutcome = { ok: false, kind: step.tooLarge ? 'too_large' : 'unreachable', error };
      if (ended) {
        o.hangUp = true;
        const partial = conn.exchange?.parser.partial();
        if (partial) o.partial = partial;
      } else if (!step.tooLarge) o.notHttp = true;
      finish(conn, o, false);
    }
  }

  function connect(pool: Pool): Conn {
    const socket = net.connect({ host: pool.origin.hostname, port: pool.origin.port, noDelay: true });
    socket.setKeepAlive(true, 1000);
    const conn: Conn = { socket, pool, exchange: null, idleSince: 0, reuseMs: IDLE_REUSE_MS };
    pool.open++;
    all.add(conn);
    socket.on('data', (chunk: Buffer) => {
      if (conn.exchange) onStep(conn, conn.exchange.parser.push(chunk));
      else socket.destroy(); // bytes nobody asked for: this connection cannot be trusted
    });
    socket.on('end', () => {
      if (conn.exchange) onStep(conn, conn.exchange.parser.end(), true);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const error = `cannot reach ${pool.origin.origin}: ${err.code ?? err.message}`;
      const socketError = { code: err.code, message: err.message };
      finish(conn, { ok: false, kind: 'unreachable', error, socketError }, false);
    });
    socket.on('close', () => {
      finish(
        conn,
        { ok: false, kind: 'unreachable', error: `cannot reach ${pool.origin.origin}: socket hang up`, hangUp: true },
        false,
      );
      all.delete(conn);
      pool.open--;
      const i = pool.idle.indexOf(conn);
      if (i >= 0) pool.idle.splice(i, 1);
      // A place is free: the next waiting request gets a new connection.
      const next = pool.waiting.shift();
      if (next) next(connect(pool));
    });
    return conn;
  }

  function release(conn: Conn): void {
    const next = conn.pool.waiting.shift();
    if (next) return next(conn);
    conn.idleSince = now();
    conn.socket.unref();
    conn.pool.idle.push(conn);
  }

  function acquire(pool: Pool, use: (conn: Conn) => void): void {
    const t = now();
    for (let conn = pool.idle.pop(); conn; conn = pool.idle.pop()) {
      if (conn.socket.destroyed || t - conn.idleSince > conn.reuseMs) {
        conn.socket.destroy();
        continue;
      }
      conn.socket.ref();
      return use(conn);
    }
    if (pool.open < max) return use(connect(pool));
    pool.waiting.push(use);
  }

  return {
    /** Writes `head` (latin1) and `body` on a connection to `origin` and reads the whole answer. Never throws. */
    exchange(origin: Http1Origin, head: string, body: Buffer, o: ExchangeOptions): Promise<ExchangeOutcome> {
      const key = `${origin.hostname}:${origin.port}`;
      let pool = pools.get(key);
      if (!pool) {
        pool = { origin, idle: [], open: 0, waiting: [] };
        pools.set(key, pool);
      }
      const p = pool;
      return new Promise((resolve) => {
        let settled = false;
        let current: Conn | null = null;
        let stopWatching: (() => void) | null = null;
        const timer = setTimeout(() => {
          const o2: ExchangeOutcome = {
            ok: false,
            kind: 'timeout',
            error: `the local target did not answer within ${o.timeoutMs} ms`,
          };
          if (current) return finish(current, o2, false);
          // Still waiting for a free connection.
          settled = true;
          stopWatching?.();
          const i = p.waiting.indexOf(use);
          if (i >= 0) p.waiting.splice(i, 1);
          resolve(o2);
        }, o.timeoutMs);
        const use = (conn: Conn) => {
          if (settled) return release(conn);
          current = conn;
          conn.exchange = {
            parser: createResponseParser({
              requestWasHead: o.requestWasHead,
              maxBodyBytes: o.maxResponseBytes,
              keepBodyBytes: o.keepBodyBytes,
              maxHeadBytes: o.maxHeadBytes,
            }),
            timer,
            settle: (outcome) => {
              settled = true;
              stopWatching?.();
              resolve(outcome);
            },
          };
          if (body.length <= 64 * 1024) {
            const out = Buffer.allocUnsafe(head.length + body.length);
            out.write(head, 0, 'latin1');
            body.copy(out, head.length);
            conn.socket.write(out);
          } else {
            conn.socket.cork();
            conn.socket.write(head, 'latin1');
            conn.socket.write(body);
            conn.socket.uncork();
          }
        };
        if (o.cancelWith) {
          stopWatching = o.cancelWith(() => {
            if (settled) return;
            const o2: ExchangeOutcome = { ok: false, kind: 'unreachable', error: 'cancelled', cancelled: true };
            if (current) return finish(current, o2, false);
            settled = true;
            clearTimeout(timer);
            stopWatching?.();
            const i = p.waiting.indexOf(use);
            if (i >= 0) p.waiting.splice(i, 1);
            resolve(o2);
          });
          if (settled) stopWatching(); // cancelled at once
        }
        if (!settled) acquire(p, use);
      });
    },
    /** Closes the idle connections and forgets the waiting requests (busy ones finish their exchange). */
    destroy(): void {
      for (const pool of pools.values()) {
        for (const conn of pool.idle.splice(0)) conn.socket.destroy();
        pool.waiting.length = 0;
      }
    },
    /** Destroys every connection, busy ones too (their exchanges fail), and forgets the waiting requests. */
    destroyAll(): void {
      for (const pool of pools.values()) pool.waiting.length = 0;
      for (const conn of [...all]) conn.socket.destroy();
    },
    /** Connections open to `hostname:port` (for tests). */
    openTo(hostname: string, port: number): number {
      return pools.get(`${hostname}:${port}`)?.open ?? 0;
    },
  };
}
export type Http1Pool = ReturnType<typeof createHttp1Pool>;
