import Database from 'better-sqlite3';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './helpers';

let h: Harness;
let other: Database.Database;
beforeAll(async () => {
  h = await startApi();
  other = new Database(h.studio.status().dbPath, { readonly: true });
});
afterAll(async () => {
  other.close();
  await h.close();
});

describe('API writes and the group commit', () => {
  it('writes handled in one turn share one commit, and each is visible elsewhere once answered', async () => {
    const db = h.studio.context.db;
    const exec = db.exec.bind(db);
    let commits = 0;
    db.exec = (sql: string) => {
      if (sql === 'COMMIT') commits++;
      return exec(sql);
    };
    try {
      // Ten upserts pipelined in one TCP write: the server handles them in one event-loop turn.
      const port = h.studio.status().port;
      const raw = Array.from({ length: 10 }, (_, i) => {
        const body = JSON.stringify({ webhook_url: `https://x.test/${i}` });
        return (
          `PUT /api/v1/webhooks/gc.${i} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nauthorization: Bearer ${h.key}\r\n` +
          `content-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`
        );
      }).join('');
      const statuses = await pipelined(h.studio.status().port, raw, 10);
      expect(statuses).toEqual(Array(10).fill(200));
      expect(commits).toBe(1);
      const seen = other.prepare("SELECT COUNT(*) FROM webhooks WHERE event_type LIKE 'gc.%'").pluck();
      expect(seen.get()).toBe(10);
    } finally {
      db.exec = exec;
    }
  });

  it('a refused write in a shared turn leaves nothing, and does not undo its neighbours', async () => {
    const [good, bad] = await Promise.all([
      h.api('PUT', '/webhooks/gc.good', { body: { webhook_url: 'https://x.test/good' } }),
      h.api('POST', '/webhooks/gc.missing/rotate-secret'),
    ]);
    expect(good.status).toBe(200);
    expect(bad.status).toBe(404);
    expect(other.prepare("SELECT COUNT(*) FROM webhooks WHERE event_type = 'gc.good'").pluck().get()).toBe(1);
    expect(other.prepare("SELECT COUNT(*) FROM webhooks WHERE event_type = 'gc.missing'").pluck().get()).toBe(0);
  });
});

/** Sends `raw` in one write and resolves with the status of each of the `count` answers. */
function pipelined(port: number, raw: string, count: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
      if (statuses.length === count && /\}$/.test(text)) {
        socket.destroy();
        resolve(statuses);
      }
    });
    socket.on('error', reject);
  });
}
