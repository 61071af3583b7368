import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../../src/core/store/group-commit';
import { openStore } from '../../../src/core/store/open';
import { openCaptureJournal } from '../../../src/core/tunnel/capture-journal';
import { createCapturesRepo } from '../../../src/core/tunnel/captures-repo';
import { newCapture } from '../../helpers/captures';
import { tempDir } from '../../helpers/tmp';

const clock = { now: () => new Date('2026-12-04T10:00:00.000Z') };
const capture = (n: number) => newCapture(n);

describe('capture batches', () => {
  it('a batch whose turn fails to commit is stored again from the journal by the next one; the journal is kept till then', async () => {
    const dir = tempDir();
    const db = openStore(join(dir, 'studio.db'));
    db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id))');
    const journal = openCaptureJournal(join(dir, 'inbox-journal'));
    const commits = createGroupCommit(db);
    const repo = createCapturesRepo(db, clock, undefined, { journal, commits });
    const stored = () => db.prepare('SELECT capture_id FROM captures ORDER BY seq').pluck().all();

    repo.accept(capture(1));
    repo.accept(capture(2));
    // The batch joins a turn that will not commit (a deferred foreign key, checked at COMMIT).
    commits.join();
    db.pragma('defer_foreign_keys = ON');
    db.prepare('INSERT INTO child (p) VALUES (42)').run();
    repo.flush();
    expect(repo.pending).toBe(0);
    await expect(commits.committed()).rejects.toThrow(/FOREIGN KEY/);
    expect(stored()).toEqual([]); // rolled back with the turn
    expect(journal.read().map((c) => c.captureId)).toEqual(['cap_1', 'cap_2']); // not emptied

    // The next batch (here: a read) stores them from the journal, once, and empties it.
    repo.accept(capture(3));
    expect(repo.list({ limit: 10 }).captures.map((c) => c.captureId)).toEqual(['cap_3', 'cap_2', 'cap_1']);
    expect(journal.end).toBe(0);
    repo.flush();
    expect(stored()).toEqual(['cap_1', 'cap_2', 'cap_3']);
    journal.close();
    db.close();
  });
});
