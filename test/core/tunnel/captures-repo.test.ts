import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/core/store/open';
import { createCapturesRepo } from '../../../src/core/tunnel/captures-repo';
import { openCaptureJournal } from '../../../src/core/tunnel/capture-journal';
import { storageHealthFor } from '../../../src/core/store/storage-health';
import { UNSIGNED } from '../../helpers/captures';
import { tempDir } from '../../helpers/tmp';

const clock = { now: () => new Date('2026-11-23T10:00:00.000Z') };
function capture(i: number) {
  return {
    captureId: `cap_${i}`,
    inbox: 'dev',
    via: 'http' as const,
    relayId: null,
    method: 'POST',
    path: '/inbox/dev',
    query: '',
    headers: [['Content-Type', 'application/octet-stream']] as [string, string][],
    body: Buffer.from([i % 256, 0, 255]),
    sourceAddress: '127.0.0.1:1',
    signature: UNSIGNED,
    forwardTo: null,
    receivedAt: clock.now().toISOString(),
  };
}

describe('captures store', () => {
  it('keeps raw bytes across a reopen and pages newest first', () => {
    const path = join(tempDir(), 'studio.db');
    const db = openStore(path);
    const repo = createCapturesRepo(db, clock);
    for (let i = 1; i <= 5; i++) repo.insert(capture(i));
    db.close();
    const again = createCapturesRepo(openStore(path), clock);
    const first = again.list({ limit: 2 });
    expect(first.captures.map((c) => c.captureId)).toEqual(['cap_5', 'cap_4']);
    expect(first.hasMore).toBe(true);
    const rest = again.list({ limit: 10, beforeSeq: first.captures[1].seq });
    expect(rest.captures.map((c) => c.captureId)).toEqual(['cap_3', 'cap_2', 'cap_1']);
    expect(rest.hasMore).toBe(false);
    expect(Buffer.from(again.get('cap_3')!.bodyBase64, 'base64')).toEqual(Buffer.from([3, 0, 255]));
  });

  it('prunes the oldest captures beyond its limit', () => {
    const db = openStore(join(tempDir(), 'studio.db'));
    const repo = createCapturesRepo(db, clock, 50);
    for (let i = 1; i <= 300; i++) repo.insert(capture(i));
    const count = (db.prepare('SELECT COUNT(*) AS n FROM captures').get() as { n: number }).n;
    expect(count).toBeLessThanOrEqual(50 + 99);
    expect(repo.get('cap_1')).toBeNull();
    expect(repo.get('cap_300')).not.toBeNull();
    db.close();
  });

  it('batches accepted captures: one row each with its outcome; a store refusing a batch loses none of them', () => {
    const dir = tempDir();
    const db = openStore(join(dir, 'studio.db'));
    const journal = openCaptureJournal(join(dir, 'inbox-journal'));
    const repo = createCapturesRepo(db, clock, undefined, { journal, maxPending: 3 });
    const count = () => db.prepare('SELECT count(*) FROM captures').pluck().get();
    repo.accept(capture(1));
    repo.outcome('cap_1', {
      responseStatus: 201,
      forwardStatus: 201,
      forwardHeaders: [['X-Handler', 'mine']],
      forwardBody: Buffer.from('made'),
      forwardError: null,
      durationMs: 3,
      completedAt: clock.now().toISOString(),
    });
    repo.accept(capture(2));
    expect([count(), repo.pending]).toEqual([0, 2]);
    // The disk fills: the third accept's batch is refused, and nothing is lost or thrown at its sender.
    db.exec('CREATE TABLE ballast (b BLOB)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    for (const size of [4096, 512, 64, 8, 1]) {
      try {
        for (;;) db.prepare('INSERT INTO ballast VALUES (?)').run(Buffer.alloc(size));
      } catch {
        /* full at this size */
      }
    }
    const bigger = { ...capture(3), body: Buffer.alloc(20_000, 7) };
    expect(() => repo.accept(bigger)).not.toThrow();
    expect(storageHealthFor(db).get().ok).toBe(false);
    expect([count(), repo.pending, journal.read().length]).toEqual([0, 3, 3]);
    // Room again: the next read stores all three, the outcome in the same row, and empties the journal.
    db.pragma('max_page_count = 1073741823');
    db.exec('DROP TABLE ballast');
    expect(repo.list({ limit: 10 }).captures.map((c) => [c.captureId, c.responseStatus])).toEqual([
      ['cap_3', 0],
      ['cap_2', 0],
      ['cap_1', 201],
    ]);
    expect(repo.get('cap_1')).toMatchObject({ forwardHeaders: [['X-Handler', 'mine']], forwardBodyBase64: 'bWFkZQ==' });
    expect(Buffer.from(repo.get('cap_3')!.bodyBase64, 'base64')).toEqual(bigger.body);
    expect([repo.pending, journal.end]).toEqual([0, 0]);
    journal.close();
    db.close();
  });

  it('keeps at most maxPending captures or maxPendingBytes of bodies waiting for their batch', () => {
    const dir = tempDir();
    const db = openStore(join(dir, 'studio.db'));
    const journal = openCaptureJournal(join(dir, 'inbox-journal'));
    const repo = createCapturesRepo(db, clock, undefined, { journal, maxPending: 3, maxPendingBytes: 10_000 });
    const stored = () => db.prepare('SELECT count(*) FROM captures').pluck().get();
    repo.accept(capture(1));
    repo.accept(capture(2));
    expect([stored(), repo.pending]).toEqual([0, 2]);
    repo.accept(capture(3)); // the third: stored at once, with the two before it
    expect([stored(), repo.pending, journal.end]).toEqual([3, 0, 0]);
    repo.accept({ ...capture(4), body: Buffer.alloc(10_000) }); // past the bytes
    expect([stored(), repo.pending]).toEqual([4, 0]);
    journal.close();
    db.close();
  });

  it('remembers an inbox configuration and lists the default inbox even unconfigured', () => {
    const db = openStore(join(tempDir(), 'studio.db'));
    const repo = createCapturesRepo(db, clock);
    expect(repo.listInboxes().map((i) => i.name)).toEqual(['dev']);
    repo.configureInbox('dev', { forwardTo: 'http://localhost:3000/x' });
    repo.configureInbox('dev', { responseStatus: 202 });
    expect(repo.getInbox('dev')).toMatchObject({ forwardTo: 'http://localhost:3000/x', responseStatus: 202 });
    db.close();
  });
});
