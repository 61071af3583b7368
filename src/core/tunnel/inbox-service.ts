import type { Clock, Random } from '../deps';
import type { EventBus } from '../live/bus';
import type { CapturesRepo } from './captures-repo';
import type { Inbox } from '../../shared/contract/tunnel';
import type { GroupCommit } from '../store/group-commit';
import { forward } from './forward';
import { headerValue, stripHopByHop, type HeaderPair } from './hop-by-hop';
import { checkSignature, type KnownSecret } from './signature-check';
import { SIGNATURE_HEADER } from '../signing/signature';
import { recogniseOneInbox } from '../providers/oneinbox/recognise';
import { problem } from '../http/problem';

/** One request that reached an inbox, over HTTP or through the relay. */
export interface InboundRequest {
  inbox: string;
  via: 'http' | 'relay';
  relayId?: string;
  method: string;
  /** The path as received (`/inbox/dev/x` or `/c/<channel>/x`). */
  path: string;
  /** The part after the inbox prefix, appended to the forward URL (`/x` or ``). */
  suffix: string;
  /** Raw query string without `?`. */
  query: string;
  headers: HeaderPair[];
  body: Buffer;
  sourceAddress: string;
}

/** What the sender is answered. */
export interface InboxResponse {
  status: number;
  headers: HeaderPair[];
  body: Buffer;
}

export interface InboxServiceDeps {
  repo: CapturesRepo;
  /** The store's group commit: a capture joins its turn's transaction, answered once committed. Absent: each write commits alone. */
  commits?: GroupCommit;
  secrets: () => KnownSecret[];
  clock: Clock;
  random: Random;
  bus: EventBus;
  sleep?: (ms: number) => Promise<void>;
  /** A capture's outcome the store refused (a full disk): reported, the answer already left. */
  onStoreError?: (err: unknown) => void;
  /**
   * Whether the store takes writes (the studio's storage health). While it does not, a capture
   * over HTTP is stored and committed before its answer, as a relayed one always is, so that its
   * sender hears of a full disk and the first write that goes through again clears it.
   */
  storeOk?: () => boolean;
}

/**
 * `cap_` + 20 hex digits: the arrival time in ms (11 digits) then 9 random ones. Ids that
 * grow with time land at the end of the store's unique index instead of at a random page:
 * storing a capture cost a third less for it (bench/inbox.ts).
 */
export function captureIdAt(at: Date, random: Random): string {
  const time = Math.max(0, at.getTime()).toString(16).padStart(11, '0').slice(-11);
  return `cap_${time}${random.uuid().replace(/-/g, '').slice(0, 9)}`;
}

/** Joins a forward base URL with the request's path suffix and query. */
export function targetUrl(base: string, suffix: string, query: string): string {
  // Nothing to join (the usual webhook): the base as it is (it parses the same).
  if ((suffix === '' || suffix === '/') && query === '') return base;
  const u = new URL(base);
  if (suffix && suffix !== '/') u.pathname = u.pathname.replace(/\/$/, '') + suffix;
  if (query) u.search = u.search ? `${u.search}&${query}` : `?${query}`;
  return u.toString();
}

const RESPONSE_DROP = new Set(['content-length', 'date']);

/** The target's answer headers the sender gets: hop-by-hop ones (and those `Connection` names), Content-Length and Date dropped. */
export function answerHeaders(headers: readonly HeaderPair[]): HeaderPair[] {
  return stripHopByHop(headers).filter(([k]) => !RESPONSE_DROP.has(k.toLowerCase()));
}

/**
 * The inbox: stores the request (raw bytes, its signature checked against the known
 * secrets) and answers with the configured response, or forwards it to the local target and
 * answers with that target's response (504 on timeout, 502 when unreachable). Over HTTP the
 * forward leaves first and the capture is journaled while the target works (durable with one
 * write per turn, shared by the captures of that turn; in SQLite with the next batch, its
 * outcome in the same row); a relayed request is committed before the relay is acknowledged.
 * Either way the sender is answered only once its capture is durable.
 */
export function createInboxService(deps: InboxServiceDeps) {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  function problemResponse(status: number, detail: string, instance: string): InboxResponse {
    return {
      status,
      headers: [['Content-Type', 'application/problem+json']],
      body: Buffer.from(JSON.stringify(problem(status, detail, { instance }))),
    };
  }

  /** A Sonzai signature is checked (secrets read only then); an unsigned OneInbox payload is recognised as such. */
  function verdictFor(req: InboundRequest, nowSeconds: number) {
    const header = headerValue(req.headers, SIGNATURE_HEADER);
    const oneInbox = header === null ? recogniseOneInbox(req.body) : null;
    if (oneInbox) {
      return {
        ok: null,
        code: 'oneinbox_unsigned' as const,
        message: `OneInbox ${oneInbox} payload: OneInbox documents no signature (nothing to check)`,
        secretId: null,
        webhookId: null,
        eventType: oneInbox,
        timestamp: null,
        checkedSecrets: 0,
      };
    }
    return checkSignature(req.body, header, header === null ? [] : deps.secrets(), nowSeconds);
  }

  /**
   * Stores the request as capture `captureId`: `accept`ed (journaled at the end of this turn, in
   * SQLite with the next batch: the promise settles once it is journaled), or inserted in this
   * turn's transaction when there is a group commit.
   */
  function store(
    req: InboundRequest,
    captureId: string,
    now: Date,
    forwardTo: string | null,
    accept = false,
  ): Promise<void> | undefined {
    const c = {
      captureId,
      inbox: req.inbox,
      via: req.via,
      relayId: req.relayId ?? null,
      method: req.method,
      path: req.path,
      query: req.query,
      headers: req.headers,
      body: req.body,
      sourceAddress: req.sourceAddress,
      signature: verdictFor(req, Math.floor(now.getTime() / 1000)),
      forwardTo,
      receivedAt: now.toISOString(),
    };
    if (accept) return deps.repo.accept(c);
    deps.commits?.join();
    deps.repo.insert(c);
    return undefined;
  }

  /** Stores the request; returns its id, or null when this relayed request was already stored. */
  function record(req: InboundRequest, forwardTo: string | null): string | null {
    if (req.relayId && deps.repo.hasRelayId(req.relayId)) return null;
    const now = deps.clock.now();
    const captureId = captureIdAt(now, deps.random);
    store(req, captureId, now, forwardTo);
    return captureId;
  }

  async function respond(
    req: InboundRequest,
    captureId: string,
    forwardTo: string | null,
    inbox: Inbox = deps.repo.getInbox(req.inbox),
  ): Promise<InboxResponse> {
    const started = performance.now();
    let response: InboxResponse;
    let outcome: Parameters<CapturesRepo['complete']>[1];
    if (forwardTo) {
      const url = targetUrl(forwardTo, req.suffix, req.query);
      const r = await forward({
        url,
        method: req.method,
        headers: req.headers,
        body: req.body,
        timeoutMs: inbox.forwardTimeoutMs,
      });
      if (r.ok) {
        response = {
          status: r.status,
          headers: answerHeaders(r.headers),
          body: r.body,
        };
      } else {
        const status = r.kind === 'timeout' ? 504 : 502;
        response = problemResponse(status, r.error, req.path);
      }
      outcome = {
        responseStatus: response.status,
        forwardStatus: r.ok ? r.status : null,
        forwardHeaders: r.ok ? r.headers : null,
        forwardBody: r.ok ? r.body : null,
        forwardError: r.ok ? null : r.error,
        durationMs: 0,
        completedAt: '',
      };
    } else {
      if (inbox.delayMs > 0) await sleep(inbox.delayMs);
      response = {
        status: inbox.responseStatus,
        headers: [['Content-Type', inbox.responseContentType]],
        body: Buffer.from(inbox.responseBody, 'utf8'),
      };
      outcome = {
        responseStatus: response.status,
        forwardStatus: null,
        forwardHeaders: null,
        forwardBody: null,
        forwardError: null,
        durationMs: 0,
        completedAt: '',
      };
    }
    outcome.durationMs = Math.round(performance.now() - started);
    outcome.completedAt = deps.clock.now().toISOString();
    // The outcome is stored after the answer leaves, in the next transaction that commits anyway
    // (the next capture's, most often): the sender waits only for the capture itself (below),
    // never for this bookkeeping, and it costs no commit of its own.
    const done = outcome;
    // A capture waiting for its batch takes its outcome now: the batch stores both in one row.
    deps.repo.outcome(captureId, done);
    const storeOutcome = () => {
      try {
        const summary = deps.repo.complete(captureId, done, deps.bus.wants('capture.recorded'));
        if (summary) deps.bus.emit('capture.recorded', summary);
      } catch (err) {
        deps.onStoreError?.(err);
      }
    };
    if (deps.commits) deps.commits.later(storeOutcome);
    else setImmediate(storeOutcome);
    response.headers.push(['X-Webhook-Studio-Capture', captureId]);
    return response;
  }

  return {
    record,
    respond,
    /** Resolves once what `record` stored has committed (rejects if the store refused it). */
    committed: (): Promise<void> => deps.commits?.committed() ?? Promise.resolve(),
    /**
     * Forward and store, then answer once stored (journaled: see `storeOk`): the inbox path of a
     * request over HTTP (the relay's uses record and respond).
     */
    async handle(req: InboundRequest): Promise<InboxResponse & { captureId: string }> {
      const inbox = deps.repo.getInbox(req.inbox);
      const now = deps.clock.now();
      const captureId = captureIdAt(now, deps.random);
      // The request is on its way to the target first (respond writes it before its first
      // await); the capture is stored while the target works: journaled while the store takes
      // writes (durable at the end of this turn, in SQLite with the next batch), else inserted
      // and committed at the end of this turn. The sender is answered only once it is stored: a
      // capture that cannot be stored is an error to the sender (507), even after the forward.
      const responding = respond(req, captureId, inbox.forwardTo, inbox);
      const accept = deps.storeOk?.() ?? false;
      let stored: Promise<void> | undefined;
      try {
        stored = store(req, captureId, now, inbox.forwardTo, accept) ?? deps.commits?.committed();
      } catch (err) {
        responding.catch(() => {});
        throw err;
      }
      stored?.catch(() => {}); // awaited below, once the target has answered
      const response = await responding;
      await stored;
      return { ...response, captureId };
    },
  };
}
export type InboxService = ReturnType<typeof createInboxService>;
