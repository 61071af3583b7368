import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretIdsSql, storedSecretIds } from '../../../src/core/dispatch/secret-ids-stored';
import { timeOrderedId } from '../../../src/core/ids';
import { openStore } from '../../../src/core/store/open';

describe('secret id lists as stored', () => {
  it('keeps 16 bytes for a list of one lower-case UUID and gives the same text back in SQL', () => {
    const db = openStore(':memory:');
    db.exec('CREATE TEMP TABLE t (secret_ids_json)');
    const put = db.prepare('INSERT INTO t VALUES (?)');
    const lists = [
      ...Array.from({ length: 100 }, () => JSON.stringify([randomUUID()])),
      ...Array.from({ length: 100 }, () => JSON.stringify([timeOrderedId(new Date(), { uuid: randomUUID })])),
      JSON.stringify([randomUUID(), randomUUID()]),
      '[]',
      '["sec-1"]',
      JSON.stringify([randomUUID().toUpperCase()]),
    ];
    for (const json of lists) put.run(storedSecretIds(json));
    const stored = db.prepare('SELECT typeof(secret_ids_json) FROM t ORDER BY rowid').pluck().all();
    expect(stored.slice(0, 200).every((k) => k === 'blob')).toBe(true);
    expect(stored.slice(200)).toEqual(['text', 'text', 'text', 'text']);
    expect(
      db
        .prepare(`SELECT ${secretIdsSql('t')} FROM t ORDER BY rowid`)
        .pluck()
        .all(),
    ).toEqual(lists);
    db.close();
  });
});
