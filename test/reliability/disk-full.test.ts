import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/store/open';
import { startApi, type Harness } from '../core/api/helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Fills every free page, then caps the file where it is: the next write that needs space fails (no root needed). */
function fillDisk(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS ballast (b BLOB)');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  const put = db.prepare('INSERT INTO ballast VALUES (?)');
  for (const size of [4096, 512, 64, 8, 1]) {
    for (;;) {
      try {
        put.run(Buffer.alloc(size));
      } catch {
        break;
      }
    }
  }
}

function freeDisk(db: Db): void {
  db.pragma('max_page_count = 1073741823');
  db.exec('DROP TABLE ballast');
}

describe('a full disk', () => {
  it('answers writes with 507 problem+json, keeps the studio up and what was stored, and resumes without a restart', async () => {
    h = await startApi();
    const db = h.studio.context.db;
    expect(
      (await h.api('PUT', '/webhooks/disk.before', { body: { webhook_url: 'https://x.test/before' } })).status,
    ).toBe(200);

    fillDisk(db);
    // Tables keep free room in their own pages: write until one needs a new page.
    let refused = await h.api('PUT', '/webhooks/disk.during', { body: { webhook_url: 'https://x.test/during' } });
    for (let i = 0; refused.status === 200 && i < 200; i++) {
      refused = await h.api('PUT', `/webhooks/disk.fill${i}`, {
        body: { webhook_url: `https://x.test/${'p'.repeat(1500)}/${i}` },
      });
    }
    expect(refused.status).toBe(507);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.json.detail).toMatch(/disk is full/);
    // The studio's state says so (the UI's banner, `status`), and the contract answers disk_full.
    expect(h.studio.status().storage).toMatchObject({ ok: false, detail: expect.stringMatching(/disk is full/) });
    const viaContract = await h.studio.dispatch({
      id: 1,
      method: 'events.fireRaw',
      params: { eventType: 'agent.message', body: JSON.stringify({ big: 'z'.repeat(100_000) }) },
    });
    expect(viaContract).toMatchObject({ error: { code: 'disk_full', message: expect.stringMatching(/disk is full/) } });

    const base = h.base.replace(/\/api\/v1$/, '');
    const inbox = await fetch(`${base}/inbox/dev`, { method: 'POST', body: JSON.stringify({ x: 'y'.repeat(65536) }) });
    expect(inbox.status).toBe(507);
    expect(((await inbox.json()) as { detail: string }).detail).toMatch(/disk is full/);

    // Still up: reads answer, and what was stored before is intact.
    const list = await h.api('GET', '/webhooks');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.json)).toContain('https://x.test/before');

    freeDisk(db);
    expect((await h.api('PUT', '/webhooks/disk.after', { body: { webhook_url: 'https://x.test/after' } })).status).toBe(
      200,
    );
    expect((await fetch(`${base}/inbox/dev`, { method: 'POST', body: '{"x":2}' })).status).toBe(200);
    expect(h.studio.status().storage).toEqual({ ok: true, detail: null, since: null });
  });
});
