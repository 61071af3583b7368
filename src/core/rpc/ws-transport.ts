import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_ENVELOPE_BYTES } from '../../shared/envelope';
import type { Dispatch } from './dispatch';
import type { EventBus } from '../live/bus';
import type { EventName } from '../../shared/contract';
import { WS_PATH } from './ws-path';
import type { HostGuard } from '../http/host-guard';
import { absoluteInstance, problem } from '../http/problem';
import { endWithProblem, refuseUpgrade } from '../http/server';

export { WS_PATH };

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface WsTransportOptions {
  server: Server;
  token: string;
  dispatch: Dispatch;
  bus: EventBus;
  /** The names a request may give in its Host header (and its Origin). */
  hosts: HostGuard;
}

/**
 * `?events=a,b` names the live events a client wants (the CLI following a burst wants its
 * progress, not every attempt); without it, a client gets every event (the UI).
 */
export function wantedEvents(url: string | undefined): ReadonlySet<string> | null {
  const raw = new URL(url ?? '/', 'http://studio.invalid').searchParams.get('events');
  if (raw === null) return null;
  return new Set(raw.split(',').filter(Boolean).slice(0, 64));
}

/**
 * The WebSocket face of the contract. A connection needs the per-launch token, and its
 * Host (and Origin, when a browser sends one) must be the studio's own: a web page the
 * developer visits cannot drive the studio, even through DNS rebinding.
 */
export function attachWsTransport(opts: WsTransportOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_ENVELOPE_BYTES });

  function check(req: IncomingMessage): [number, string] | null {
    const url = new URL(req.url ?? '/', 'http://studio.invalid');
    const badHost = opts.hosts.refuse(req.headers.host);
    if (badHost) return [421, badHost];
    const origin = req.headers.origin;
    if (origin !== undefined) {
      const m = /^http:\/\/([^/]+)$/.exec(origin);
      if (!m || opts.hosts.refuse(m[1])) return [403, `Origin "${origin.slice(0, 200)}" may not drive the studio`];
    }
    const token = url.searchParams.get('token') ?? '';
    if (!tokensEqual(token, opts.token)) return [401, 'the WebSocket needs the token of this launch (?token=…)'];
    return null;
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH) return refuseUpgrade(req, socket);
    const refused = check(req);
    if (refused) {
      const at = socket as unknown as { localAddress?: string; localPort?: number };
      return endWithProblem(socket, problem(refused[0], refused[1], { instance: absoluteInstance(at, path) }));
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, wantedEvents(req.url)));
  };

  function serve(ws: WebSocket, only: ReadonlySet<string> | null) {
    const unsubscribe = opts.bus.subscribe(
      (e) => {
        if (only && !only.has(e.event)) return;
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(e));
      },
      only ? ([...only] as EventName[]) : undefined,
    );
    ws.on('message', (data) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        ws.send(JSON.stringify({ id: 0, error: { code: 'invalid_params', message: 'message is not JSON' } }));
        return;
      }
      void opts.dispatch(parsed).then((res) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(res));
      });
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
  }

  opts.server.on('upgrade', onUpgrade);
  return {
    get clients() {
      return wss.clients.size;
    },
    close() {
      opts.server.off('upgrade', onUpgrade);
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
}
