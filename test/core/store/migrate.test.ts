import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, type Migration } from '../../../src/core/store/migrate';
import { openStore } from '../../../src/core/store/open';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { StartupError } from '../../../src/core/errors';
import { tempDir } from '../../helpers/tmp';
const require = createRequire(import.meta.url);

describe('store', () => {
  it('opens in WAL mode and records every migration', () => {
    const db = openStore(join(tempDir(), 'studio.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const ids = db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all();
    expect(ids).toEqual(MIGRATIONS.map((m) => m.id));
    db.close();
  });

  it('a failing migration rolls back and leaves the existing data intact', () => {
    const db = new Database(':memory:');
    const base: Migration[] = [{ id: 1, name: 'base', up: "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('kept');" }];
    migrate(db, base);
    const broken: Migration = {
      id: 2,
      name: 'broken',
      up: 'DELETE FROM t; ALTER TABLE t ADD COLUMN w; INSERT INTO nope VALUES (1);',
    };
    expect(() => migrate(db, [...base, broken])).toThrow(/migration 2 \(broken\) failed/);
    expect(db.prepare('SELECT v FROM t').pluck().all()).toEqual(['kept']);
    expect(db.prepare('SELECT max(id) FROM schema_migrations').pluck().get()).toBe(1);
    expect(db.prepare('PRAGMA table_info(t)').all()).toHaveLength(1);
  });

  it('refuses a database newer than the code', () => {
    const db = new Database(':memory:');
    migrate(db, [
      { id: 1, name: 'a', up: 'SELECT 1' },
      { id: 5, name: 'future', up: 'SELECT 1' },
    ]);
    expect(() => migrate(db, [{ id: 1, name: 'a', up: 'SELECT 1' }])).toThrow(/newer than this studio/);
  });

  it('refuses a file that is not SQLite and leaves it byte for byte untouched', () => {
    const path = join(tempDir(), 'studio.db');
    writeFileSync(path, 'this is my shopping list, not a database\n');
    const before = readFileSync(path);
    expect(() => openStore(path)).toThrow(StartupError);
    expect(() => openStore(path)).toThrow(`${path} is not an SQLite database`);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe('native binding', () => {
  it('loads the addon it is given (the desktop app passes its Electron build)', () => {
    const nodeBuild = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const db = openStore(join(tempDir(), 'studio.db'), { nativeBinding: nodeBuild });
    expect(db.prepare('SELECT count(*) FROM projects').pluck().get()).toBe(0);
    db.close();
  });

  it('names the database when the addon cannot be loaded', () => {
    const path = join(tempDir(), 'studio.db');
    expect(() => openStore(path, { nativeBinding: '/nonexistent/better_sqlite3.node' })).toThrow(
      `cannot open database ${path}`,
    );
  });
});
