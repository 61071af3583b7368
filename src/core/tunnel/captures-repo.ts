import type { Clock } from '../deps';
import type { Db } from '../store/open';
import type { GroupCommit } from '../store/group-commit';
import type { CaptureJournal } from './capture-journal';
import { createCaptureBatches } from './capture-batches';
import { createInboxesRepo } from './inboxes-repo';
import { headerValue, type HeaderPair } from './hop-by-hop';
import {
  TUNNEL_LIMITS,
  type CaptureDetail,
  type CaptureSummary,
  type SignatureVerdict,
} from '../../shared/contract/tunnel';

const SUMMARY_COLUMNS = `seq, capture_id, inbox, via, relay_id, method, path, query, content_type,
  length(body) AS body_size, source_address, signature_json, forward_to, forward_status, forward_error,
  response_status, duration_ms, received_at`;

interface FullCaptureRow extends CaptureRow {
  headers_json: string;
  body: Buffer;
  forward_headers_json: string | null;
  forward_body: Buffer | null;
}

interface CaptureRow {
  seq: number;
  capture_id: string;
  inbox: string;
  via: 'http' | 'relay';
  relay_id: string | null;
  method: string;
  path: string;
  query: string;
  content_type: string | null;
  body_size: number;
  source_address: string;
  signature_json: string;
  forward_to: string | null;
  forward_status: number | null;
  forward_error: string | null;
  response_status: number | null;
  duration_ms: number;
  received_at: string;
}

export interface NewCapture {
  captureId: string;
  inbox: string;
  via: 'http' | 'relay';
  relayId: string | null;
  method: string;
  path: string;
  query: string;
  headers: HeaderPair[];
  body: Buffer;
  sourceAddress: string;
  signature: SignatureVerdict;
  forwardTo: string | null;
  receivedAt: string;
}

export interface CaptureOutcome {
  responseStatus: number;
  forwardStatus: number | null;
  forwardHeaders: HeaderPair[] | null;
  forwardBody: Buffer | null;
  forwardError: string | null;
  durationMs: number;
  completedAt: string;
}

function toSummary(r: CaptureRow): CaptureSummary {
  return {
    seq: r.seq,
    captureId: r.capture_id,
    inbox: r.inbox,
    via: r.via,
    method: r.method,
    path: r.path,
    query: r.query,
    contentType: r.content_type,
    bodySize: r.body_size,
    sourceAddress: r.source_address,
    signature: JSON.parse(r.signature_json) as SignatureVerdict,
    forwardTo: r.forward_to,
    responseStatus: r.response_status ?? 0,
    forwardStatus: r.forward_status,
    forwardError: r.forward_error,
    durationMs: r.duration_ms,
    receivedAt: r.received_at,
  };
}

/** A new capture's columns, in `insertCapture`'s order (and the two it shares with its summary). */
function captureParams(c: NewCapture) {
  const contentType = headerValue(c.headers, 'content-type');
  const signatureJson = JSON.stringify(c.signature);
  const values = [
    c.captureId,
    c.inbox,
    c.via,
    c.relayId,
    c.method,
    c.path,
    c.query,
    JSON.stringify(c.headers),
    contentType,
    c.body,
    c.sourceAddress,
    signatureJson,
    c.signature.ok === null ? null : c.signature.ok ? 1 : 0,
    c.forwardTo,
    c.receivedAt,
  ];
  return { values, contentType, signatureJson };
}

/** An outcome's columns, in `completeCapture`'s order (NULLs when none is known yet). */
function outcomeParams(o: CaptureOutcome | null) {
  return [
    o ? o.responseStatus : null,
    o ? o.forwardStatus : null,
    o?.forwardHeaders ? JSON.stringify(o.forwardHeaders) : null,
    o ? o.forwardBody : null,
    o ? o.forwardError : null,
    o ? o.durationMs : 0,
    o ? o.completedAt : null,
  ];
}

/** The summary row of a capture just stored, without an outcome. */
function summaryRow(c: NewCapture, seq: number, contentType: string | null, signatureJson: string): CaptureRow {
  return {
    seq,
    capture_id: c.captureId,
    inbox: c.inbox,
    via: c.via,
    relay_id: c.relayId,
    method: c.method,
    path: c.path,
    query: c.query,
    content_type: contentType,
    body_size: c.body.length,
    source_address: c.sourceAddress,
    signature_json: signatureJson,
    forward_to: c.forwardTo,
    forward_status: null,
    forward_error: null,
    response_status: null,
    duration_ms: 0,
    received_at: c.receivedAt,
  };
}

const withOutcome = (row: CaptureRow, o: CaptureOutcome): CaptureRow => ({
  ...row,
  response_status: o.responseStatus,
  forward_status: o.forwardStatus,
  forward_error: o.forwardError,
  duration_ms: o.durationMs,
});

export interface CapturesRepoOptions {
  /**
   * Where `accept` makes a capture durable before it reaches SQLite (`capture-journal.ts`).
   * Without one, `accept` stores at once (`insert`).
   */
  journal?: CaptureJournal;
  /** The store's group commit: a batch that joins its transaction settles the journal once it commits. */
  commits?: GroupCommit;
  /** Most captures waiting for their batch; past it they are stored at once. */
  maxPending?: number;
  /** Most body bytes waiting for their batch (memory); past it they are stored at once. */
  maxPendingBytes?: number;
}

/**
 * Captured requests (and, from `inboxes-repo.ts`, each inbox's configuration), in SQLite.
 * Bounded: the oldest captures are pruned.
 *
 * The inbox path (`accept`) appends each capture to the journal and keeps it in memory; captures
 * reach `captures` in batches (`flush`): with the first outcome stored (the group commit's next
 * turn, at most `LATER_MAX_DELAY_MS` after the answer left), before any read of captures, or
 * when `maxPending` captures (or `maxPendingBytes`) wait. A capture whose outcome is known by
 * then (`outcome`) is stored with it, one INSERT and nothing more; one whose target is still
 * working gets an UPDATE later. So a sender is answered once its capture is durable, and
 * whoever reads captures sees every capture accepted before the read.
 */
export function createCapturesRepo(
  db: Db,
  clock: Clock,
  maxCaptures: number = TUNNEL_LIMITS.maxCaptures,
  opts: CapturesRepoOptions = {},
) {
  // Positional parameters: binding by name costs a lookup per parameter on every capture.
  const insertCapture = db.prepare(
    `INSERT INTO captures (capture_id, inbox, via, relay_id, method, path, query, headers_json, content_type, body,
       source_address, signature_json, signature_ok, forward_to, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // A batched capture whose outcome is known: both in one row. `OR IGNORE`: a capture read back
  // from the journal after a failed commit or a restart may be stored already.
  const insertCompleted = db.prepare(
    `INSERT OR IGNORE INTO captures (capture_id, inbox, via, relay_id, method, path, query, headers_json, content_type,
       body, source_address, signature_json, signature_ok, forward_to, received_at, response_status, forward_status,
       forward_headers_json, forward_body, forward_error, duration_ms, completed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const completeCapture = db.prepare(
    `UPDATE captures SET response_status = ?, forward_status = ?, forward_headers_json = ?, forward_body = ?,
       forward_error = ?, duration_ms = ?, completed_at = ?
     WHERE seq = ?`,
  );
  const byId = db.prepare<[string], FullCaptureRow>(
    'SELECT *, length(body) AS body_size FROM captures WHERE capture_id = ?',
  );
  const summaryById = db.prepare<[string], CaptureRow>(`SELECT ${SUMMARY_COLUMNS} FROM captures WHERE capture_id = ?`);
  const byRelayId = db.prepare<[string], { seq: number }>('SELECT seq FROM captures WHERE relay_id = ?');
  const prune = db.prepare('DELETE FROM captures WHERE seq <= (SELECT MAX(seq) FROM captures) - ?');
  let insertsSincePrune = 0;
  // Captures stored but not yet completed: their summary, so completing one reads nothing back.
  const open = new Map<string, CaptureRow>();
  const MAX_OPEN = 10_000;

  /** Batched captures stored with their outcome, until `complete` (which then writes nothing). */
  const completed = new Map<string, CaptureRow>();

  /** Counts inserted captures; every 100, the oldest beyond `maxCaptures` go. */
  function inserted(count: number): void {
    insertsSincePrune += count;
    if (insertsSincePrune < 100) return;
    insertsSincePrune = 0;
    prune.run(maxCaptures);
  }

  /** Remembers a stored capture's summary row (so completing it reads nothing back). */
  function remember(into: Map<string, CaptureRow>, row: CaptureRow): void {
    if (into.size >= MAX_OPEN) into.clear();
    into.set(row.capture_id, row);
  }

  /** Stores one batched capture (with its outcome if known), unless it is stored already (false). */
  function storeBatched(c: NewCapture, o: CaptureOutcome | null): boolean {
    const p = captureParams(c);
    const { changes, lastInsertRowid } = insertCompleted.run(...p.values, ...outcomeParams(o));
    if (!changes) return false;
    const row = summaryRow(c, Number(lastInsertRowid), p.contentType, p.signatureJson);
    if (o) remember(completed, withOutcome(row, o));
    else remember(open, row);
    return true;
  }

  const batches = opts.journal
    ? createCaptureBatches(db, {
        journal: opts.journal,
        commits: opts.commits,
        maxPending: opts.maxPending,
        maxPendingBytes: opts.maxPendingBytes,
        store: storeBatched,
        stored: inserted,
        rolledBack: () => {
          open.clear();
          completed.clear();
        },
      })
    : null;
  /** Before a read: everything accepted is in SQLite. */
  const caughtUp = () => batches?.caughtUp();

  return {
    ...createInboxesRepo(db, clock),
    /**
     * The inbox path: the capture is durable once the promise resolves (journaled with the others
     * of this turn, or stored at once when there is no journal); it reaches SQLite with the next
     * batch. Rejects with what the disk refuses.
     */
    accept(c: NewCapture): Promise<void> {
      if (batches) return batches.accept(c);
      this.insert(c);
      return Promise.resolve();
    },
    /** Stores what was accepted and not yet stored; throws what the store refuses. */
    flush(): void {
      batches?.flush();
    },
    /**
     * A capture's outcome is known (its answer is leaving): an accepted capture still waiting for
     * its batch takes it along, one row for both. `complete` stores it either way.
     */
    outcome(captureId: string, o: CaptureOutcome): void {
      batches?.outcome(captureId, o);
    },
    /** Captures accepted and not yet in SQLite. */
    get pending(): number {
      return batches?.pending ?? 0;
    },
    /**
     * At start: the captures a studio that stopped left in the journal (accepted, answered, not
     * yet in SQLite) are stored, without their outcome; how many were not stored yet.
     */
    recover(): number {
      return batches?.recover() ?? 0;
    },
    insert(c: NewCapture): void {
      const p = captureParams(c);
      const { lastInsertRowid } = insertCapture.run(...p.values);
      remember(open, summaryRow(c, Number(lastInsertRowid), p.contentType, p.signatureJson));
      inserted(1);
    },
    /** Stores a capture's outcome; its summary when asked for (null when the capture is gone). */
    complete(captureId: string, o: CaptureOutcome, summarise = true): CaptureSummary | null {
      // Not in SQLite yet: it goes in with its outcome, now.
      if (batches?.outcome(captureId, o)) batches.flush();
      const done = completed.get(captureId);
      if (done) {
        // Stored by its batch with this outcome: nothing left to write.
        completed.delete(captureId);
        return summarise ? toSummary(done) : null;
      }
      const stored = open.get(captureId);
      completeCapture.run(...outcomeParams(o), stored?.seq ?? summaryById.get(captureId)?.seq ?? -1);
      open.delete(captureId);
      if (!summarise) return null;
      if (!stored) return this.summary(captureId);
      return toSummary(withOutcome(stored, o));
    },
    summary(captureId: string): CaptureSummary | null {
      caughtUp();
      const row = summaryById.get(captureId);
      return row ? toSummary(row) : null;
    },
    hasRelayId(relayId: string): boolean {
      // Relayed captures are inserted (and committed before the relay's ack), never accepted into
      // a batch: nothing waiting for one can hold a relay id.
      return byRelayId.get(relayId) !== undefined;
    },
    get(captureId: string): CaptureDetail | null {
      caughtUp();
      const r = byId.get(captureId);
      if (!r) return null;
      return {
        ...toSummary(r),
        headers: JSON.parse(r.headers_json) as HeaderPair[],
        bodyBase64: r.body.toString('base64'),
        forwardHeaders: r.forward_headers_json ? (JSON.parse(r.forward_headers_json) as HeaderPair[]) : null,
        forwardBodyBase64: r.forward_body ? r.forward_body.toString('base64') : null,
        relayId: r.relay_id,
      };
    },
    /** Raw bytes and headers of a capture (for replay). */
    raw(captureId: string): { method: string; headers: HeaderPair[]; body: Buffer } | null {
      caughtUp();
      const r = byId.get(captureId);
      return r ? { method: r.method, headers: JSON.parse(r.headers_json) as HeaderPair[], body: r.body } : null;
    },
    list(query: { inbox?: string; limit: number; beforeSeq?: number }): {
      captures: CaptureSummary[];
      hasMore: boolean;
    } {
      caughtUp();
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (query.inbox) {
        where.push('inbox = ?');
        args.push(query.inbox);
      }
      if (query.beforeSeq !== undefined) {
        where.push('seq < ?');
        args.push(query.beforeSeq);
      }
      const sql = `SELECT ${SUMMARY_COLUMNS} FROM captures ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY seq DESC LIMIT ?`;
      const rows = db.prepare<(string | number)[], CaptureRow>(sql).all(...args, query.limit + 1);
      return { captures: rows.slice(0, query.limit).map(toSummary), hasMore: rows.length > query.limit };
    },
  };
}
export type CapturesRepo = ReturnType<typeof createCapturesRepo>;
