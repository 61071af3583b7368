import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createGroupCommit } from '../../../src/core/store/group-commit';
import { storageHealthFor } from '../../../src/core/store/storage-health';
import { openStore } from '../../../src/core/store/open';
import { tempDir } from '../../helpers/tmp';

function setup() {
  const path = join(tempDir(), 'gc.db');
  const db = openStore(path, { migrations: [{ id: 1, name: 't', up: 'CREATE TABLE t (v TEXT NOT NULL)' }] });
  // Another connection sees only what is committed.
  const other = new Database(path, { readonly: true });
  const committedRows = () => other.prepare('SELECT v FROM t ORDER BY rowid').pluck().all();
  return { db, committedRows, close: () => (other.close(), db.close()) };
}

describe('group commit', () => {
  it('writes of one event-loop turn share one transaction; each waiter settles once it is committed', async () => {
    const s = setup();
    const gc = createGroupCommit(s.db);
    const insert = s.db.prepare('INSERT INTO t (v) VALUES (?)');
    gc.join();
    insert.run('a');
    const first = gc.committed();
    gc.join();
    insert.run('b');
    const second = gc.committed();
    expect(s.committedRows()).toEqual([]); // not yet: same turn
    await Promise.all([first, second]);
    expect(s.committedRows()).toEqual(['a', 'b']);
    // Nothing open: committed() settles at once, and the next turn opens a new transaction.
    await gc.committed();
    gc.join();
    insert.run('c');
    await gc.committed();
    expect(s.committedRows()).toEqual(['a', 'b', 'c']);
    s.close();
  });

  it('a full disk stays reported until a turn really writes: a turn whose one write was refused commits nothing', async () => {
    const s = setup();
    const gc = createGroupCommit(s.db);
    const health = storageHealthFor(s.db);
    health.failed(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    gc.join(); // the refused statement rolled back alone: the turn's transaction holds no change
    await gc.committed();
    expect(health.get()).toMatchObject({ ok: false, detail: expect.stringMatching(/disk is full/) });
    gc.join();
    s.db.prepare('INSERT INTO t (v) VALUES (?)').run('room again');
    await gc.committed();
    expect(health.get().ok).toBe(true);
    s.close();
  });

  it('a commit that fails rolls the turn back and rejects every waiter', async () => {
    const s = setup();
    s.db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id))');
    const gc = createGroupCommit(s.db);
    gc.join();
    s.db.pragma('defer_foreign_keys = ON');
    s.db.prepare('INSERT INTO t (v) VALUES (?)').run('lost');
    s.db.prepare('INSERT INTO child (p) VALUES (42)').run(); // violates only at COMMIT
    await expect(gc.committed()).rejects.toThrow(/FOREIGN KEY/);
    expect(s.db.inTransaction).toBe(false);
    expect(s.committedRows()).toEqual([]);
    s.close();
  });

  it('afterCommit is told once the open transaction has committed, or why it did not; at once with none open', async () => {
    const s = setup();
    const gc = createGroupCommit(s.db);
    const told: string[] = [];
    gc.afterCommit(() => told.push('none open'));
    expect(told).toEqual(['none open']);
    gc.join();
    s.db.prepare('INSERT INTO t (v) VALUES (?)').run('x');
    gc.afterCommit((err) => told.push(err ? 'failed' : `committed: ${JSON.stringify(s.committedRows())}`));
    expect(told).toHaveLength(1); // not before the commit
    await gc.committed();
    expect(told).toEqual(['none open', 'committed: ["x"]']);
    // A commit that fails says so.
    s.db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id))');
    gc.join();
    s.db.pragma('defer_foreign_keys = ON');
    s.db.prepare('INSERT INTO child (p) VALUES (42)').run();
    gc.afterCommit((err) => told.push(err ? 'failed' : 'committed'));
    await gc.committed().catch(() => {});
    expect(told.at(-1)).toBe('failed');
    s.close();
  });

  it('flush commits what is open at once (before the store closes)', () => {
    const s = setup();
    const gc = createGroupCommit(s.db);
    gc.join();
    s.db.prepare('INSERT INTO t (v) VALUES (?)').run('now');
    gc.flush();
    expect(s.committedRows()).toEqual(['now']);
    s.close();
  });

  it('a write nobody waits for runs in the next turn that commits anyway, before its waiters settle', async () => {
    const s = setup();
    const gc = createGroupCommit(s.db, { laterMaxDelayMs: 60_000 });
    const insert = s.db.prepare('INSERT INTO t (v) VALUES (?)');
    gc.later(() => insert.run('outcome'));
    await new Promise((r) => setImmediate(r));
    expect(s.committedRows()).toEqual([]); // no transaction of its own
    gc.join();
    insert.run('capture');
    await gc.committed();
    expect(s.committedRows()).toEqual(['capture', 'outcome']);
    s.close();
  });

  it('with no turn coming, a write nobody waits for commits on its own after the delay; flush writes it at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const s = setup();
      const gc = createGroupCommit(s.db, { laterMaxDelayMs: 20 });
      const insert = s.db.prepare('INSERT INTO t (v) VALUES (?)');
      gc.later(() => insert.run('alone'));
      vi.advanceTimersByTime(19);
      await new Promise((r) => setImmediate(r));
      expect(s.committedRows()).toEqual([]);
      vi.advanceTimersByTime(1);
      await new Promise((r) => setImmediate(r));
      expect(s.committedRows()).toEqual(['alone']);
      gc.later(() => insert.run('at close'));
      gc.flush();
      expect(s.committedRows()).toEqual(['alone', 'at close']);
      s.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a write nobody waits for that throws is a storage failure, and the turn still commits', async () => {
    const s = setup();
    const gc = createGroupCommit(s.db);
    gc.later(() => {
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    });
    gc.join();
    s.db.prepare('INSERT INTO t (v) VALUES (?)').run('kept');
    await gc.committed();
    expect(s.committedRows()).toEqual(['kept']);
    s.close();
  });

  it('a write still waiting for a turn when the store closes is dropped, not thrown', async () => {
    const s = setup();
    const gc = createGroupCommit(s.db, { laterMaxDelayMs: 1 });
    let ran = false;
    gc.later(() => {
      ran = true;
    });
    s.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toBe(false);
  });
});
