import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAttemptsRepo } from '../../../src/core/dispatch/attempts-repo';
import { attemptDetail } from '../../../src/core/inspector/detail';
import { migrate } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { openStore } from '../../../src/core/store/open';
import { readAsBefore } from '../../helpers/schema-before';
import { tempDir } from '../../helpers/tmp';

const EVENT_BODY = '{"event_type":"agent.message","data":{"text":"Kyoto – in the rain"}}';
const EDITED_BODY = '{"edited":"by hand"}';
const SIG = 't=1767225600,v1=d5f4c6b752d8830bb7aaf60d1b93d30b288b830961a5294b248a645d1061a54a';
const bytes = (s: string) => String(Buffer.byteLength(s));
const headers = (host: string, length: string, extra: Record<string, string> = {}) =>
  JSON.stringify({
    'Content-Type': 'application/json',
    'Sonzai-Signature': SIG,
    ...extra,
    'Content-Length': length,
    Host: host,
    Connection: 'keep-alive',
  });

describe('migration 015 (canonical request headers rebuilt on read)', () => {
  it('empties the canonical sets it can rebuild exactly, keeps the rest, and shows the same headers and bytes', () => {
    const path = join(tempDir(), 'studio.db');
    const old = new Database(path);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.id < 15),
    );
    old
      .prepare(
        `INSERT INTO events (event_id, project_id, event_type, body, created_at) VALUES ('evt_1', 'p', 'agent.message', ?, 'x')`,
      )
      .run(Buffer.from(EVENT_BODY));
    const insert = old.prepare(
      `INSERT INTO attempts (attempt_id, delivery_id, event_id, project_id, event_type, webhook_url, attempt_number,
         status, request_headers_json, request_body, signature_header, response_headers_json, kind, created_at)
       VALUES (?, 'dlv_1', 'evt_1', 'p', 'agent.message', ?, 1, 'success', ?, ?, ?,
         '{"content-type":"text/plain","date":"Thu, 01 Jan 2026 00:00:01 GMT","content-length":"2"}',
         'delivery', '2026-01-01T00:00:01.000Z')`,
    );
    const edited = Buffer.from(EDITED_BODY);
    const rows: [id: string, url: string, json: string, body: Buffer | null, sig: string | null, emptied: boolean][] = [
      ['plain', 'http://localhost:3000/webhooks', headers('localhost:3000', bytes(EVENT_BODY)), null, SIG, true],
      ['ipv4', 'http://127.0.0.1:5000/hook', headers('127.0.0.1:5000', bytes(EVENT_BODY)), null, SIG, true],
      ['https', 'https://example.test/wh', headers('example.test', bytes(EVENT_BODY)), null, SIG, true],
      [
        'query',
        'http://a-b.example.test:8080?x=1',
        headers('a-b.example.test:8080', bytes(EVENT_BODY)),
        null,
        SIG,
        false,
      ],
      ['edited', 'http://localhost:3000/w', headers('localhost:3000', bytes(EDITED_BODY)), edited, SIG, true],
      // Sent with other headers, or a URL whose Host is not its text as written: kept as they are.
      [
        'auth',
        'http://localhost:3000/w',
        headers('localhost:3000', bytes(EVENT_BODY), { Authorization: 'Bearer x' }),
        null,
        SIG,
        false,
      ],
      ['length', 'http://localhost:3000/w', headers('localhost:3000', '1'), null, SIG, false],
      ['host', 'http://localhost:3000/w', headers('127.0.0.1:3000', bytes(EVENT_BODY)), null, SIG, false],
      ['upper', 'http://LocalHost:3000/w', headers('LocalHost:3000', bytes(EVENT_BODY)), null, SIG, false],
      ['port80', 'http://localhost:80/w', headers('localhost:80', bytes(EVENT_BODY)), null, SIG, false],
      ['zeroport', 'http://localhost:03000/w', headers('localhost:03000', bytes(EVENT_BODY)), null, SIG, false],
      ['short-ip', 'http://127.1:3000/w', headers('127.1:3000', bytes(EVENT_BODY)), null, SIG, false],
      ['ipv6', 'http://[::1]:3000/w', headers('[::1]:3000', bytes(EVENT_BODY)), null, SIG, false],
      ['creds', 'http://u:p@localhost:3000/w', headers('u:p@localhost:3000', bytes(EVENT_BODY)), null, SIG, false],
      [
        'unsigned',
        'http://localhost:3000/w',
        '{"Content-Type":"application/json","Content-Length":"12"}',
        null,
        null,
        false,
      ],
      ['empty', 'http://localhost:3000/w', '{}', null, SIG, false],
    ];
    for (const [id, url, json, body, sig] of rows) insert.run(id, url, json, body, sig);
    // What the inspector showed before the migration.
    const shown = (d: ReturnType<typeof attemptDetail>) => ({ request: d.request, response: d.response });
    const before = readAsBefore(old, () => new Map(rows.map(([id]) => [id, shown(attemptDetail(old as never, id))])));
    old.close();

    const db = openStore(path);
    const stored = db.prepare('SELECT request_headers_json FROM attempts WHERE attempt_id = ?').pluck();
    const repo = createAttemptsRepo(db);
    for (const [id, , json, , , emptied] of rows) {
      expect(stored.get(id), id).toBe(emptied ? '' : json);
      const after = shown(attemptDetail(db, id));
      expect(after, id).toEqual(before.get(id));
      expect(after.response.headers, id).toEqual({
        'content-type': 'text/plain',
        date: 'Thu, 01 Jan 2026 00:00:01 GMT',
        'content-length': '2',
      });
      expect(Object.entries(after.request.headers), id).toEqual(Object.entries(JSON.parse(json) as object));
      expect(repo.get(id)!.request_headers_json, id).toBe(json);
    }
    expect(repo.forDelivery('dlv_1').map((r) => r.request_headers_json)).toEqual(rows.map((r) => r[2]));
    db.close();
  });
});
