import WebSocket from 'ws';
import type { Clock } from '../deps';
import type { EventBus } from '../live/bus';
import type { CapturesRepo } from './captures-repo';
import type { InboxService, InboundRequest } from './inbox-service';
import type { RelayStatus } from '../../shared/contract/tunnel';
import {
  RELAY_CONNECT_PATH,
  RelayToClientSchema,
  type ClientToRelay,
  type RelayRequest,
} from '../../shared/relay-protocol';
import { StudioError } from '../../shared/errors';

export interface RelayClientOptions {
  inbox: InboxService;
  repo: CapturesRepo;
  bus: EventBus;
  clock: Clock;
  /** How often the round-trip time is measured (and a dead relay detected). */
  pingIntervalMs?: number;
  /** Reconnect backoff: first delay and ceiling, doubled with jitter in between. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** How long `connect()` waits for the first connection before answering. */
  connectWaitMs?: number;
}

export interface RelayTarget {
  url: string;
  channel: string;
  token: string;
  inbox: string;
}

export const RELAY_CLIENT_DEFAULTS = {
  pingIntervalMs: 5_000,
  backoffInitialMs: 250,
  backoffMaxMs: 15_000,
  connectWaitMs: 5_000,
} as const;

/** Backoff before reconnect attempt `n` (0-based): doubling, capped, with ±25 % jitter. */
export function backoffDelay(n: number, initialMs: number, maxMs: number, random: number): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(n, 20));
  return Math.round(base * (0.75 + random * 0.5));
}

export function channelUrl(relayUrl: string, channel: string): string {
  return `${relayUrl.replace(/\/+$/, '')}/c/${channel}`;
}

function connectUrl(relayUrl: string, channel: string): string {
  const u = new URL(relayUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname = u.pathname.replace(/\/+$/, '') + RELAY_CONNECT_PATH;
  u.search = `?channel=${encodeURIComponent(channel)}`;
  return u.toString();
}

/**
 * The studio's side of the relay: one WebSocket to the relay, reconnecting by itself
 * with backoff. Each relayed request goes through the inbox (stored, acked, forwarded)
 * and its local response goes back; requests the relay kept while we were away arrive
 * first and are handled one after the other, in order, each once.
 */
export function createRelayClient(opts: RelayClientOptions) {
  const pingEvery = opts.pingIntervalMs ?? RELAY_CLIENT_DEFAULTS.pingIntervalMs;
  const backoffInitial = opts.backoffInitialMs ?? RELAY_CLIENT_DEFAULTS.backoffInitialMs;
  const backoffMax = opts.backoffMaxMs ?? RELAY_CLIENT_DEFAULTS.backoffMaxMs;
  const connectWait = opts.connectWaitMs ?? RELAY_CLIENT_DEFAULTS.connectWaitMs;

  let target: RelayTarget | null = null;
  let ws: WebSocket | null = null;
  let generation = 0;
  let attempt = 0;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let pingTimer: NodeJS.Timeout | null = null;
  const pings = new Map<string, number>();
  let pingSeq = 0;
  let serial: Promise<void> = Promise.resolve();

  const st: RelayStatus = {
    state: 'off',
    relayUrl: null,
    channel: null,
    channelUrl: null,
    inbox: null,
    rttMs: null,
    backlog: 0,
    relayed: 0,
    reconnects: 0,
    lastError: null,
    since: null,
  };
  const waiters = new Set<() => void>();

  function publish(patch: Partial<RelayStatus>): void {
    const stateChanged = patch.state !== undefined && patch.state !== st.state;
    Object.assign(st, patch);
    if (stateChanged) st.since = opts.clock.now().toISOString();
    opts.bus.emit('relay.status', { ...st });
    if (st.state !== 'connecting' && st.state !== 'reconnecting') for (const w of waiters) w();
  }

  function send(sock: WebSocket, msg: ClientToRelay): void {
    if (sock.readyState === WebSocket.OPEN) sock.send(JSON.stringify(msg));
  }

  function stopTimers(): void {
    if (reconnectTimer) clearTimeout(reconnectTimer);
    if (pingTimer) clearInterval(pingTimer);
    reconnectTimer = null;
    pingTimer = null;
    pings.clear();
  }

  async function handle(sock: WebSocket, t: RelayTarget, msg: RelayRequest): Promise<void> {
    const q = msg.path.indexOf('?');
    const pathOnly = q >= 0 ? msg.path.slice(0, q) : msg.path;
    const req: InboundRequest = {
      inbox: t.inbox,
      via: 'relay',
      relayId: msg.id,
      method: msg.method,
      path: `/c/${t.channel}${pathOnly === '/' ? '' : pathOnly}`,
      suffix: pathOnly === '/' ? '' : pathOnly,
      query: q >= 0 ? msg.path.slice(q + 1) : '',
      headers: msg.headers,
      body: Buffer.from(msg.bodyBase64, 'base64'),
      sourceAddress: msg.remote,
    };
    if (sock !== ws) return; // that connection is gone; the relay sends it again on the new one
    const forwardTo = opts.repo.getInbox(t.inbox).forwardTo;
    const captureId = opts.inbox.record(req, forwardTo);
    // Acknowledged only once stored: the relay forgets an acknowledged request, so a studio that
    // stops before the commit must get it again (a capture the store refused is not acknowledged).
    // A repeat waits too: the first copy may still be in this turn's transaction.
    await opts.inbox.committed();
    if (sock !== ws) return;
    send(sock, { type: 'ack', id: msg.id });
    if (msg.queued) publish({ backlog: Math.max(0, st.backlog - 1) });
    if (!captureId) return; // already stored and forwarded once: never twice
    const res = await opts.inbox.respond(req, captureId, forwardTo);
    st.relayed++;
    if (!msg.queued) {
      send(sock, {
        type: 'response',
        id: msg.id,
        status: res.status,
        headers: res.headers,
        bodyBase64: res.body.toString('base64'),
      });
    }
  }

  function open(): void {
    const t = target;
    if (!t) return;
    const gen = ++generation;
    const sock = new WebSocket(connectUrl(t.url, t.channel), {
      headers: { authorization: `Bearer ${t.token}` },
      maxPayload: 16 * 1024 * 1024,
      handshakeTimeout: 10_000,
    });
    ws = sock;
    const current = () => gen === generation;

    sock.on('unexpected-response', (_req, res) => {
      if (!current()) return;
      const code = res.statusCode ?? 0;
      res.resume();
      sock.terminate();
      if (code === 401 || code === 403) {
        generation++;
        ws = null;
        stopTimers();
        publish({ state: 'refused', lastError: `the relay refused the token (${code})` });
      } else {
        fail(`the relay answered ${code} to the connection`);
      }
    });
    sock.on('open', () => {
      if (!current()) return;
      attempt = 0;
      serial = Promise.resolve();
      publish({ state: 'connected', lastError: null });
      const ping = () => {
        const stale = [...pings.values()].some((at) => performance.now() - at > pingEvery * 2);
        if (stale) {
          sock.terminate();
          return;
        }
        const id = `p${++pingSeq}`;
        pings.set(id, performance.now());
        send(sock, { type: 'ping', id });
      };
      ping();
      pingTimer = setInterval(ping, pingEvery);
      pingTimer.unref();
    });
    sock.on('message', (data) => {
      if (!current()) return;
      let parsed;
      try {
        parsed = RelayToClientSchema.safeParse(JSON.parse(data.toString()));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const m = parsed.data;
      if (m.type === 'hello') publish({ backlog: m.backlog });
      else if (m.type === 'pong') {
        const at = pings.get(m.id);
        pings.delete(m.id);
        if (at !== undefined) publish({ rttMs: Math.round((performance.now() - at) * 100) / 100, backlog: m.backlog });
      } else if (m.queued) {
        serial = serial.then(() => handle(sock, t, m)).catch(() => undefined);
      } else {
        void handle(sock, t, m).catch(() => undefined);
      }
    });
    sock.on('error', (err) => {
      if (current()) st.lastError = err.message;
    });
    sock.on('close', () => {
      if (!current()) return;
      fail(st.lastError ?? 'the relay closed the connection');
    });
  }

  function fail(reason: string): void {
    stopTimers();
    ws = null;
    generation++;
    if (!target) return;
    const delay = backoffDelay(attempt++, backoffInitial, backoffMax, Math.random());
    publish({ state: 'reconnecting', lastError: reason, reconnects: st.reconnects + 1, rttMs: null });
    reconnectTimer = setTimeout(open, delay);
    reconnectTimer.unref();
  }

  function shutdown(): void {
    generation++;
    stopTimers();
    ws?.close(1000, 'studio disconnects');
    ws = null;
  }

  return {
    status: (): RelayStatus => ({ ...st }),
    /** Connects (replacing any previous relay) and waits until connected, refused or `connectWaitMs`. */
    async connect(t: RelayTarget): Promise<RelayStatus> {
      shutdown();
      target = t;
      attempt = 0;
      publish({
        state: 'connecting',
        relayUrl: t.url,
        channel: t.channel,
        channelUrl: channelUrl(t.url, t.channel),
        inbox: t.inbox,
        rttMs: null,
        backlog: 0,
        relayed: 0,
        reconnects: 0,
        lastError: null,
      });
      const settled = new Promise<void>((resolve) => {
        const done = () => {
          waiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, connectWait);
        waiters.add(done);
      });
      open();
      await settled;
      if (st.state === 'refused') throw new StudioError('unavailable', st.lastError ?? 'the relay refused the token');
      return { ...st };
    },
    disconnect(): RelayStatus {
      target = null;
      shutdown();
      publish({ state: 'off', rttMs: null, lastError: null });
      return { ...st };
    },
    close(): void {
      target = null;
      shutdown();
    },
  };
}
export type RelayClient = ReturnType<typeof createRelayClient>;
