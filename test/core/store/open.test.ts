import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_CACHE_KIB, openStore } from '../../../src/core/store/open';
import { tempDir } from '../../helpers/tmp';

describe('openStore', () => {
  it('opens in WAL mode with a page cache of PAGE_CACHE_KIB, not the 16 MiB better-sqlite3 builds in', () => {
    const db = openStore(join(tempDir(), 'studio.db'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // Negative: KiB. A burst used to fill the 16 MiB with pages it had just written.
      expect(db.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB);
      expect(PAGE_CACHE_KIB).toBeLessThanOrEqual(4096);
    } finally {
      db.close();
    }
  });

  it('refuses a file that is not an SQLite database and leaves it as it was', () => {
    const path = join(tempDir(), 'studio.db');
    writeFileSync(path, 'my notes, not a database');
    expect(() => openStore(path)).toThrow(/is not an SQLite database/);
    expect(() => openStore(path)).toThrow(/--data-dir/);
  });
});
