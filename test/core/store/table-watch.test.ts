import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../../../src/core/store/open';
import { onTablesWritten } from '../../../src/core/store/table-watch';
import { tempDir } from '../../helpers/tmp';

let db: Db | undefined;
afterEach(() => db?.close());

describe('onTablesWritten', () => {
  it('hears every insert, update and delete of the tables it watches, whoever writes them, and nothing else', () => {
    db = openStore(join(tempDir(), 'studio.db'));
    db.exec('CREATE TABLE a (x); CREATE TABLE b (x); CREATE TABLE other (x)');
    const heard: string[] = [];
    onTablesWritten(db, ['a', 'b'], () => heard.push('first'));
    const stop = onTablesWritten(db, ['a'], () => heard.push('second'));
    db.prepare('INSERT INTO a VALUES (1)').run();
    expect(heard).toEqual(['first', 'second']);
    db.prepare('UPDATE b SET x = 2').run(); // no row: no write
    db.prepare('INSERT INTO b VALUES (1)').run();
    db.prepare('INSERT INTO other VALUES (1)').run();
    expect(heard).toEqual(['first', 'second', 'first']);
    stop();
    db.prepare('DELETE FROM a').run();
    expect(heard).toEqual(['first', 'second', 'first', 'first']);
  });

  it('refuses a name that is not a plain table name', () => {
    db = openStore(join(tempDir(), 'studio.db'));
    expect(() => onTablesWritten(db!, ['a; DROP TABLE x'], () => {})).toThrow(/not a table name/);
  });
});
