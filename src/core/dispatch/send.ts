import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';
import { createHttp1Pool, type ExchangeOutcome, type Http1Origin } from '../tunnel/http1-pool';
import type { Http1Response } from '../tunnel/http1-response';
import { hostHeader, requestHead } from './request-head';
import { incomingHeaders } from './response-headers';

/**
 * One HTTP POST of exact bytes, nothing followed, everything recorded. Never throws: a
 * failure comes back classified. Limits: the response body kept is at most
 * RESPONSE_BODY_LIMIT bytes (the rest is not read, `truncated` says so).
 *
 * `http:` URLs go through the studio's lean keep-alive client (tunnel/http1-pool.ts, also the
 * inbox's): the same bytes on the wire as node:http writes (request-head.ts), the response
 * recorded as node:http reads it (response-headers.ts), at a fraction of its CPU per request.
 * `https:`, URLs with credentials and requests setting a header node:http acts on itself
 * (Host, Connection, Expect…) go through node:http as before.
 */
export const RESPONSE_BODY_LIMIT = 64 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;

export type SendErrorKind = 'timeout' | 'reset' | 'refused' | 'non_http' | 'dns' | 'network' | 'aborted';

export interface SendRequest {
  url: string;
  body: Buffer;
  /** Sent exactly as given, in this order and case. */
  headers: [string, string][];
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface SendResult {
  /** 0 when no HTTP response came back. */
  status: number;
  headers: Record<string, string | string[]> | null;
  body: string | null;
  truncated: boolean;
  durationMs: number;
  /** The headers that went on the wire (framing ones included). */
  requestHeaders: Record<string, string>;
  error: { kind: SendErrorKind; message: string } | null;
  /** For 3xx: where the endpoint wanted to send us (not followed). */
  location: string | null;
}

export interface Sender {
  send(req: SendRequest): Promise<SendResult>;
  close(): void;
}

function classify(err: NodeJS.ErrnoException, timedOut: boolean, aborted: boolean): SendResult['error'] {
  if (aborted) return { kind: 'aborted', message: 'aborted: the studio is shutting down' };
  if (timedOut) return { kind: 'timeout', message: err.message };
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED') return { kind: 'refused', message: `connection refused (${err.message})` };
  if (code === 'ECONNRESET' || code === 'EPIPE' || err.message === 'socket hang up')
    return { kind: 'reset', message: `connection reset by the endpoint (${err.message})` };
  if (code.startsWith('HPE_')) return { kind: 'non_http', message: `the endpoint did not answer HTTP (${code})` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'dns', message: `host not found (${err.message})` };
  return { kind: 'network', message: err.message || code || 'network error' };
}

/** Webhook URLs parsed once each (a burst sends thousands of requests to a handful of them); bounded. */
export const MAX_PARSED_URLS = 256;

/** Longest response head accepted: node:http's default (--max-http-header-size); longer is non_http. */
export const MAX_RESPONSE_HEAD_BYTES = 16 * 1024;

/** Whether a header value holds what node:http's parser refuses there (HTAB, SP, visible ASCII and obs-text pass). */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 32 && c !== 9) || c === 127) return true;
  }
  return false;
}

/** Where the lean client sends: the connection's origin, the request path and the `Host` header. */
interface LeanTarget {
  origin: Http1Origin;
  path: string;
  host: string;
}

/**
 * `options`: what `http.request(url, …)` would make of the URL, with the method and agent, made
 * once; `lean`: the same for the lean client (plain http without credentials), else null.
 */
type Target = { options: http.RequestOptions; https: boolean; lean: LeanTarget | null } | { error: string };

function parseTarget(raw: string, agents: { http: http.Agent; https: https.Agent }): Target {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported scheme ${url.protocol}`);
    const secure = url.protocol === 'https:';
    const options = { ...urlToHttpOptions(url), method: 'POST', agent: secure ? agents.https : agents.http };
    let lean: LeanTarget | null = null;
    if (!secure && !url.username && !url.password) {
      const hostname = options.hostname!;
      const port = url.port ? Number(url.port) : 80;
      lean = { origin: { hostname, port, origin: url.origin }, path: options.path!, host: hostHeader(hostname, port) };
    }
    return { options, https: secure, lean };
  } catch (err) {
    return { error: `invalid webhook URL: ${(err as Error).message}` };
  }
}

/**
 * One listener on a shared signal (the dispatcher's shutdown) for every request in flight,
 * rather than one added and removed per request.
 */
function abortRegistry() {
  const waiting = new WeakMap<AbortSignal, Set<() => void>>();
  return (signal: AbortSignal, onAbort: () => void): (() => void) => {
    let set = waiting.get(signal);
    if (!set) {
      const mine = new Set<() => void>();
      waiting.set(signal, (set = mine));
      signal.addEventListener('abort', () => [...mine].forEach((cb) => cb()), { once: true });
    }
    set.add(onAbort);
    const added = set;
    return () => added.delete(onAbort);
  };
}

/** What came back through the lean client, as node:http's path below reports the same answer. */
function leanResult(
  o: ExchangeOutcome,
  timeoutMs: number,
): Pick<SendResult, 'status' | 'headers' | 'body' | 'truncated' | 'error' | 'location'> {
  const failed = (error: SendResult['error']) => ({
    status: 0,
    headers: null,
    body: null,
    truncated: false,
    location: null,
    error,
  });
  const answered = (response: Http1Response) => {
    // node:http's parser refuses control characters in a header value; the lean one keeps them.
    for (const [, value] of response.headers) {
      if (hasControl(value))
        return failed({
          kind: 'non_http',
          message: 'the endpoint did not answer HTTP (a control character in a header value)',
        });
    }
    const headers = incomingHeaders(response.headers);
    const status = response.status;
    const location = status >= 300 && status < 400 ? ((headers.location as string | undefined) ?? null) : null;
    return {
      status,
      headers,
      body: response.body.toString('utf8'),
      truncated: response.truncated === true,
      location,
      error: null,
    };
  };
  if (o.ok) return answered(o.response);
  // An answer cut short by the endpoint's close counts with what came, as node:http reports it.
  if (o.hangUp && !o.cancelled && o.partial) return answered(o.partial);
  if (o.cancelled) return failed(classify(new Error('aborted'), false, true));
  if (o.kind === 'timeout') return failed({ kind: 'timeout', message: `no complete response within ${timeoutMs} ms` });
  if (o.socketError) return failed(classify(o.socketError as NodeJS.ErrnoException, false, false));
  if (o.hangUp)
    return failed(classify(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), false, false));
  if (o.notHttp) return failed({ kind: 'non_http', message: `the endpoint did not answer HTTP (${o.error})` });
  return failed({ kind: 'network', message: o.error });
}

/** A sender with keep-alive connections shared by every delivery. */
export function createSender(now: () => number = () => performance.now()): Sender {
  // Connections per origin: as many as asked for (the dispatcher limits its requests per endpoint).
  const pool = createHttp1Pool({ maxSocketsPerOrigin: Infinity });
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity, scheduling: 'lifo' });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: Infinity, scheduling: 'lifo' });
  const agents = { http: httpAgent, https: httpsAgent };
  const targets = new Map<string, Target>();
  const onAbortOf = abortRegistry();

  function targetOf(raw: string): Target {
    let t = targets.get(raw);
    if (!t) {
      if (targets.size >= MAX_PARSED_URLS) targets.clear();
      targets.set(raw, (t = parseTarget(raw, agents)));
    }
    return t;
  }

  function send(req: SendRequest): Promise<SendResult> {
    const started = now();
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const target = targetOf(req.url);
    if (!('error' in target) && target.lean) {
      let head;
      try {
        head = requestHead(target.lean.path, target.lean.host, req.headers, req.body.length);
      } catch (err) {
        return Promise.reject(err as Error); // an invalid header, thrown as node:http's setHeader throws it
      }
      if (head) return sendLean(req, target.lean, head.head, head.written, started, timeoutMs);
    }
    return sendNode(req, target, started, timeoutMs);
  }

  function sendLean(
    req: SendRequest,
    target: LeanTarget,
    head: string,
    requestHeaders: Record<string, string>,
    started: number,
    timeoutMs: number,
  ): Promise<SendResult> {
    const signal = req.signal;
    const result = (r: ReturnType<typeof leanResult>): SendResult => ({
      ...r,
      durationMs: Math.max(0, Math.round(now() - started)),
      requestHeaders,
    });
    if (signal?.aborted)
      return Promise.resolve(
        result(leanResult({ ok: false, kind: 'unreachable', error: '', cancelled: true }, timeoutMs)),
      );
    return pool
      .exchange(target.origin, head, req.body, {
        requestWasHead: false,
        timeoutMs,
        maxResponseBytes: RESPONSE_BODY_LIMIT,
        keepBodyBytes: RESPONSE_BODY_LIMIT,
        maxHeadBytes: MAX_RESPONSE_HEAD_BYTES,
        cancelWith: signal ? (cancel) => onAbortOf(signal, cancel) : undefined,
      })
      .then((o) => result(leanResult(o, timeoutMs)));
  }

  function sendNode(req: SendRequest, target: Target, started: number, timeoutMs: number): Promise<SendResult> {
    return new Promise((resolve) => {
      let settled = false;
      let timedOut = false;
      let aborted = false;
      let requestHeaders: Record<string, string> = {};
      let stopWatching: (() => void) | null = null;
      const finish = (
        status: number,
        headers: SendResult['headers'],
        body: string | null,
        truncated: boolean,
        location: string | null,
        error: SendResult['error'],
      ) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        stopWatching?.();
        const durationMs = Math.max(0, Math.round(now() - started));
        resolve({ status, headers, body, truncated, durationMs, requestHeaders, error, location });
      };
      const fail = (err: NodeJS.ErrnoException) => finish(0, null, null, false, null, classify(err, timedOut, aborted));

      if ('error' in target) {
        settled = true;
        resolve({
          status: 0,
          headers: null,
          body: null,
          truncated: false,
          location: null,
          durationMs: 0,
          requestHeaders,
          error: { kind: 'network', message: target.error },
        });
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of req.headers) headers[name] = value;
      // Node would add nothing else; we set Content-Length so no chunked encoding is used.
      headers['Content-Length'] = String(req.body.length);
      const out = (target.https ? https : http).request({ ...target.options, headers });
      const timer = setTimeout(() => {
        timedOut = true;
        out.destroy(new Error(`no complete response within ${timeoutMs} ms`));
      }, timeoutMs);
      const onAbort = () => {
        aborted = true;
        out.destroy(new Error('aborted'));
      };
      if (req.signal?.aborted) onAbort();
      else if (req.signal) stopWatching = onAbortOf(req.signal, onAbort);

      out.on('error', fail);
      out.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const status = res.statusCode ?? 0;
        const location = status >= 300 && status < 400 ? (res.headers.location ?? null) : null;
        const done = () =>
          finish(
            status,
            res.headers as Record<string, string | string[]>,
            // One chunk (a short answer) is decoded as it is, without a copy.
            (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8'),
            truncated,
            location,
            null,
          );
        res.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = RESPONSE_BODY_LIMIT - size;
          if (chunk.length > room) {
            chunks.push(chunk.subarray(0, room));
            size = RESPONSE_BODY_LIMIT;
            truncated = true;
            // The rest is not read: the socket is dropped rather than drained.
            done();
            res.destroy();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', done);
        res.on('error', (err) => (size > 0 ? done() : fail(err)));
        res.on('aborted', () => (timedOut ? fail(new Error(`response not complete within ${timeoutMs} ms`)) : done()));
      });
      out.end(req.body);
      requestHeaders = headerRecord(out);
    });
  }

  return {
    send,
    close() {
      pool.destroyAll();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/** The headers as written, with their wire names. */
function headerRecord(out: http.ClientRequest): Record<string, string> {
  const rec: Record<string, string> = {};
  const names = out.getRawHeaderNames();
  for (const name of names) {
    const v = out.getHeader(name);
    if (v !== undefined) rec[name] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  // Node writes this one itself for keep-alive agents.
  if (out.shouldKeepAlive && !('Connection' in rec)) rec.Connection = 'keep-alive';
  return rec;
}
