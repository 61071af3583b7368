import { appendFileSync, existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/core/index';
import { openStore } from '../../../src/core/store/open';
import { createCapturesRepo } from '../../../src/core/tunnel/captures-repo';
import { decodeCaptures, encodeCapture, openCaptureJournal } from '../../../src/core/tunnel/capture-journal';
import type { NewCapture } from '../../../src/core/tunnel/captures-repo';
import { createStudioClient } from '../../../src/shared/rpc-client';
import { newCapture } from '../../helpers/captures';
import { tempDir } from '../../helpers/tmp';

const capture = (n: number, body?: Buffer): NewCapture =>
  newCapture(n, {
    captureId: `cap_${String(n).padStart(20, '0')}`,
    query: 'a=1',
    headers: [
      ['Content-Type', 'application/json'],
      ['X-Émoji', '🙂 日本語'],
    ],
    ...(body ? { body } : {}),
  });

let studio: Studio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
});

describe('inbox journal', () => {
  it('writes the captures of one turn together at its end, and gives back every one as appended, bytes exact', async () => {
    const dir = tempDir();
    const path = join(dir, 'inbox-journal');
    const j = openCaptureJournal(path);
    const caps = [capture(1), capture(2, Buffer.from([0, 255, 13, 10, 0x80])), capture(3, Buffer.alloc(0))];
    const written = caps.map((c) => j.append(c));
    expect(new Set(written).size).toBe(1); // one write for the turn
    expect([statSync(path).size, j.end]).toEqual([0, 0]); // queued for the end of the turn
    await written[0];
    expect(j.end).toBe(statSync(path).size);
    expect(j.read()).toEqual(caps);
    void j.append(capture(4));
    j.close(); // writes what is queued
    // Reopened (the next start): the same captures.
    expect(openCaptureJournal(path).read()).toEqual([...caps, capture(4)]);
  });

  it.runIf(existsSync('/dev/full'))(
    'a write the disk refuses: every capture of that turn is told, and the batches forget them (none reaches SQLite)',
    async () => {
      const dir = tempDir();
      const j = openCaptureJournal('/dev/full');
      let told = 0;
      const written = j.append(capture(1), () => told++);
      j.append(capture(2), () => told++);
      j.write();
      expect(told).toBe(2);
      await expect(written).rejects.toMatchObject({
        message: 'the inbox journal could not be written: the disk is full',
        code: 'ENOSPC',
      });
      expect(j.end).toBe(0);

      const db = openStore(join(dir, 'studio.db'));
      const repo = createCapturesRepo(db, { now: () => new Date('2026-12-05T00:00:00Z') }, undefined, { journal: j });
      const first = repo.accept(capture(3));
      const second = repo.accept(capture(4));
      expect(repo.pending).toBe(2);
      await expect(first).rejects.toThrow(/disk is full/);
      await expect(second).rejects.toThrow(/disk is full/);
      expect(repo.pending).toBe(0);
      expect(repo.list({ limit: 10 }).captures).toEqual([]);
      j.close();
      db.close();
    },
  );

  it('a record cut short (the studio killed mid-write) is left out, the whole ones before it kept', () => {
    const whole = Buffer.concat([encodeCapture(capture(1)), encodeCapture(capture(2))]);
    const torn = encodeCapture(capture(3)).subarray(0, 30);
    expect(decodeCaptures(Buffer.concat([whole, torn])).map((c) => c.captureId)).toEqual([
      capture(1).captureId,
      capture(2).captureId,
    ]);
    // A length that points past the end, and garbage, end the list too.
    expect(decodeCaptures(Buffer.from([1, 2, 3]))).toEqual([]);
    const bad = Buffer.alloc(16, 0xff);
    expect(decodeCaptures(Buffer.concat([whole, bad]))).toHaveLength(2);
  });

  it('is emptied once settled at its end, never when a capture was appended after the mark', () => {
    const path = join(tempDir(), 'inbox-journal');
    const j = openCaptureJournal(path);
    void j.append(capture(1));
    j.write();
    const mark = j.end;
    void j.append(capture(2)); // arrived after the batch took its mark: not stored yet
    j.write();
    j.settle(mark);
    expect(j.read().map((c) => c.path)).toEqual(['/inbox/dev/1', '/inbox/dev/2']);
    j.settle(j.end);
    expect(statSync(path).size).toBe(0);
    expect(j.read()).toEqual([]);
    void j.append(capture(3)); // appends go on from the start
    expect(j.read().map((c) => c.path)).toEqual(['/inbox/dev/3']);
    j.close();
  });

  it.runIf(existsSync('/dev/full'))(
    'a journal the disk refuses: the sender gets 507 problem+json, nothing is half-written, the studio stays up',
    async () => {
      const dataDir = tempDir();
      symlinkSync('/dev/full', join(dataDir, 'inbox-journal')); // every write: ENOSPC
      studio = await createStudio({ dataDir, port: 0, writeRuntimeFile: false });
      const base = `http://127.0.0.1:${studio.status().port}`;
      const refused = await fetch(`${base}/inbox/dev`, { method: 'POST', body: '{"x":1}' });
      expect(refused.status).toBe(507);
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(((await refused.json()) as { detail: string }).detail).toMatch(/disk is full/);
      expect(studio.status().storage).toMatchObject({ ok: false });
      // While the disk is reported full, the inbox stores in studio.db before answering (which works here).
      const next = await fetch(`${base}/inbox/dev`, { method: 'POST', body: '{"x":2}' });
      expect(next.status).toBe(200);
      const client = createStudioClient(studio.connectInMemory());
      const { captures } = await client.call('captures.list', { inbox: 'dev' });
      expect(captures.map((c) => c.bodySize)).toEqual([7]);
      expect((await fetch(`${base}/api/v1/webhooks`)).status).toBe(401); // still serving
    },
  );

  it('a studio that closes stores what waits for its batch, outcome included, and leaves the journal empty', async () => {
    const dataDir = tempDir();
    studio = await createStudio({ dataDir, port: 0, writeRuntimeFile: false });
    const base = `http://127.0.0.1:${studio.status().port}`;
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${base}/inbox/dev/c${i}`, { method: 'POST', body: `{"c":${i}}` })).status).toBe(200);
    }
    await studio.close(); // well within the batch's 20 ms
    studio = undefined;
    const db = new Database(join(dataDir, 'studio.db'), { readonly: true });
    const rows = db.prepare('SELECT path, response_status FROM captures ORDER BY seq').all();
    db.close();
    expect(rows).toEqual([0, 1, 2].map((i) => ({ path: `/inbox/dev/c${i}`, response_status: 200 })));
    expect(statSync(join(dataDir, 'inbox-journal')).size).toBe(0);
  });

  it('captures a studio left in its journal are stored on the next start, once, and the journal emptied', async () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'inbox-journal');
    writeFileSync(path, Buffer.concat([encodeCapture(capture(1)), encodeCapture(capture(2))]));
    appendFileSync(path, encodeCapture(capture(3)).subarray(0, 20)); // killed mid-write
    studio = await createStudio({ dataDir, port: 0, writeRuntimeFile: false });
    const client = createStudioClient(studio.connectInMemory());
    const { captures } = await client.call('captures.list', { inbox: 'dev' });
    expect(captures.map((c) => c.path)).toEqual(['/inbox/dev/2', '/inbox/dev/1']);
    const c = await client.call('captures.get', { captureId: capture(2).captureId });
    expect(c.headers).toEqual(capture(2).headers);
    expect(Buffer.from(c.bodyBase64, 'base64').toString()).toBe('{"n":2}');
    expect(readFileSync(path).length).toBe(0);
    await studio.close();
    studio = await createStudio({ dataDir, port: 0, writeRuntimeFile: false });
    const again = await createStudioClient(studio.connectInMemory()).call('captures.list', { inbox: 'dev' });
    expect(again.captures).toHaveLength(2);
  });
});
