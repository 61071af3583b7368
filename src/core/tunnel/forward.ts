import http from 'node:http';
import https from 'node:https';
import { TUNNEL_LIMITS } from '../../shared/contract/tunnel';
import { pairsFromRaw, stripHopByHop, type HeaderPair } from './hop-by-hop';

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

/** Keep-alive pools: a local handler answers many requests in a row. */
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/** The headers sent to the target: hop-by-hop removed, Host rewritten, Content-Length exact. */
export function forwardHeaders(headers: readonly HeaderPair[], target: URL, body: Buffer, method: string): string[] {
  const out: string[] = [];
  let hostDone = false;
  let hadLength = false;
  for (const [k, v] of stripHopByHop(headers)) {
    const lower = k.toLowerCase();
    if (lower === 'host') {
      if (hostDone) continue;
      out.push(k, target.host);
      hostDone = true;
    } else if (lower === 'content-length') {
      if (hadLength) continue;
      out.push(k, String(body.length));
      hadLength = true;
    } else {
      out.push(k, v);
    }
  }
  if (!hostDone) out.unshift('Host', target.host);
  // A chunked original arrives here whole: state its exact length instead.
  if (!hadLength && (body.length > 0 || !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method))) {
    out.push('Content-Length', String(body.length));
  }
  return out;
}

/**
 * Sends the exact bytes to a local URL and reads its whole answer (bounded). Never
 * throws: a timeout, a refused connection or an oversized answer is an outcome.
 */
export function forward(req: ForwardRequest): Promise<ForwardOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const limit = req.maxResponseBytes ?? TUNNEL_LIMITS.maxResponseBytes;
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(req.url);
    } catch {
      resolve({ ok: false, kind: 'unreachable', error: `not a URL: ${req.url}`, durationMs: 0 });
      return;
    }
    const secure = target.protocol === 'https:';
    const mod = secure ? https : http;
    let settled = false;
    const done = (o: ForwardOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const out = mod.request(
      {
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port || (secure ? 443 : 80),
        path: target.pathname + target.search,
        method: req.method,
        headers: forwardHeaders(req.headers, target, req.body, req.method),
        agent: secure ? agents.https : agents.http,
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
    const timer = setTimeout(() => {
      out.destroy();
      done({
        ok: false,
        kind: 'timeout',
        error: `the local target did not answer within ${req.timeoutMs} ms`,
        durationMs: elapsed(),
      });
    }, req.timeoutMs);
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
