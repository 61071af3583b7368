import { describe, expect, it } from 'vitest';
import { createBodyIndex } from '../../../src/core/inspector/body-index';
import {
  idsForFilter,
  listAttempts,
  pageSql,
  TEXT_SCAN_ROWS,
  textPageSql,
  textScanSql,
} from '../../../src/core/inspector/query';
import type { AttemptFilter } from '../../../src/shared/contract/inspector';
import { seedAttempts, seededDb, type SeedAttempt } from '../../helpers/seed-attempts';
import { queryPlan } from '../../helpers/query-plan';

function fixture() {
  const db = seededDb();
  const rows: SeedAttempt[] = [
    {
      attemptId: 'a1',
      eventType: 'agent.message',
      status: 'success',
      responseCode: 200,
      createdAt: '2026-01-01T10:00:00.000Z',
      body: '{"text":"good morning"}',
    },
    {
      attemptId: 'a2',
      eventType: 'agent.message',
      status: 'failed',
      responseCode: 500,
      createdAt: '2026-01-01T11:00:00.000Z',
      body: '{"text":"Kyoto trip"}',
      responseBody: 'handler crashed: TypeError',
    },
    {
      attemptId: 'a3',
      eventType: 'agent.wakeup',
      status: 'failed',
      responseCode: 0,
      errorMessage: 'ECONNREFUSED',
      responseBody: null,
      createdAt: '2026-01-01T12:00:00.000Z',
      webhookUrl: 'http://127.0.0.1:9999/hook',
    },
    {
      attemptId: 'a4',
      eventType: 'agent.wakeup',
      status: 'failed',
      responseCode: 404,
      createdAt: '2026-01-01T13:00:00.000Z',
      body: '{"text":"日本語のメッセージ"}',
    },
    {
      attemptId: 'a5',
      eventType: 'agent.mood_change',
      status: 'success',
      responseCode: 204,
      createdAt: '2026-01-01T14:00:00.000Z',
      kind: 'replay',
      replayOf: 'a2',
    },
    {
      attemptId: 'a6',
      eventType: 'agent.message',
      status: 'failed',
      responseCode: 302,
      createdAt: '2026-01-01T15:00:00.000Z',
    },
  ];
  seedAttempts(db, rows);
  return db;
}

const ids = (db: ReturnType<typeof fixture>, filter: AttemptFilter) =>
  listAttempts(db, { filter }).attempts.map((a) => a.attemptId);

describe('attempts query', () => {
  it('lists newest first and pages with a keyset cursor until the end', () => {
    const db = fixture();
    const p1 = listAttempts(db, { filter: {}, limit: 4 });
    expect(p1.attempts.map((a) => a.attemptId)).toEqual(['a6', 'a5', 'a4', 'a3']);
    expect(p1.nextCursor).toBe(p1.attempts[3].seq);
    const p2 = listAttempts(db, { filter: {}, limit: 4, cursor: p1.nextCursor });
    expect(p2.attempts.map((a) => a.attemptId)).toEqual(['a2', 'a1']);
    expect(p2.nextCursor).toBeNull();
  });

  it('filters by event type, status, code class, no response, URL, kind, time range and body text', () => {
    const db = fixture();
    expect(ids(db, { eventType: 'agent.wakeup' })).toEqual(['a4', 'a3']);
    expect(ids(db, { status: 'failed' })).toEqual(['a6', 'a4', 'a3', 'a2']);
    expect(ids(db, { codeClass: '5xx' })).toEqual(['a2']);
    expect(ids(db, { codeClass: '4xx' })).toEqual(['a4']);
    expect(ids(db, { codeClass: '3xx' })).toEqual(['a6']);
    expect(ids(db, { codeClass: '2xx' })).toEqual(['a5', 'a1']);
    expect(ids(db, { codeClass: 'none' })).toEqual(['a3']);
    expect(ids(db, { webhookUrl: 'http://127.0.0.1:9999/hook' })).toEqual(['a3']);
    expect(ids(db, { kind: 'replay' })).toEqual(['a5']);
    expect(ids(db, { since: '2026-01-01T11:00:00Z', until: '2026-01-01T13:00:00Z' })).toEqual(['a3', 'a2']);
    expect(ids(db, { text: 'kyoto' })).toEqual(['a2']);
    expect(ids(db, { text: 'TypeError' })).toEqual(['a2']);
    expect(ids(db, { text: '日本語' })).toEqual(['a4']);
    expect(ids(db, { text: 'no such words' })).toEqual([]);
    expect(ids(db, { eventType: 'agent.message', status: 'failed', codeClass: '5xx' })).toEqual(['a2']);
  });

  it('treats quotes and FTS operators in the search text as plain text', () => {
    const db = fixture();
    seedAttempts(db, [{ attemptId: 'q1', body: '{"q":"say \\"hi\\" OR NOT"}' }]);
    expect(ids(db, { text: '"hi\\" OR NOT' })).toEqual(['q1']);
    expect(ids(db, { text: 'OR NOT' })).toEqual(['q1']);
  });

  it('finds the text itself, not bodies that merely hold all its trigrams', () => {
    const db = fixture();
    seedAttempts(db, [{ attemptId: 't1', body: '{"note":"kyo and oto apart, yot"}' }]);
    expect(ids(db, { text: 'kyoto' })).toEqual(['a2']);
    expect(ids(db, { text: 'KYOTO TRIP' })).toEqual(['a2']);
    expect(ids(db, { text: 'yot' })).toEqual(['t1', 'a2']);
  });

  it('pages a body search deep below a cursor: the attempts just below it checked directly, the index below them', () => {
    const db = seededDb();
    const hits = new Set([5, 100, TEXT_SCAN_ROWS + 200, TEXT_SCAN_ROWS + 590]);
    seedAttempts(
      db,
      Array.from({ length: TEXT_SCAN_ROWS + 600 }, (_, i) => ({
        attemptId: `n${i}`,
        body: hits.has(i) ? `{"text":"a needle ${i}"}` : `{"text":"hay ${i}"}`,
        status: i === 100 ? ('failed' as const) : ('success' as const),
      })),
    );
    const found: string[] = [];
    let cursor: number | null = null;
    do {
      const page = listAttempts(db, { filter: { text: 'needle' }, cursor, limit: 1 });
      found.push(...page.attempts.map((a) => a.attemptId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(found).toEqual([...hits].sort((a, b) => b - a).map((i) => `n${i}`));
    const failed = listAttempts(db, { filter: { text: 'needle', status: 'failed' }, cursor: TEXT_SCAN_ROWS + 500 });
    expect(failed.attempts.map((a) => a.attemptId)).toEqual(['n100']);
  });

  it('treats % and _ in the search text as plain characters', () => {
    const db = fixture();
    seedAttempts(db, [
      { attemptId: 'p1', body: '{"progress":"100%_done"}' },
      { attemptId: 'p2', body: '{"progress":"100xxdone"}' },
    ]);
    expect(ids(db, { text: '0%_d' })).toEqual(['p1']);
    expect(ids(db, { text: '100__done' })).toEqual([]);
    expect(ids(db, { text: '%%%' })).toEqual([]);
  });

  it('matches a long text exactly (more trigrams than the index is asked for)', () => {
    const db = fixture();
    expect(ids(db, { text: 'handler crashed: TypeError' })).toEqual(['a2']);
    expect(ids(db, { text: 'handler crashed: TypeErrorX' })).toEqual([]);
    expect(ids(db, { text: 'handler crashed; TypeError' })).toEqual([]);
  });

  it("finds text in the event's body, which an attempt that sent it does not store again", () => {
    const db = fixture();
    db.prepare(
      `INSERT INTO events (event_id, project_id, event_type, body, created_at) VALUES ('evt_x', 'proj_test', 'agent.message', ?, 'x')`,
    ).run(Buffer.from('{"text":"sunrise over Arashiyama"}'));
    seedAttempts(db, [{ attemptId: 'e1', eventId: 'evt_x' }]);
    db.prepare("UPDATE attempts SET request_body = NULL WHERE attempt_id = 'e1'").run();
    createBodyIndex(db).catchUp();
    expect(ids(db, { text: 'arashiyama' })).toEqual(['e1']);
    expect(ids(db, { text: 'arashiyama', status: 'success' })).toEqual(['e1']);
    expect(idsForFilter(db, { text: 'arashiyama' }, 10)).toEqual(['e1']);
  });

  it('keeps the body index in step when attempts are pruned', () => {
    const db = fixture();
    db.prepare("DELETE FROM attempts WHERE attempt_id = 'a2'").run();
    expect(ids(db, { text: 'kyoto' })).toEqual([]);
    expect(ids(db, {})).not.toContain('a2');
  });

  it('answers every filter from an index (EXPLAIN QUERY PLAN), never a full table scan', () => {
    const db = fixture();
    const filters: AttemptFilter[] = [
      { eventType: 'agent.message' },
      { status: 'failed' },
      { codeClass: '5xx' },
      { codeClass: 'none' },
      { webhookUrl: 'http://x' },
      { since: '2026-01-01T00:00:00Z', until: '2026-01-02T00:00:00Z' },
      { text: 'kyoto' },
      { eventType: 'agent.message', status: 'failed' },
      { platform: 'oneinbox' },
    ];
    for (const filter of filters) {
      for (const cursor of [null, 1000]) {
        if (filter.text !== undefined) {
          // A body search: the index's blocks newest first, then each block's attempts by seq range.
          const { blocks, inBlock } = textPageSql({ filter: { ...filter, text: filter.text }, cursor, limit: 50 });
          const blocksPlan = queryPlan(db, blocks.sql, [...blocks.params, 10, 16]);
          expect(blocksPlan).toMatch(/VIRTUAL TABLE INDEX/);
          expect(blocksPlan).not.toMatch(/USE TEMP B-TREE/);
          const inBlockPlan = queryPlan(db, inBlock.sql, [0, 7, ...inBlock.params]);
          expect(inBlockPlan).toMatch(/SEARCH a USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
          expect(inBlockPlan).not.toMatch(/USE TEMP B-TREE/);
        }
        const { sql, params } = pageSql({ filter, cursor, limit: 50 });
        const plan = queryPlan(db, sql, params);
        const label = `${JSON.stringify(filter)} cursor=${cursor}: ${plan}`;
        expect(plan, label).not.toMatch(/SCAN attempts(?!_| USING)/);
        if (filter.text) expect(plan, label).toMatch(/VIRTUAL TABLE INDEX/);
        if (filter.text && cursor !== null) {
          const scan = textScanSql({ filter, cursor, limit: 50 });
          const scanPlan = (db.prepare(`EXPLAIN QUERY PLAN ${scan.sql}`).all(...scan.params) as { detail: string }[])
            .map((r) => r.detail)
            .join(' | ');
          expect(scanPlan).toMatch(/SEARCH a USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
        } else if (Object.keys(filter).length)
          expect(plan, label).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
        expect(plan, label).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
      }
    }
  });
});
