import type { AttemptSummary } from '../../shared/contract';
import type { AttemptDetail } from '../../shared/contract/inspector';
import { StudioError } from '../errors';
import type { Db } from '../store/open';
import { attemptColumnsSql } from '../dispatch/attempts-repo';
import { readAttempt } from '../dispatch/attempt-read';
import { parseHeaders, parseStringList, SUMMARY_COLUMNS, toSummary, type AttemptRow, type SummaryRow } from './rows';

/** Longest timeline returned (tries + retries + replays of one delivery). */
export const TIMELINE_MAX = 200;
const REPLAY_DEPTH_MAX = 50;

export function getRow(db: Db, attemptId: string): AttemptRow {
  const row = db.prepare(`SELECT ${attemptColumnsSql('a')} FROM attempts a WHERE attempt_id = ?`).get(attemptId) as
    AttemptRow | undefined;
  if (!row) throw new StudioError('not_found', `no attempt ${attemptId}`);
  return readAttempt(row);
}

/** The body as bytes; text bodies stored as TEXT come back as strings. */
export function bodyBuffer(body: Buffer | string | null): Buffer {
  if (body === null) return Buffer.alloc(0);
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
}

export function isUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

export function prettyJson(text: string | null): string | null {
  if (text === null || text.trim() === '') return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

/**
 * Every try, retry and replay linked to an attempt: walk `replay_of` up to the origin,
 * take the origin's delivery, then follow replays down. Oldest first, bounded.
 */
export function timeline(db: Db, row: AttemptRow): AttemptSummary[] {
  const byId = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM attempts WHERE attempt_id = ?`);
  let origin: SummaryRow = row;
  for (let i = 0; i < REPLAY_DEPTH_MAX && origin.replay_of; i++) {
    const up = byId.get(origin.replay_of) as SummaryRow | undefined;
    if (!up) break;
    origin = up;
  }
  const found = new Map<string, SummaryRow>();
  const add = (r: SummaryRow) => found.size < TIMELINE_MAX && found.set(r.attempt_id, r);
  add(origin);
  if (origin.delivery_id) {
    const rows = db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM attempts WHERE delivery_id = ? ORDER BY seq LIMIT ?`)
      .all(origin.delivery_id, TIMELINE_MAX) as SummaryRow[];
    rows.forEach(add);
  }
  const replays = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM attempts WHERE replay_of = ? ORDER BY seq LIMIT ?`);
  let frontier = [...found.keys()];
  for (let depth = 0; depth < REPLAY_DEPTH_MAX && frontier.length && found.size < TIMELINE_MAX; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const r of replays.all(id, TIMELINE_MAX) as SummaryRow[]) {
        if (found.has(r.attempt_id)) continue;
        add(r);
        next.push(r.attempt_id);
      }
    }
    frontier = next;
  }
  add(row);
  return [...found.values()].sort((a, b) => a.seq - b.seq).map(toSummary);
}

export function attemptDetail(db: Db, attemptId: string): AttemptDetail {
  const row = getRow(db, attemptId);
  const body = bodyBuffer(row.request_body);
  const utf8 = isUtf8(body);
  const bodyText = body.toString('utf8');
  return {
    summary: toSummary(row),
    webhookId: row.webhook_id,
    request: {
      method: 'POST',
      url: row.webhook_url,
      headers: parseHeaders(row.request_headers_json) ?? {},
      bodyText,
      bodyBase64: body.toString('base64'),
      bodyBytes: body.length,
      bodyPretty: utf8 ? prettyJson(bodyText) : null,
      isUtf8: utf8,
    },
    response: {
      status: row.response_code,
      headers: parseHeaders(row.response_headers_json),
      body: row.response_body,
      bodyPretty: prettyJson(row.response_body),
      truncated: row.response_body_truncated !== 0,
    },
    signature: {
      header: row.signature_header,
      signedAt: row.signed_at,
      secretIds: parseStringList(row.secret_ids_json),
    },
    timeline: timeline(db, row),
  };
}
