import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/problem';
import type { Clock } from '../deps';
import type { Db } from '../store/open';

/** A key is remembered this long. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
/** Longest `Idempotency-Key` accepted. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

interface Rec {
  request_hash: string;
  status: number | null;
  content_type: string | null;
  body: string | null;
  created_at: string;
}

/** The body as compact JSON when it parsed (so whitespace does not make another request), else as sent. */
function canonicalBody(req: FastifyRequest): string {
  if (req.body !== undefined && req.body !== null) return JSON.stringify(req.body);
  return req.api.rawBody ?? '';
}

/**
 * `Idempotency-Key` on POST/PUT/PATCH: the same key and request within 24 h answers the
 * first response again (no second side effect); the same key with another request → 409.
 * Keys are scoped to the caller's project. "The same request" is the method, the path with
 * its query, and the body as JSON (whitespace aside). Only successful answers are
 * remembered: a refused or failed request did nothing, so a retry runs again.
 */
export function createIdempotency(db: Db, clock: Clock) {
  const get = db.prepare<[string, string], Rec>(
    'SELECT request_hash, status, content_type, body, created_at FROM idempotency_records WHERE project_id = ? AND idem_key = ?',
  );
  const del = db.prepare('DELETE FROM idempotency_records WHERE project_id = ? AND idem_key = ?');
  const begin = db.prepare(
    'INSERT INTO idempotency_records (project_id, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)',
  );
  const finish = db.prepare(
    'UPDATE idempotency_records SET status = ?, content_type = ?, body = ? WHERE project_id = ? AND idem_key = ?',
  );
  const expire = db.prepare('DELETE FROM idempotency_records WHERE created_at < ?');
  let lastExpire = 0;

  return {
    /** preHandler: replays a stored answer (returns true) or records the key as in flight. */
    check(req: FastifyRequest, reply: FastifyReply): boolean {
      if (!['POST', 'PUT', 'PATCH'].includes(req.method)) return false;
      const raw = req.headers['idempotency-key'];
      if (raw === undefined) return false;
      const key = Array.isArray(raw) ? raw[0] : raw;
      if (!key || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
        throw new HttpProblem(400, `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`, [
          { location: 'header.Idempotency-Key', message: 'invalid length', value: key?.slice(0, 50) },
        ]);
      }
      const now = clock.now();
      if (now.getTime() - lastExpire > 60_000) {
        lastExpire = now.getTime();
        expire.run(new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString());
      }
      const projectId = req.api.project!.project_id;
      const hash = createHash('sha256')
        .update(`${req.method} ${req.url}\n${canonicalBody(req)}`)
        .digest('hex');
      let rec = get.get(projectId, key);
      if (rec && Date.parse(rec.created_at) < now.getTime() - IDEMPOTENCY_TTL_MS) {
        del.run(projectId, key);
        rec = undefined;
      }
      if (rec) {
        if (rec.request_hash !== hash) {
          throw new HttpProblem(409, 'Idempotency-Key was already used with a different request', [
            { location: 'header.Idempotency-Key', message: 'reused with another request', value: key },
          ]);
        }
        if (rec.status === null) throw new HttpProblem(409, 'a request with this Idempotency-Key is still in progress');
        req.api.replayed = true;
        void reply
          .code(rec.status)
          .header('idempotent-replayed', 'true')
          .type(rec.content_type ?? 'application/json')
          .send(rec.body ?? '');
        return true;
      }
      begin.run(projectId, key, hash, now.toISOString());
      req.api.idem = { projectId, key };
      return false;
    },
    /** onSend: stores the answer of a request that recorded a key. */
    complete(req: FastifyRequest, reply: FastifyReply, payload: unknown): void {
      const idem = req.api.idem;
      if (!idem) return;
      req.api.idem = undefined;
      if (reply.statusCode >= 300) {
        del.run(idem.projectId, idem.key);
        return;
      }
      const ct = reply.getHeader('content-type');
      finish.run(
        reply.statusCode,
        typeof ct === 'string' ? ct : null,
        typeof payload === 'string' ? payload : '',
        idem.projectId,
        idem.key,
      );
    },
    /** A request that errored before onSend must not keep its key locked. */
    abandon(req: FastifyRequest): void {
      const idem = req.api.idem;
      if (idem) del.run(idem.projectId, idem.key);
    },
  };
}
export type Idempotency = ReturnType<typeof createIdempotency>;
