import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { NewCapture } from './captures-repo';

/**
 * The inbox's journal: where a capture is made durable before its sender is answered (what
 * SQLite's WAL gives a commit at `synchronous = NORMAL`: it outlives the studio dying, not the
 * machine losing power). The captures that arrive in one event-loop turn are written together,
 * in one `write`, at the end of that turn (`setImmediate`: before the turn that can read a
 * forward target's answer), or at once when a batch is about to go to SQLite (`write`). Captures
 * reach `studio.db` in batches, a few milliseconds later (`captures-repo.ts`); once a batch has
 * committed and nothing was appended since, the journal is emptied. A studio that stopped in
 * between finds its captures here on the next start (`read`), and stores them then.
 *
 * A record: payload length (u32 LE), the capture without its body as JSON (length u32 LE, then
 * the UTF-8), then the body's bytes. A record cut short (the studio killed mid-write) is ignored.
 */
export interface CaptureJournal {
  /**
   * Queues one capture; it is written with the others of this turn. The promise (one per write,
   * shared by its captures) settles once they are written, or rejects with what the disk refused
   * (nothing of that write is kept); `refused` is called first, in the write itself, for each.
   */
  append(c: NewCapture, refused?: () => void): Promise<void>;
  /** Writes what is queued, now (before a batch goes to SQLite, or the journal is read). */
  write(): void;
  /** The journal's end: everything before it has been written. */
  readonly end: number;
  /** Everything before `end` is stored elsewhere: empties the journal if nothing was appended since. */
  settle(end: number): void;
  /** Every whole capture in the journal, oldest first (what is queued is written first). */
  read(): NewCapture[];
  /** Writes what is queued, then closes. */
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
  /** This turn's records, whom to tell if the disk refuses them, and their write's promise. */
  let records: Buffer[] = [];
  let onRefused: (() => void)[] = [];
  let turn: { written: Promise<void>; settle: (err: Error | null) => void } | null = null;

  function nextTurn(): NonNullable<typeof turn> {
    let settle!: (err: Error | null) => void;
    const written = new Promise<void>((resolve, reject) => {
      settle = (err) => (err ? reject(err) : resolve());
    });
    written.catch(() => {}); // each capture's sender observes it
    setImmediate(write);
    return { written, settle };
  }

  function refused(err: unknown): Error {
    // Nothing of a refused write is kept (a short one would leave a torn record): the journal stays readable.
    try {
      ftruncateSync(fd, end);
    } catch {
      /* the refusal below says what went wrong */
    }
    const code = (err as { code?: string } | null)?.code;
    const full = !code || code === 'ENOSPC' || code === 'EDQUOT';
    return Object.assign(
      new Error(
        full
          ? 'the inbox journal could not be written: the disk is full'
          : `the inbox journal could not be written: ${(err as Error).message}`,
      ),
      { code: code ?? 'ENOSPC' },
    );
  }

  function write(): void {
    const current = turn;
    if (!current) return;
    const out = records.length === 1 ? records[0] : Buffer.concat(records);
    const refusedNow = onRefused;
    records = [];
    onRefused = [];
    turn = null;
    let failure: Error | null = null;
    if (closed) failure = new Error('the inbox journal is closed');
    else {
      try {
        const wrote = writeSync(fd, out);
        if (wrote === out.length) end += wrote;
        else failure = refused(null);
      } catch (err) {
        failure = refused(err);
      }
    }
    if (failure) for (const forget of refusedNow) forget();
    current.settle(failure);
  }

  return {
    append(c, refused) {
      records.push(encodeCapture(c));
      if (refused) onRefused.push(refused);
      turn ??= nextTurn();
      return turn.written;
    },
    write,
    get end() {
      return end;
    },
    settle(at) {
      if (closed || at !== end || end === 0) return;
      ftruncateSync(fd, 0);
      end = 0;
    },
    read() {
      write();
      return end === 0 ? [] : decodeCaptures(readFileSync(path));
    },
    close() {
      if (closed) return;
      write();
      closed = true;
      closeSync(fd);
    },
  };
}
