import type { AttemptFilter, AttemptPage } from '../../shared/contract/inspector';
import { INSPECTOR_LIMITS } from '../../shared/contract/inspector';
import type { Db } from '../store/open';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './rows';

export interface SqlWhere {
  sql: string;
  params: unknown[];
}

/** `"…"` phrase for FTS5: the user's text is never parsed as FTS syntax. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The WHERE clause for a filter. Each condition matches an index of migrations 003/008
 * (`response_code / 100` is written exactly as the expression index is).
 */
export function whereFor(filter: AttemptFilter, alias = ''): SqlWhere {
  const a = alias ? `${alias}.` : '';
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.eventType !== undefined) {
    parts.push(`${a}event_type = ?`);
    params.push(filter.eventType);
  }
  if (filter.status !== undefined) {
    parts.push(`${a}status = ?`);
    params.push(filter.status);
  }
  if (filter.codeClass !== undefined) {
    parts.push(`${a}response_code / 100 = ?`);
    params.push(filter.codeClass === 'none' ? 0 : Number(filter.codeClass[0]));
  }
  if (filter.webhookUrl !== undefined) {
    parts.push(`${a}webhook_url = ?`);
    params.push(filter.webhookUrl);
  }
  if (filter.kind !== undefined) {
    parts.push(`${a}kind = ?`);
    params.push(filter.kind);
  }
  if (filter.platform !== undefined) {
    parts.push(`${a}platform = ?`);
    params.push(filter.platform);
  }
  // Attempts are stored in time order, so a time range is a seq range: its bounds come
  // from the (created_at, seq) index and the rows are walked on the primary key, newest
  // first, with no sort. `+created_at` keeps the exact check without steering the planner.
  if (filter.since !== undefined) {
    parts.push(
      `${a}seq >= coalesce((SELECT seq FROM attempts WHERE created_at >= ? ORDER BY created_at, seq LIMIT 1), 9e18)`,
      `+${a}created_at >= ?`,
    );
    const since = new Date(filter.since).toISOString();
    params.push(since, since);
  }
  if (filter.until !== undefined) {
    parts.push(
      `${a}seq <= coalesce((SELECT seq FROM attempts WHERE created_at < ? ORDER BY created_at DESC, seq DESC LIMIT 1), -1)`,
      `+${a}created_at < ?`,
    );
    const until = new Date(filter.until).toISOString();
    params.push(until, until);
  }
  if (filter.text !== undefined) {
    parts.push(`${a}seq IN (SELECT rowid FROM attempts_fts WHERE attempts_fts MATCH ?)`);
    params.push(ftsPhrase(filter.text));
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

export interface PageQuery {
  filter: AttemptFilter;
  /** Return rows with seq below this (the previous page's nextCursor); null/undefined = newest. */
  cursor?: number | null;
  limit?: number;
}

/** The SQL of one page, newest first, keyset-paginated on seq (exported for EXPLAIN tests). */
export function pageSql(q: PageQuery): { sql: string; params: unknown[]; limit: number } {
  const limit = Math.min(Math.max(1, q.limit ?? INSPECTOR_LIMITS.pageSizeDefault), INSPECTOR_LIMITS.pageSizeMax);
  const hasCursor = q.cursor !== undefined && q.cursor !== null;
  if (q.filter.text !== undefined) {
    // Drive from the body index, newest first: FTS5 walks its rowids in descending order
    // and stops at the page size, so a word found in most bodies is as fast as a rare one.
    const { text, ...rest } = q.filter;
    const w = whereFor(rest, 'a');
    const cols = SUMMARY_COLUMNS.split(', ')
      .map((c) => `a.${c}`)
      .join(', ');
    return {
      sql:
        `SELECT ${cols} FROM attempts_fts f JOIN attempts a ON a.seq = f.rowid ` +
        `WHERE f.attempts_fts MATCH ?${hasCursor ? ' AND f.rowid < ?' : ''} AND ${w.sql} ORDER BY f.rowid DESC LIMIT ?`,
      params: [ftsPhrase(text), ...(hasCursor ? [q.cursor] : []), ...w.params, limit + 1],
      limit,
    };
  }
  const w = whereFor(q.filter);
  const cursorSql = hasCursor ? ' AND seq < ?' : '';
  const params = [...w.params, ...(hasCursor ? [q.cursor] : []), limit + 1];
  return {
    sql: `SELECT ${SUMMARY_COLUMNS} FROM attempts WHERE ${w.sql}${cursorSql} ORDER BY seq DESC LIMIT ?`,
    params,
    limit,
  };
}

export function listAttempts(db: Db, q: PageQuery): AttemptPage {
  const { sql, params, limit } = pageSql(q);
  const rows = db.prepare(sql).all(...params) as SummaryRow[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { attempts: page.map(toSummary), nextCursor: more ? page[page.length - 1].seq : null };
}

/** Attempt ids matching a filter, newest first, at most `max` (exports, bulk replay). */
export function idsForFilter(db: Db, filter: AttemptFilter, max: number): string[] {
  const w = whereFor(filter);
  const rows = db
    .prepare(`SELECT attempt_id FROM attempts WHERE ${w.sql} ORDER BY seq DESC LIMIT ?`)
    .all(...w.params, max) as { attempt_id: string }[];
  return rows.map((r) => r.attempt_id);
}
