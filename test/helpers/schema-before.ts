import type Database from 'better-sqlite3';

/**
 * Runs today's readers over a store left at an older schema (a migration test's "before"):
 * they read event bodies through `studio_event_body(body, body_dict)` (migration 018). The
 * function is lent (every body there is as fired) and, on a store from before 018, the column
 * too, taken back after, leaving the file at the schema it had.
 */
export function readAsBefore<T>(db: Database.Database, read: () => T): T {
  db.function('studio_event_body', { deterministic: true }, (body: unknown, _dict: unknown) => body as Buffer);
  const lend = !(db.prepare(`SELECT name FROM pragma_table_info('events')`).pluck().all() as string[]).includes(
    'body_dict',
  );
  if (lend) db.exec('ALTER TABLE events ADD COLUMN body_dict INTEGER');
  try {
    return read();
  } finally {
    if (lend) db.exec('ALTER TABLE events DROP COLUMN body_dict');
  }
}
