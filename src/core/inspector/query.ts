import type { AttemptFilter, AttemptPage } from '../../shared/contract/inspector';
import { INSPECTOR_LIMITS } from '../../shared/contract/inspector';
import { attemptBodySql, summaryColumnsSql } from '../dispatch/attempts-repo';
import type { Db } from '../store/open';
import { BLOCK } from './body-index';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './rows';

export interface SqlWhere {
  sql: string;
  params: unknown[];
}

/** Most trigrams of a search text asked of the body index; the text itself is checked after. */
export const MAX_SEARCH_TRIGRAMS = 8;

/**
 * The body index's query for a search text. The index holds each body's trigrams without their
 * positions (migration 014), so it is asked for the bodies holding every trigram of the text (at
 * most `MAX_SEARCH_TRIGRAMS`, spread over it), and `bodyContains` checks the text itself. Each
 * trigram is an FTS5 string: the user's text is never parsed as FTS syntax.
 */
export function ftsTrigrams(text: string): string {
  const chars = Array.from(text);
  const all = [...new Set(chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join('')))];
  const picked =
    all.length <= MAX_SEARCH_TRIGRAMS
      ? all
      : Array.from(
          { length: MAX_SEARCH_TRIGRAMS },
          (_, i) => all[Math.round((i * (all.length - 1)) / (MAX_SEARCH_TRIGRAMS - 1))],
        );
  return picked.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
}

/** Offsets 0 … BLOCK - 1 as a table: a block's attempts are `rowid * BLOCK + offset`. */
const OFFSETS_SQL = `(VALUES ${Array.from({ length: BLOCK }, (_, i) => `(${i})`).join(', ')})`;

/** Every attempt seq of the blocks holding a search's trigrams (the attempts a text may be in). */
const CANDIDATE_SEQS_SQL = `SELECT f.rowid * ${BLOCK} + o.column1 FROM attempts_fts f, ${OFFSETS_SQL} o WHERE f.attempts_fts MATCH ?`;

/** `%text%` for LIKE … ESCAPE '\\': the user's `%` and `_` are plain characters. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * The exact check behind an index hit: the text is in the request body (the attempt's own, or
 * its event's) or in the response body. Case-insensitive for ASCII letters, as LIKE is.
 */
export function bodyContains(table: string, text: string): SqlWhere {
  const like = likeContains(text);
  return {
    sql:
      `(${table}.response_body LIKE ? ESCAPE '\\' ` + `OR CAST(${attemptBodySql(table)} AS TEXT) LIKE ? ESCAPE '\\')`,
    params: [like, like],
  };
}

/**
 * The WHERE clause for a filter. Each condition matches an index of migrations 003/008
 * (`response_code / 100` is written exactly as the expression index is).
 */
export function whereFor(filter: AttemptFilter, alias = '', before: number | null = null): SqlWhere {
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
    // Written out (a closed set), so OneInbox's attempts come from their partial index (migration 014).
    parts.push(filter.platform === 'oneinbox' ? `${a}platform = 'oneinbox'` : `${a}platform = 'sonzai'`);
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
    // One upper bound with a page's cursor (the smaller), so the walk starts at the range's end.
    const last = `coalesce((SELECT seq FROM attempts WHERE created_at < ? ORDER BY created_at DESC, seq DESC LIMIT 1), -1)`;
    parts.push(before === null ? `${a}seq <= ${last}` : `${a}seq <= min(${last}, ? - 1)`, `+${a}created_at < ?`);
    const until = new Date(filter.until).toISOString();
    params.push(until, ...(before === null ? [] : [before]), until);
  } else if (before !== null) {
    parts.push(`${a}seq < ?`);
    params.push(before);
  }
  if (filter.text !== undefined) {
    const check = bodyContains(alias || 'attempts', filter.text);
    parts.push(`${a}seq IN (${CANDIDATE_SEQS_SQL})`, check.sql);
    params.push(ftsTrigrams(filter.text), ...check.params);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

/** A page's size: the default when not given, within 1 and the page maximum. */
export function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(1, limit ?? INSPECTOR_LIMITS.pageSizeDefault), INSPECTOR_LIMITS.pageSizeMax);
}

export interface PageQuery {
  filter: AttemptFilter;
  /** Return rows with seq below this (the previous page's nextCursor); null/undefined = newest. */
  cursor?: number | null;
  limit?: number;
}

/**
 * The SQL of one page without a body search, newest first, keyset-paginated on seq (exported for
 * EXPLAIN tests; a body search's page is `textPageFromIndex`).
 */
export function pageSql(q: PageQuery): { sql: string; params: unknown[]; limit: number } {
  const limit = pageLimit(q.limit);
  const hasCursor = q.cursor !== undefined && q.cursor !== null;
  const w = whereFor(q.filter, '', hasCursor ? q.cursor! : null);
  return {
    sql: `SELECT ${SUMMARY_COLUMNS} FROM attempts WHERE ${w.sql} ORDER BY seq DESC LIMIT ?`,
    params: [...w.params, limit + 1],
    limit,
  };
}

/**
 * Blocks the body index is asked for at first on the newest page; each further ask takes four
 * times as many, up to `MAX_BLOCKS_ASKED`. Below a cursor every ask takes that many at once: FTS5
 * reads each trigram's entries above the cursor before the first it returns (an ask 2,000 blocks
 * deep took 4.8 ms for 16 blocks and 5.2 for 4,096), so there the number of asks is the cost.
 */
export const FIRST_BLOCKS_ASKED = 16;
export const MAX_BLOCKS_ASKED = 4_096;

/**
 * A body search's two statements (exported for EXPLAIN tests): the blocks holding every trigram
 * of the text at or below a block, newest first, and one block's attempts, newest first, with the
 * page's other filters and the text itself checked.
 */
export function textPageSql(q: PageQuery & { filter: { text: string } }): {
  blocks: { sql: string; params: unknown[] };
  inBlock: { sql: string; params: unknown[] };
} {
  const { text, ...rest } = q.filter;
  const w = whereFor(rest, 'a', q.cursor ?? null);
  const check = bodyContains('a', text);
  return {
    blocks: {
      sql: 'SELECT rowid FROM attempts_fts WHERE attempts_fts MATCH ? AND rowid <= ? ORDER BY rowid DESC LIMIT ?',
      params: [ftsTrigrams(text)],
    },
    // The other filters first: a block's rows they rule out are never inflated and searched.
    inBlock: {
      sql: `SELECT ${summaryColumnsSql('a')} FROM attempts a WHERE a.seq BETWEEN ? AND ? AND ${w.sql} AND ${check.sql} ORDER BY a.seq DESC`,
      params: [...w.params, ...check.params],
    },
  };
}

/**
 * A body search's page from the index: the blocks holding every trigram of the text, newest
 * first (FTS5 walks its rowids in descending order and stops at what was asked), each block's
 * attempts checked for the text and the other filters, until the page is full. A word found in
 * most bodies fills its page from the first blocks, as fast as a rare one.
 */
function textPageFromIndex(db: Db, q: PageQuery & { filter: { text: string } }, limit: number): SummaryRow[] {
  const { blocks, inBlock } = textPageSql(q);
  const askBlocks = db.prepare(blocks.sql).pluck();
  const readBlock = db.prepare(inBlock.sql);
  const rows: SummaryRow[] = [];
  const newest = q.cursor === undefined || q.cursor === null;
  let top = newest ? Number.MAX_SAFE_INTEGER : Math.floor((q.cursor! - 1) / BLOCK);
  for (let ask = newest ? FIRST_BLOCKS_ASKED : MAX_BLOCKS_ASKED; top >= 0; ask = Math.min(ask * 4, MAX_BLOCKS_ASKED)) {
    const found = askBlocks.all(...blocks.params, top, ask) as number[];
    for (const b of found) {
      rows.push(...(readBlock.all(b * BLOCK, b * BLOCK + BLOCK - 1, ...inBlock.params) as SummaryRow[]));
      if (rows.length > limit) return rows;
    }
    if (found.length < ask) return rows;
    top = found[found.length - 1] - 1;
  }
  return rows;
}

/** Attempts a body search checks directly below a cursor before it considers the body index. */
export const TEXT_SCAN_ROWS = 500;
/** Most attempts it checks directly, when the first ones say the page will fill within them. */
export const TEXT_SCAN_MAX = 2_500;

/**
 * The direct walk of a body search below a cursor: up to `rows` attempts under it, newest first,
 * each body checked (exported for EXPLAIN tests).
 */
export function textScanSql(
  q: PageQuery & { cursor: number },
  rows = TEXT_SCAN_ROWS,
): { sql: string; params: unknown[]; limit: number } {
  const limit = pageLimit(q.limit);
  const { text, ...rest } = q.filter;
  const w = whereFor(rest, 'a', q.cursor);
  const check = bodyContains('a', text ?? '');
  return {
    sql: `SELECT ${summaryColumnsSql('a')} FROM attempts a WHERE a.seq >= ? AND ${w.sql} AND ${check.sql} ORDER BY a.seq DESC LIMIT ?`,
    params: [q.cursor - rows, ...w.params, ...check.params, limit + 1],
    limit,
  };
}

/**
 * A body search's page below a cursor. FTS5 reaches the first match below a cursor by reading
 * every index entry above it (50 ms and more at 1,000,000 attempts for a text in most bodies:
 * bench/inspector.ts), so the attempts just below the cursor are checked directly first. A common
 * text fills its page there; when the first `TEXT_SCAN_ROWS` say it would take more than
 * `TEXT_SCAN_MAX`, the index is asked below them, where a rarer text is found quickly.
 */
function textPageBelow(db: Db, q: PageQuery & { cursor: number }, limit: number): SummaryRow[] {
  const rows: SummaryRow[] = [];
  let top = q.cursor;
  let chunk = TEXT_SCAN_ROWS;
  for (;;) {
    const scan = textScanSql({ ...q, cursor: top, limit: limit - rows.length }, chunk);
    rows.push(...(db.prepare(scan.sql).all(...scan.params) as SummaryRow[]));
    top -= chunk;
    if (rows.length > limit || top <= 1) return rows;
    const scanned = q.cursor - top;
    const needed = rows.length ? ((limit + 1 - rows.length) * scanned) / rows.length : Infinity;
    if (scanned + needed > TEXT_SCAN_MAX) break;
    chunk = Math.ceil(needed * 1.2) + 1;
  }
  rows.push(
    ...textPageFromIndex(db, { ...q, cursor: top, filter: { ...q.filter, text: q.filter.text! } }, limit - rows.length),
  );
  return rows;
}

/**
 * Whether a page is found sooner by walking rows newest first, checking each for the text, than by
 * collecting every match from the body index. Walking reads about `limit / share` rows and
 * collecting reads `share × stored`, so the walk wins past √(limit × stored) matches: the index is
 * asked for that many candidates, no more.
 */
export function isCommonText(db: Db, text: string, limit: number): boolean {
  const stored = db.prepare('SELECT coalesce(max(seq), 0) FROM attempts').pluck().get() as number;
  // Counted in blocks: each holds up to BLOCK candidate attempts.
  const enough = Math.ceil(Math.sqrt(limit * stored) / BLOCK);
  const n = db
    .prepare('SELECT count(*) FROM (SELECT rowid FROM attempts_fts WHERE attempts_fts MATCH ? LIMIT ?)')
    .pluck()
    .get(ftsTrigrams(text), enough) as number;
  return n >= enough;
}

export function listAttempts(db: Db, q: PageQuery): AttemptPage {
  const limit = pageLimit(q.limit);
  let rows: SummaryRow[];
  const text = q.filter.text;
  if (text !== undefined && q.cursor !== undefined && q.cursor !== null) {
    rows = textPageBelow(db, { ...q, cursor: q.cursor }, limit);
  } else if (text !== undefined) {
    rows = textPageFromIndex(db, { ...q, filter: { ...q.filter, text } }, limit);
  } else {
    const { sql, params } = pageSql(q);
    rows = db.prepare(sql).all(...params) as SummaryRow[];
  }
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
