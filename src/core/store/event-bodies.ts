import type { Db } from './open';
import { createDeflater, createInflater, type RawCodec } from './raw-deflate';

/**
 * Event bodies packed at rest (issue 17, migration 018). A fired event's bytes are stored as
 * they are; the packer (src/core/dispatch/event-body-packer.ts) later rewrites them as raw
 * deflate against a dictionary trained on the store's own bodies: ~155 bytes for a 530-byte
 * Sonzai envelope, where deflate alone gives ~340. `events.body_dict` names the dictionary, NULL
 * meaning the bytes are the body itself. Every reader goes through `eventBodySql`, so SQL that
 * reads a body (an attempt's bytes, a notification's payload, the due loop) sees the exact bytes
 * that were fired, packed or not.
 */

const FUNCTION = 'studio_event_body';

/** A deflate level: 6 packs as small as 9 here (measured: 147.8 vs 147.0 bytes) in the same time. */
const LEVEL = 6;

/**
 * What a dictionary may hold. 4 KiB packs a 532-byte envelope to 155 bytes, 8 KiB to 148 and
 * 32 KiB to 145 (at twice the time). Chosen when every pack and read made its own zlib stream
 * with the dictionary copied in (packing 10,000 bodies grew RSS by 25 MiB with 4 KiB, 36 with 8
 * and 102 with 32); streams are kept and reset now, but stores already hold 4 KiB dictionaries.
 */
export const DICTIONARY_BYTES = 4 * 1024;

/** The SQL for the bytes of the event row under `alias`, packed or not. */
export const eventBodySql = (alias: string): string => `${FUNCTION}(${alias}.body, ${alias}.body_dict)`;

/** Each connection's dictionaries by id (a store holds one or a few 4 KiB blobs). */
const dictionaries = new WeakMap<Db, Map<number, Buffer>>();

/** One kept zlib stream per dictionary and direction (src/core/store/raw-deflate.ts). */
const deflaters = new WeakMap<Buffer, RawCodec>();
const inflaters = new WeakMap<Buffer, RawCodec>();

function kept(cache: WeakMap<Buffer, RawCodec>, dictionary: Buffer, make: () => RawCodec): RawCodec {
  let c = cache.get(dictionary);
  if (!c) cache.set(dictionary, (c = make()));
  return c;
}

export function packBody(body: Buffer, dictionary: Buffer): Buffer {
  return kept(deflaters, dictionary, () => createDeflater(dictionary, LEVEL)).run(body);
}

export function unpackBody(packed: Buffer, dictionary: Buffer): Buffer {
  return kept(inflaters, dictionary, () => createInflater(dictionary)).run(packed);
}

/**
 * A dictionary from sample bodies: every event type in turn (so each shape has its keys and
 * common values in it), newest samples first, up to `DICTIONARY_BYTES`. Deflate finds matches
 * anywhere in the dictionary; nearer the end they cost a few bits less, so the most common type
 * goes last.
 */
export function trainDictionary(samples: readonly { type: string; body: Buffer }[]): Buffer {
  const byType = new Map<string, Buffer[]>();
  for (const s of samples) {
    const list = byType.get(s.type) ?? [];
    list.push(s.body);
    byType.set(s.type, list);
  }
  // Least common type first within a round: the last bytes are the cheapest to refer to.
  const types = [...byType.values()].sort((a, b) => a.length - b.length);
  const rounds: Buffer[][] = [];
  let size = 0;
  for (let round = 0; size < DICTIONARY_BYTES; round++) {
    const picked: Buffer[] = [];
    let any = false;
    for (const list of types) {
      const body = list[round];
      if (!body) continue;
      any = true;
      if (size + body.length > DICTIONARY_BYTES) continue;
      picked.push(body);
      size += body.length;
    }
    if (!any) break;
    rounds.push(picked);
  }
  // Samples come newest first: the newest round goes last.
  const bytes = Buffer.concat(rounds.reverse().flat());
  return bytes.length || !samples.length ? bytes : samples[0].body.subarray(0, DICTIONARY_BYTES);
}

/**
 * Makes `eventBodySql` readable on this connection, with the dictionaries stored so far (the
 * studio's schema; call after its migrations).
 */
export function registerEventBodies(db: Db): void {
  if (dictionaries.has(db)) return;
  const own = new Map<number, Buffer>();
  for (const row of db.prepare('SELECT id, bytes FROM body_dictionaries').all() as { id: number; bytes: Buffer }[])
    own.set(row.id, row.bytes);
  dictionaries.set(db, own);
  db.function(FUNCTION, { deterministic: true, varargs: false }, (body: unknown, dict: unknown) => {
    if (dict === null || body === null) return body as Buffer | string | null;
    const dictionary = own.get(Number(dict));
    if (!dictionary)
      throw new Error(`event body packed with dictionary ${String(dict)}, which this store does not hold`);
    return unpackBody(body as Buffer, dictionary);
  });
}

/**
 * Stores a new dictionary (committed at once, outside any transaction: a dictionary rolled back
 * must never be remembered, or rows could name an id the file does not hold) and makes it
 * readable.
 */
export function addDictionary(db: Db, bytes: Buffer, createdAt: string): { id: number; bytes: Buffer } {
  const own = dictionaries.get(db);
  if (!own) throw new Error('registerEventBodies first');
  if (db.inTransaction) throw new Error('a dictionary is stored in its own transaction');
  const id = Number(
    db.prepare('INSERT INTO body_dictionaries (bytes, created_at) VALUES (?, ?)').run(bytes, createdAt).lastInsertRowid,
  );
  own.set(id, bytes);
  return { id, bytes };
}

/** The newest dictionary, if the store has one. */
export function currentDictionary(db: Db): { id: number; bytes: Buffer } | null {
  const own = dictionaries.get(db);
  if (!own || own.size === 0) return null;
  const id = Math.max(...own.keys());
  return { id, bytes: own.get(id)! };
}
