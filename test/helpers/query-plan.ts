import type Database from 'better-sqlite3';

/** SQLite's plan for a statement, its steps joined by ' | ' (to assert which index it uses). */
export const queryPlan = (db: Database.Database, sql: string, params: unknown[] = []): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
