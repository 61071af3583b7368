import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import type { ClientToRelay, RelayRequest } from '../shared/relay-protocol';
import { RELAY_CLOSE } from '../shared/relay-protocol';
import { sendProblem, writeResponse } from './http-out';
import type { BacklogJournal } from './journal';

const DISK_FULL = "the relay's disk is full: this request was not kept; try again later";

interface InFlight {
  msg: RelayRequest;
  res: ServerResponse;
  socket: WebSocket;
  acked: boolean;
  timer: NodeJS.Timeout;
}

export interface ChannelLimits {
  /** Requests kept while no studio is connected, and requests waiting for its answer; 503 beyond. */
  maxBacklog: number;
  /** Bytes of request bodies kept while no studio is connected; 503 beyond. */
  maxBacklogBytes: number;
  /** How long a sender waits for the studio's answer; 504 beyond. */
  responseTimeoutMs: number;
}

/**
 * One channel: at most one studio connection, the requests waiting for it (backlog,
 * in arrival order, kept until the studio acks each) and the senders waiting for an answer.
 */
export class Channel {
  readonly name: string;
  private client: WebSocket | null = null;
  private readonly backlog: RelayRequest[] = [];
  private readonly inflight = new Map<string, InFlight>();
  private backlogBytes = 0;

  constructor(
    name: string,
    private readonly limits: ChannelLimits,
    private readonly journal: BacklogJournal | null = null,
    restored: RelayRequest[] = [],
  ) {
    this.name = name;
    for (const msg of restored) {
      this.backlog.push(msg);
      this.backlogBytes += msg.bodyBase64.length;
    }
  }

  get connected(): boolean {
    return this.client !== null;
  }
  get backlogSize(): number {
    return this.backlog.length;
  }

  /** Room for one more request of `bytes` (base64 length) in the backlog? */
  private fits(bytes: number): boolean {
    return this.backlog.length < this.limits.maxBacklog && this.backlogBytes + bytes <= this.limits.maxBacklogBytes;
  }

  /**
   * Keeps a request for the studio; false (nothing kept) when the journal's disk refused it,
   * so the sender is told to try again instead of "kept" for a request a restart would lose.
   */
  private enqueue(msg: RelayRequest): boolean {
    const queued = { ...msg, queued: true };
    try {
      this.journal?.added(this.name, queued);
    } catch (err) {
      this.journalTrouble(err);
      return false;
    }
    this.backlog.push(queued);
    this.backlogBytes += msg.bodyBase64.length;
    return true;
  }

  private journalTrouble(err: unknown): void {
    process.stderr.write(
      `webhook-studio relay: cannot write the journal (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); requests are refused with 507 until it can\n`,
    );
  }

  /** A studio connected: the previous one (if any) is replaced, then the backlog is sent in order. */
  attach(ws: WebSocket): void {
    const previous = this.client;
    if (previous) {
      this.detach(previous);
      previous.close(RELAY_CLOSE.replaced, 'replaced by a newer connection');
    }
    this.client = ws;
    this.send(ws, { type: 'hello', channel: this.name, backlog: this.backlog.length });
    for (const msg of this.backlog) this.send(ws, msg);
  }

  /** The studio went away: unacked live requests join the backlog (their senders get 202). */
  detach(ws: WebSocket): void {
    if (this.client !== ws) return;
    this.client = null;
    for (const [id, f] of this.inflight) {
      if (f.socket !== ws) continue;
      clearTimeout(f.timer);
      this.inflight.delete(id);
      if (f.acked) {
        sendProblem(f.res, 502, 'the studio disconnected before answering; the request was delivered', f.msg.path);
      } else if (this.fits(f.msg.bodyBase64.length)) {
        // Arrival order: these came after everything already in the backlog.
        if (this.enqueue(f.msg)) writeQueued(f.res, f.msg.id, this.backlog.length);
        else sendProblem(f.res, 507, DISK_FULL, f.msg.path);
      } else {
        sendProblem(f.res, 503, `the studio is offline and the channel backlog is full`, f.msg.path);
      }
    }
  }

  /** A request from the public side. */
  accept(msg: RelayRequest, res: ServerResponse): void {
    const ws = this.client;
    if (ws) {
      if (this.inflight.size >= this.limits.maxBacklog) {
        sendProblem(res, 503, `${this.inflight.size} requests are already waiting for the studio`, msg.path);
        return;
      }
      const timer = setTimeout(() => {
        this.inflight.delete(msg.id);
        sendProblem(res, 504, `the studio did not answer within ${this.limits.responseTimeoutMs} ms`, msg.path);
      }, this.limits.responseTimeoutMs);
      this.inflight.set(msg.id, { msg, res, socket: ws, acked: false, timer });
      this.send(ws, msg);
      return;
    }
    if (!this.fits(msg.bodyBase64.length)) {
      sendProblem(
        res,
        503,
        `the studio is offline and the channel backlog is full (${this.limits.maxBacklog} requests, ` +
          `${this.limits.maxBacklogBytes} bytes)`,
        msg.path,
      );
      return;
    }
    if (this.enqueue(msg)) writeQueued(res, msg.id, this.backlog.length);
    else sendProblem(res, 507, DISK_FULL, msg.path);
  }

  /** A message from the studio. */
  receive(ws: WebSocket, m: ClientToRelay): void {
    if (m.type === 'ping') {
      this.send(ws, { type: 'pong', id: m.id, backlog: this.backlog.length });
      return;
    }
    if (m.type === 'ack') {
      const f = this.inflight.get(m.id);
      if (f) f.acked = true;
      const i = this.backlog.findIndex((b) => b.id === m.id);
      if (i >= 0) {
        this.backlogBytes -= this.backlog.splice(i, 1)[0].bodyBase64.length;
        try {
          this.journal?.removed(this.name, m.id);
        } catch (err) {
          // Kept in the journal: after a restart it is sent again, and the studio stores it once.
          this.journalTrouble(err);
        }
      }
      return;
    }
    const f = this.inflight.get(m.id);
    if (!f) return; // a backlog request (sender already answered 202) or timed out
    clearTimeout(f.timer);
    this.inflight.delete(m.id);
    writeResponse(f.res, m.status, m.headers, Buffer.from(m.bodyBase64, 'base64'));
  }

  /** Relay shutting down: every waiting sender gets an answer. */
  close(): void {
    for (const f of this.inflight.values()) {
      clearTimeout(f.timer);
      sendProblem(f.res, 503, 'the relay is shutting down', f.msg.path);
    }
    this.inflight.clear();
    this.client?.close(RELAY_CLOSE.shutdown, 'relay shutting down');
    this.client = null;
  }

  private send(ws: WebSocket, msg: object): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  }
}

function writeQueued(res: ServerResponse, id: string, position: number): void {
  const body = Buffer.from(JSON.stringify({ queued: true, id, position }));
  res.writeHead(202, { 'Content-Type': 'application/json', 'Content-Length': body.length });
  res.end(body);
}
