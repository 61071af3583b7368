import type Database from 'better-sqlite3';

/**
 * Runs today's readers over a store left at an older schema (a migration test's "before"):
 * they read event bodies through `studio_event_body(body, body_dict)` (migration 018), so the
 * column and the function are lent for the call and the column taken back after, leaving the
 * file at the schema it had.
 */
export function readAsBefore<T>(db: Database.Database, read: () => T): T {
  db.function('studio_event_body', { deterministic: true }, (body: unknown, _dict: unknown) => body as Buffer);
  db.exec('ALTER TABLE events ADD COLUMN body_dict INTEGER');
  try {
    return read();
  } finally {
    db.exec('ALTER TABLE events DROP COLUMN body_dict');
  }
}
