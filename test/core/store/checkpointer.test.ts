import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKSTOP_FRAMES, DEFAULT_FRAMES, startCheckpointer } from '../../../src/core/store/checkpointer';
import { openStore } from '../../../src/core/store/open';
import { tempDir } from '../../helpers/tmp';

const PAGE = 4096;
const autocheckpoint = (db: ReturnType<typeof openStore>) => db.pragma('wal_autocheckpoint', { simple: true });

function setup() {
  const path = join(tempDir(), 'cp.db');
  const db = openStore(path, { migrations: [{ id: 1, name: 't', up: 'CREATE TABLE t (b BLOB NOT NULL)' }] });
  const insert = db.prepare('INSERT INTO t (b) VALUES (?)');
  /** `pages` pages of rows, in transactions of 50: about that many WAL frames. */
  const write = (pages: number) => {
    const tx = db.transaction((n: number) => {
      for (let i = 0; i < n; i++) insert.run(Buffer.alloc(PAGE - 100, i % 251));
    });
    for (let done = 0; done < pages; done += 50) tx(Math.min(50, pages - done));
  };
  return { path, db, write, fileBytes: () => statSync(path).size };
}

async function until(fn: () => boolean, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20)))
    if (fn()) return true;
  return fn();
}

describe('the checkpointer thread', () => {
  it('copies the WAL into the file on its own thread while this connection no longer checkpoints until the backstop', async () => {
    const s = setup();
    const problems: string[] = [];
    const cp = startCheckpointer(s.db, { path: s.path, busyMs: 10, idleMs: 20, onProblem: (m) => problems.push(m) });
    expect(await cp.ready).toBe(true);
    expect(autocheckpoint(s.db)).toBe(BACKSTOP_FRAMES);

    const before = s.fileBytes();
    // Three times SQLite's own threshold, far below the backstop: only the thread can have copied it.
    s.write(3 * DEFAULT_FRAMES);
    expect(await until(() => s.fileBytes() >= before + 2 * DEFAULT_FRAMES * PAGE)).toBe(true);
    const rows = s.db.prepare('SELECT count(*) FROM t').pluck().get();
    expect(rows).toBe(3 * DEFAULT_FRAMES);

    await cp.close();
    // Without the thread, this connection checkpoints by itself again.
    expect(autocheckpoint(s.db)).toBe(DEFAULT_FRAMES);
    expect(problems).toEqual([]);
    s.db.close();
    expect(existsSync(`${s.path}-wal`)).toBe(false); // the last connection closed cleanly
  });

  it('a thread that cannot open the store leaves checkpoints where they were and says so', async () => {
    const s = setup();
    const problems: string[] = [];
    const cp = startCheckpointer(s.db, {
      path: join(tempDir(), 'missing.db'),
      onProblem: (m) => problems.push(m),
    });
    expect(await cp.ready).toBe(false);
    expect(autocheckpoint(s.db)).toBe(DEFAULT_FRAMES);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /checkpointer thread could not open the store: .*the store checkpoints on the main thread/,
    );
    // The store works as before: SQLite checkpoints in the commit that crosses its threshold.
    const before = s.fileBytes();
    s.write(2 * DEFAULT_FRAMES);
    expect(s.fileBytes()).toBeGreaterThan(before + DEFAULT_FRAMES * PAGE);
    await cp.close();
    s.db.close();
  });
});
