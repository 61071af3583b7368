import https from 'node:https';
import { TUNNEL_LIMITS } from '../../shared/contract/tunnel';
import { HOP_BY_HOP, pairsFromRaw, type HeaderPair } from './hop-by-hop';
import { createHttp1Pool } from './http1-pool';

export interface ForwardRequest {
  url: string;
  method: string;
  headers: readonly HeaderPair[];
  body: Buffer;
  timeoutMs: number;
  maxResponseBytes?: number;
}

export type ForwardOutcome =
  | { ok: true; status: number; headers: HeaderPair[]; body: Buffer; durationMs: number }
  | { ok: false; kind: 'timeout' | 'unreachable' | 'too_large'; error: string; durationMs: number };

/** Keep-alive connections: a local handler answers many requests in a row. */
const pool = createHttp1Pool({ maxSocketsPerOrigin: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

/** A forward URL, parsed once: the inbox forwards to the same few URLs again and again. */
export interface ForwardTarget {
  secure: boolean;
  /** Host name or address, without IPv6 brackets. */
  hostname: string;
  port: number;
  /** `host[:port]` as the URL states it: the forwarded Host header. */
  host: string;
  origin: string;
  /** Path and query, as sent on the request line. */
  path: string;
}

const targets = new Map<string, ForwardTarget | null>();
const MAX_TARGETS = 256;

/** The parts of an http(s) URL a request needs, or null when it is not one (cached). */
export function parseTarget(url: string): ForwardTarget | null {
  let t = targets.get(url);
  if (t !== undefined) return t;
  t = null;
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') {
      const secure = u.protocol === 'https:';
      t = {
        secure,
        hostname: u.hostname.replace(/^\[|\]$/g, ''),
        port: Number(u.port || (secure ? 443 : 80)),
        host: u.host,
        origin: u.origin,
        path: u.pathname + u.search,
      };
    }
  } catch {
    /* not a URL */
  }
  if (targets.size >= MAX_TARGETS) targets.clear();
  targets.set(url, t);
  return t;
}

const NO_BODY_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/**
 * The headers sent to the target, flat (`[name, value, …]`): hop-by-hop ones removed (and
 * those `Connection` names), Host rewritten, Content-Length exact. Order, case and
 * duplicates of the rest are kept.
 */
export function forwardHeaders(
  headers: readonly HeaderPair[],
  targetHost: string,
  body: Buffer,
  method: string,
): string[] {
  let named: Set<string> | null = null;
  for (const [k, v] of headers) {
    if (k.length !== 10 || k.toLowerCase() !== 'connection') continue;
    named ??= new Set();
    for (const token of v.split(',')) {
      const t = token.trim().toLowerCase();
      if (t) named.add(t);
    }
  }
  const out: string[] = [];
  let hostDone = false;
  let hadLength = false;
  for (const [k, v] of headers) {
    const lower = k.toLowerCase();
    if (HOP_BY_HOP.has(lower) || named?.has(lower)) continue;
    if (lower === 'host') {
      if (hostDone) continue;
      out.push(k, targetHost);
      hostDone = true;
    } else if (lower === 'content-length') {
      if (hadLength) continue;
      out.push(k, String(body.length));
      hadLength = true;
    } else {
      out.push(k, v);
    }
  }
  if (!hostDone) out.unshift('Host', targetHost);
  // A chunked original arrives here whole: state its exact length instead.
  if (!hadLength && (body.length > 0 || !NO_BODY_METHODS.has(method))) {
    out.push('Content-Length', String(body.length));
  }
  return out;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const INVALID_PATH = /[^\u0021-\u00ff]/;

/**
 * The request line and headers as node:http's client writes them for this list (it adds
 * `Connection: keep-alive`, the list having none), or why node:http would refuse them.
 * Every character is one latin1 byte.
 */
export function requestHead(method: string, path: string, headers: readonly string[]): string | { error: string } {
  if (!TOKEN.test(method)) return { error: `invalid method ${JSON.stringify(method.slice(0, 40))}` };
  if (INVALID_PATH.test(path)) return { error: `invalid characters in the path ${JSON.stringify(path.slice(0, 80))}` };
  let head = `${method} ${path} HTTP/1.1\r\n`;
  for (let i = 0; i < headers.length; i += 2) {
    const k = headers[i];
    const v = headers[i + 1];
    if (!TOKEN.test(k)) return { error: `invalid header name ${JSON.stringify(k.slice(0, 40))}` };
    if (INVALID_VALUE.test(v)) return { error: `invalid characters in the value of header ${k}` };
    head += `${k}: ${v}\r\n`;
  }
  return `${head}Connection: keep-alive\r\n\r\n`;
}

/**
 * Sends the exact bytes to a local URL and reads its whole answer (bounded). Never
 * throws: a timeout, a refused connection or an oversized answer is an outcome.
 */
export function forward(req: ForwardRequest): Promise<ForwardOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const limit = req.maxResponseBytes ?? TUNNEL_LIMITS.maxResponseBytes;
  const target = parseTarget(req.url);
  if (!target) {
    return Promise.resolve({ ok: false, kind: 'unreachable', error: `not a URL: ${req.url}`, durationMs: 0 });
  }
  const headers = forwardHeaders(req.headers, target.host, req.body, req.method);
  if (target.secure) return forwardTls(req, target, headers, limit, elapsed);
  const head = requestHead(req.method, target.path, headers);
  if (typeof head !== 'string') {
    return Promise.resolve({
      ok: false,
      kind: 'unreachable',
      error: `cannot send to ${target.origin}: ${head.error}`,
      durationMs: 0,
    });
  }
  return pool
    .exchange(target, head, req.body, {
      requestWasHead: req.method === 'HEAD',
      timeoutMs: req.timeoutMs,
      maxResponseBytes: limit,
    })
    .then((o): ForwardOutcome => {
      if (!o.ok) return { ok: false, kind: o.kind, error: o.error, durationMs: elapsed() };
      const r = o.response;
      return { ok: true, status: r.status, headers: r.headers, body: r.body, durationMs: elapsed() };
    });
}

/** An https target (rare for a local handler): node:https, with the same headers and limits. */
function forwardTls(
  req: ForwardRequest,
  target: ForwardTarget,
  headers: string[],
  limit: number,
  elapsed: () => number,
): Promise<ForwardOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: ForwardOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const timer = setTimeout(() => {
      out?.destroy();
      done({
        ok: false,
        kind: 'timeout',
        error: `the local target did not answer within ${req.timeoutMs} ms`,
        durationMs: elapsed(),
      });
    }, req.timeoutMs);
    let out: ReturnType<typeof https.request> | undefined;
    try {
      out = https.request(
        {
          hostname: target.hostname,
          port: target.port,
          path: target.path,
          method: req.method,
          headers,
          agent: httpsAgent,
          setHost: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > limit) {
              res.destroy();
              done({
                ok: false,
                kind: 'too_large',
                error: `the local response is larger than ${limit} bytes`,
                durationMs: elapsed(),
              });
              return;
            }
            chunks.push(c);
          });
          res.on('end', () =>
            done({
              ok: true,
              status: res.statusCode ?? 502,
              headers: pairsFromRaw(res.rawHeaders),
              body: Buffer.concat(chunks),
              durationMs: elapsed(),
            }),
          );
          res.on('error', (err) => done({ ok: false, kind: 'unreachable', error: err.message, durationMs: elapsed() }));
        },
      );
    } catch (err) {
      done({
        ok: false,
        kind: 'unreachable',
        error: `cannot send to ${target.origin}: ${(err as Error).message}`,
        durationMs: 0,
      });
      return;
    }
    out.on('error', (err: NodeJS.ErrnoException) =>
      done({
        ok: false,
        kind: 'unreachable',
        error: `cannot reach ${target.origin}: ${err.code ?? err.message}`,
        durationMs: elapsed(),
      }),
    );
    out.end(req.body);
  });
}
