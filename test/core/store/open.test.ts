import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_CACHE_KIB, openStore } from '../../../src/core/store/open';
import { tempDir } from '../../helpers/tmp';

describe('openStore', () => {
  it("keeps the studio store's page cache at PAGE_CACHE_KIB, not the 16 MiB better-sqlite3 builds in", () => {
    const db = openStore(join(tempDir(), 'studio.db'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // Negative: KiB. A burst used to fill the 16 MiB with pages it had just written.
      expect(db.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB);
    } finally {
      db.close();
    }
  });
});
