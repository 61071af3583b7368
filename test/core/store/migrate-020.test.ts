import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAttemptsRepo } from '../../../src/core/dispatch/attempts-repo';
import { attemptDetail } from '../../../src/core/inspector/detail';
import { migrate } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { openStore } from '../../../src/core/store/open';
import { readAsBefore } from '../../helpers/schema-before';
import { tempDir } from '../../helpers/tmp';

const V1 = 'cd409b98a744e4da0a61f910fd03a914fbacc3de58989137858050ffff0de319';
const V1B = '9be598ce129b157b3eeae21e0382455c27bfec715e6a8e0a42cff92ed6725f81';

describe('migration 020 (one-secret signature headers stored as their bytes)', () => {
  it('converts exactly the headers it can rebuild, and every attempt shows the header it was sent with', () => {
    const path = join(tempDir(), 'studio.db');
    const old = new Database(path);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.id < 20),
    );
    old
      .prepare(
        `INSERT INTO events (event_id, project_id, event_type, body, created_at) VALUES ('evt_1', 'p', 'agent.message', '{}', 'x')`,
      )
      .run();
    const insert = old.prepare(
      `INSERT INTO attempts (attempt_id, delivery_id, event_id, project_id, event_type, webhook_url, attempt_number,
         status, signature_header, signed_at, created_at) VALUES (?, 'dlv_1', 'evt_1', 'p', 'agent.message', 'http://h/x', 1, 'success', ?, ?, 'x')`,
    );
    const rows: [id: string, header: string | null, signedAt: number | null, converted: boolean][] = [
      ['one', `t=1767225600,v1=${V1}`, 1767225600, true],
      ['rotation', `t=1767225600,v1=${V1},v1=${V1B}`, 1767225600, false],
      ['other-t', `t=1767225601,v1=${V1}`, 1767225600, false],
      ['upper', `t=1767225600,v1=${V1.toUpperCase()}`, 1767225600, false],
      ['short', `t=1767225600,v1=${V1.slice(2)}`, 1767225600, false],
      ['not-hex', `t=1767225600,v1=${V1.slice(1)}g`, 1767225600, false],
      ['unsigned', null, null, false],
      ['no-time', `t=1767225600,v1=${V1}`, null, false],
    ];
    for (const [id, header, at] of rows) insert.run(id, header, at);
    const before = readAsBefore(
      old,
      () => new Map(rows.map(([id]) => [id, attemptDetail(old as never, id).signature])),
    );
    old.close();

    const db = openStore(path);
    const kind = db.prepare('SELECT typeof(signature_header) FROM attempts WHERE attempt_id = ?').pluck();
    const repo = createAttemptsRepo(db);
    for (const [id, header, , converted] of rows) {
      expect(kind.get(id), id).toBe(converted ? 'blob' : header === null ? 'null' : 'text');
      expect(attemptDetail(db, id).signature, id).toEqual(before.get(id));
      expect(repo.get(id)!.signature_header, id).toBe(header);
    }
    db.close();
  });
});
