import type Database from 'better-sqlite3';
import { StartupError } from '../errors';

export interface Migration {
  /** Strictly increasing, never reused. */
  id: number;
  name: string;
  /** SQL run inside one transaction; a failure rolls the whole migration back. */
  up: string;
}

/**
 * Applies every migration newer than the database, each in its own transaction, and
 * records it in `schema_migrations`. A failing migration leaves the database exactly
 * as it was before that migration.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], now = () => new Date()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set((db.prepare('SELECT id FROM schema_migrations').all() as { id: number }[]).map((r) => r.id));
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((m) => m.id));
  if (newest > known) {
    throw new StartupError(
      'migration',
      `database schema version ${newest} is newer than this studio understands (${known}); update the studio`,
    );
  }
  const ran: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
    if (applied.has(m.id)) continue;
    try {
      db.transaction(() => {
        db.exec(m.up);
        record.run(m.id, m.name, now().toISOString());
      })();
    } catch (err) {
      throw new StartupError('migration', `migration ${m.id} (${m.name}) failed: ${(err as Error).message}`, {
        cause: err,
      });
    }
    ran.push(m.id);
  }
  return ran;
}
