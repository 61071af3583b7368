import type { Db } from './open';

type Listener = () => void;

const watched = new WeakMap<Db, Map<string, Set<Listener>>>();
const FUNCTION = 'studio_table_written';

/**
 * Calls `listener` whenever this connection inserts, updates or deletes rows of one of
 * `tables` (whoever writes: a repo, a migration, a test's own SQL). TEMP triggers call back
 * into JS, so a cache of those tables can never serve what the connection has changed since.
 * Writes through another connection are not seen (the studio has one per file). Returns a
 * function that stops listening.
 */
export function onTablesWritten(db: Db, tables: readonly string[], listener: Listener): () => void {
  let byTable = watched.get(db);
  if (!byTable) {
    const own = new Map<string, Set<Listener>>();
    byTable = own;
    watched.set(db, own);
    db.function(FUNCTION, { varargs: false, deterministic: false }, (table: unknown) => {
      for (const l of own.get(String(table)) ?? []) l();
      return null;
    });
  }
  for (const table of tables) {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
    let listeners = byTable.get(table);
    if (!listeners) {
      byTable.set(table, (listeners = new Set()));
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        db.exec(
          `CREATE TEMP TRIGGER IF NOT EXISTS ${table}_${op.toLowerCase()}_watch AFTER ${op} ON main.${table}
           BEGIN SELECT ${FUNCTION}('${table}'); END`,
        );
      }
    }
    listeners.add(listener);
  }
  return () => {
    for (const table of tables) byTable.get(table)?.delete(listener);
  };
}
