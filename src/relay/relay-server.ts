import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CHANNEL_NAME, ClientToRelaySchema, RELAY_CONNECT_PATH, type RelayRequest } from '../shared/relay-protocol';
import { Channel } from './channel';
import { sendProblem } from './http-out';
import { openJournal } from './journal';
import { createGuessThrottle, GUESS_DEFAULTS } from './guess-throttle';

/** The relay's limits, stated once; `webhook-studio relay --help` and docs/relay.md quote them. */
export const RELAY_DEFAULTS = {
  maxBodyBytes: 5 * 1024 * 1024,
  maxHeaders: 200,
  maxBacklog: 1000,
  /** Body bytes (base64) kept per channel while no studio is connected. */
  maxBacklogBytes: 64 * 1024 * 1024,
  maxChannels: 100,
  responseTimeoutMs: 30_000,
  /** A studio that does not answer a WebSocket ping within this is dropped. */
  heartbeatMs: 30_000,
  /** Largest WebSocket message from a studio (a response with a 5 MiB body, base64). */
  maxMessageBytes: 8 * 1024 * 1024,
} as const;

export interface RelayOptions {
  token: string;
  host?: string;
  port?: number;
  /** Channels that exist from the start (others appear when a studio first connects). */
  channels?: string[];
  maxBodyBytes?: number;
  maxBacklog?: number;
  maxBacklogBytes?: number;
  responseTimeoutMs?: number;
  heartbeatMs?: number;
  /** File that keeps channel backlogs across relay restarts (none: memory only). */
  journalPath?: string;
  /**
   * Behind a reverse proxy every studio arrives from the proxy's address: take the
   * client's from the last `X-Forwarded-For` entry (the one the proxy added) instead.
   */
  trustProxy?: boolean;
  /** Slow-down after a wrong token: first wait and cap (ms). */
  guessBaseMs?: number;
  guessCapMs?: number;
  /** The relay's clock (ms), for the slow-down. */
  now?: () => number;
}

/** Constant-time: hashes both sides first so the lengths never differ. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

function refuse(socket: Duplex, status: number, reason: string, detail = reason, extra = ''): void {
  const body = JSON.stringify({ type: 'about:blank', title: reason, status, detail });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n${extra}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** The address a connection comes from (behind a trusted proxy, the one it forwarded). */
function remoteOf(req: IncomingMessage, trustProxy: boolean): string {
  const direct = req.socket.remoteAddress ?? '?';
  if (!trustProxy) return direct;
  const fwd = req.headers['x-forwarded-for'];
  const last = (Array.isArray(fwd) ? fwd.join(',') : (fwd ?? '')).split(',').pop()?.trim();
  return last || direct;
}

function rawPairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

/**
 * The deployable relay: plain node:http + ws. Public senders post to
 * `/c/<channel>/<anything>`; a studio connects to `/_relay/connect?channel=<name>` with
 * the token (`Authorization: Bearer <token>`) and receives those requests.
 */
export function createRelayServer(options: RelayOptions) {
  const o = {
    maxBodyBytes: options.maxBodyBytes ?? RELAY_DEFAULTS.maxBodyBytes,
    maxBacklog: options.maxBacklog ?? RELAY_DEFAULTS.maxBacklog,
    maxBacklogBytes: options.maxBacklogBytes ?? RELAY_DEFAULTS.maxBacklogBytes,
    responseTimeoutMs: options.responseTimeoutMs ?? RELAY_DEFAULTS.responseTimeoutMs,
    heartbeatMs: options.heartbeatMs ?? RELAY_DEFAULTS.heartbeatMs,
  };
  if (!options.token) throw new Error('the relay needs a token');
  const channels = new Map<string, Channel>();
  const stored = options.journalPath ? openJournal(options.journalPath) : null;
  const channel = (name: string) => {
    let c = channels.get(name);
    if (!c) {
      const limits = {
        maxBacklog: o.maxBacklog,
        maxBacklogBytes: o.maxBacklogBytes,
        responseTimeoutMs: o.responseTimeoutMs,
      };
      c = new Channel(name, limits, stored?.journal ?? null, stored?.backlog.get(name) ?? []);
      channels.set(name, c);
    }
    return c;
  };
  for (const name of stored?.backlog.keys() ?? []) if (CHANNEL_NAME.test(name)) channel(name);
  for (const name of options.channels ?? []) {
    if (!CHANNEL_NAME.test(name)) throw new Error(`invalid channel name "${name}"`);
    channel(name);
  }

  const server = http.createServer({ maxHeaderSize: 32 * 1024 }, (req, res) => onRequest(req, res));
  server.maxHeadersCount = RELAY_DEFAULTS.maxHeaders + 1;
  const wss = new WebSocketServer({ noServer: true, maxPayload: RELAY_DEFAULTS.maxMessageBytes });
  const guesses = createGuessThrottle(options.now ?? Date.now, {
    baseMs: options.guessBaseMs ?? GUESS_DEFAULTS.baseMs,
    capMs: options.guessCapMs ?? GUESS_DEFAULTS.capMs,
  });
  const alive = new WeakMap<WebSocket, boolean>();

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q >= 0 ? url.slice(0, q) : url;
    if (pathname === '/_relay/health') {
      const body = JSON.stringify({
        ok: true,
        channels: channels.size,
        refusedTokens: guesses.refused,
        slowedAddresses: guesses.slowed,
      });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
      return;
    }
    const m = /^\/c\/([^/]+)(\/.*)?$/.exec(pathname);
    if (!m) return sendProblem(res, 404, `no route for ${req.method} ${pathname}; senders post to /c/<channel>/…`);
    const c = channels.get(m[1]);
    if (!c) return sendProblem(res, 404, `unknown channel "${m[1]}"`, pathname);
    if (req.rawHeaders.length / 2 > RELAY_DEFAULTS.maxHeaders) {
      return sendProblem(res, 431, `more than ${RELAY_DEFAULTS.maxHeaders} request headers`, pathname);
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > o.maxBodyBytes) {
      sendProblem(res, 413, `request body is larger than the relay limit of ${o.maxBodyBytes} bytes`, pathname);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('error', () => res.destroy()); // the sender went away mid-body
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > o.maxBodyBytes) {
        tooLarge = true;
        sendProblem(res, 413, `request body is larger than the relay limit of ${o.maxBodyBytes} bytes`, pathname);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return;
      const msg: RelayRequest = {
        type: 'request',
        id: randomUUID(),
        method: req.method ?? 'GET',
        path: (m[2] ?? '/') + (q >= 0 ? url.slice(q) : ''),
        headers: rawPairs(req.rawHeaders),
        bodyBase64: Buffer.concat(chunks).toString('base64'),
        remote: `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`,
        receivedAt: new Date().toISOString(),
        queued: false,
      };
      c.accept(msg, res);
    });
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    if (url.pathname !== RELAY_CONNECT_PATH) return refuse(socket, 404, 'Not Found');
    const from = remoteOf(req, options.trustProxy === true);
    const wait = guesses.waitFor(from);
    if (wait > 0) {
      guesses.tooSoon();
      const s = Math.ceil(wait / 1000);
      return refuse(
        socket,
        429,
        'Too Many Requests',
        `too many wrong tokens from this address: try again in ${s} s`,
        `Retry-After: ${s}\r\n`,
      );
    }
    if (url.searchParams.has('token')) {
      // Proxies and access logs keep query strings: a token there is refused, right or not.
      guesses.failed(from);
      return refuse(
        socket,
        401,
        'Unauthorized',
        'send the token in the Authorization header (Bearer), never in the URL, where proxies log it',
      );
    }
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!tokenMatches(given, options.token)) {
      guesses.failed(from);
      return refuse(socket, 401, 'Unauthorized', 'wrong or missing token (Authorization: Bearer <token>)');
    }
    guesses.succeeded(from);
    const name = url.searchParams.get('channel') ?? '';
    if (!CHANNEL_NAME.test(name)) return refuse(socket, 400, 'Bad Channel Name');
    if (!channels.has(name) && channels.size >= RELAY_DEFAULTS.maxChannels) {
      return refuse(socket, 503, 'Too Many Channels');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const c = channel(name);
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('message', (data) => {
        let parsed;
        try {
          parsed = ClientToRelaySchema.safeParse(JSON.parse(data.toString()));
        } catch {
          return;
        }
        if (parsed.success) c.receive(ws, parsed.data);
      });
      ws.on('close', () => c.detach(ws));
      ws.on('error', () => ws.terminate());
      c.attach(ws);
    });
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, o.heartbeatMs);
  heartbeat.unref();

  return {
    server,
    async listen(): Promise<{ host: string; port: number; url: string }> {
      const host = options.host ?? '127.0.0.1';
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, host, () => resolve());
      });
      const port = (server.address() as AddressInfo).port;
      const shown = host.includes(':') ? `[${host}]` : host;
      return { host, port, url: `http://${shown}:${port}` };
    },
    channelInfo(name: string) {
      const c = channels.get(name);
      return c ? { connected: c.connected, backlog: c.backlogSize } : null;
    },
    async close(): Promise<void> {
      clearInterval(heartbeat);
      for (const c of channels.values()) c.close();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      stored?.close();
    },
  };
}
export type RelayServer = ReturnType<typeof createRelayServer>;
