import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { StartupError } from '../errors';
import { registerEventBodies } from './event-bodies';
import { migrate, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * The studio store's page cache, in KiB. better-sqlite3 builds SQLite with 16 MiB
 * (`SQLITE_DEFAULT_CACHE_SIZE=-16000`, 8 times SQLite's own default); a 10,000-event burst
 * filled it with pages it had just written and never read again, and glibc did not give the
 * heap back: peak RSS 181-183 MiB, 167-171 at 2 MiB in the same rounds (bench/trigger-burst.ts).
 * The inspector's pages come from the OS's file cache instead: filtered-page p95 at 1,000,000
 * attempts 29.8 ms at 2 MiB, 36.7 at 16 MiB measured just before on a then slower machine
 * (bench/inspector.ts): no loss.
 */
export const PAGE_CACHE_KIB = 2048;

/**
 * Refuses, without touching it, a file that exists and is not an SQLite database. A new
 * one is created 0600 first (SQLite gives its -wal and -shm files the same mode).
 */
export function assertSqliteFile(path: string): void {
  if (path !== ':memory:' && !existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  if (!existsSync(path) || statSync(path).size === 0) return;
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    readSync(fd, buf, 0, 16, 0);
    if (buf.toString('latin1') !== SQLITE_HEADER) {
      throw new StartupError(
        'database',
        `${path} is not an SQLite database; move it away or choose another --data-dir`,
      );
    }
  } finally {
    closeSync(fd);
  }
}

export interface OpenStoreOptions {
  /** Path of the native addon to load (the Electron build in the desktop app). */
  nativeBinding?: string;
  /** The schema to bring the file to (default: the studio's own). */
  migrations?: readonly Migration[];
}

/** Opens (or creates) the studio database: WAL, foreign keys, migrations applied. */
export function openStore(path: string, options: OpenStoreOptions = {}): Db {
  assertSqliteFile(path);
  let db: Db;
  try {
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    throw new StartupError('database', `cannot open database ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.migrations ?? MIGRATIONS);
    // The studio's own store only. Its packed event bodies are readable through SQL, and its
    // cache is smaller; the API request log (its own schema, on its own thread) was not
    // measured with a smaller cache and keeps the build's.
    if (!options.migrations) {
      db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
      registerEventBodies(db);
    }
  } catch (err) {
    db.close();
    if (err instanceof StartupError) throw err;
    throw new StartupError('database', `cannot use database ${path}: ${(err as Error).message}`, { cause: err });
  }
  return db;
}
