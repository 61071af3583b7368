import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { NewCapture } from './captures-repo';

/**
 * The inbox's journal: where a capture is made durable before its sender is answered, with one
 * `write` (what SQLite's WAL gives a commit at `synchronous = NORMAL`: it outlives the studio
 * dying, not the machine losing power). Captures reach `studio.db` in batches, a few
 * milliseconds later (`captures-repo.ts`); once a batch has committed and nothing was appended
 * since, the journal is emptied. A studio that stopped in between finds its captures here on the
 * next start (`read`), and stores them then.
 *
 * A record: payload length (u32 LE), the capture without its body as JSON (length u32 LE, then
 * the UTF-8), then the body's bytes. A record cut short (the studio killed mid-write) is ignored.
 */
export interface CaptureJournal {
  /** Appends one capture (a single write); returns the journal's end. Throws what the disk refuses. */
  append(c: NewCapture): number;
  /** The journal's end: everything before it has been appended. */
  readonly end: number;
  /** Everything before `end` is stored elsewhere: empties the journal if nothing was appended since. */
  settle(end: number): void;
  /** Every whole capture in the journal, oldest first. */
  read(): NewCapture[];
  close(): void;
}

type Meta = Omit<NewCapture, 'body'>;

export function encodeCapture(c: NewCapture): Buffer {
  const { body, ...meta } = c;
  const json = JSON.stringify(meta satisfies Meta);
  const metaBytes = Buffer.byteLength(json);
  const out = Buffer.allocUnsafe(8 + metaBytes + body.length);
  out.writeUInt32LE(4 + metaBytes + body.length, 0);
  out.writeUInt32LE(metaBytes, 4);
  out.write(json, 8, 'utf8');
  body.copy(out, 8 + metaBytes);
  return out;
}

/** The whole records of `bytes`, oldest first; a torn or unreadable tail ends the list. */
export function decodeCaptures(bytes: Buffer): NewCapture[] {
  const out: NewCapture[] = [];
  let at = 0;
  while (at + 8 <= bytes.length) {
    const size = bytes.readUInt32LE(at);
    const metaBytes = bytes.readUInt32LE(at + 4);
    if (size < 4 + metaBytes || at + 4 + size > bytes.length) break;
    let meta: Meta;
    try {
      meta = JSON.parse(bytes.toString('utf8', at + 8, at + 8 + metaBytes)) as Meta;
    } catch {
      break;
    }
    out.push({ ...meta, body: Buffer.from(bytes.subarray(at + 8 + metaBytes, at + 4 + size)) });
    at += 4 + size;
  }
  return out;
}

export function openCaptureJournal(path: string): CaptureJournal {
  const fd = openSync(path, 'a+', 0o600);
  let end = fstatSync(fd).size;
  let closed = false;
  return {
    append(c) {
      const record = encodeCapture(c);
      const wrote = writeSync(fd, record);
      if (wrote !== record.length) {
        // A short write (the disk filled mid-record): drop it whole, so the journal stays readable.
        ftruncateSync(fd, end);
        throw Object.assign(new Error('the inbox journal could not be written: the disk is full'), {
          code: 'ENOSPC',
        });
      }
      end += wrote;
      return end;
    },
    get end() {
      return end;
    },
    settle(at) {
      if (closed || at !== end || end === 0) return;
      ftruncateSync(fd, 0);
      end = 0;
    },
    read() {
      return end === 0 ? [] : decodeCaptures(readFileSync(path));
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}
