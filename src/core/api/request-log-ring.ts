/**
 * Shared memory between the request thread and the request log's writer thread. The
 * request thread encodes each record (UTF-8) straight into the ring; a message then tells
 * the writer which segment to read, and the writer's answer says up to where it has read,
 * so that space can be written again. Nothing crosses per request but the bytes.
 *
 * Positions are "virtual": byte counts since the start that only grow; a position's
 * place in the buffer is the position modulo its size. A segment never runs past the
 * buffer's end: a record that does not fit there goes to the start, and the bytes it
 * skipped count as used until the writer has read past them.
 */

/** A run of whole records for the writer: virtual positions [start, end), and how many. */
export interface RingSegment {
  start: number;
  end: number;
  count: number;
}

const encoder = new TextEncoder();

/** The request thread's side of the ring. */
export class LogRing {
  readonly buffer: SharedArrayBuffer;
  private readonly bytes: Uint8Array;
  /** End of the bytes written. */
  private written = 0;
  /** Up to where the writer has read. */
  private released = 0;
  /** Segments ended (at the buffer's end) and not taken yet. */
  private ended: RingSegment[] = [];
  private open: RingSegment = { start: 0, end: 0, count: 0 };

  constructor(size: number) {
    this.buffer = new SharedArrayBuffer(size);
    this.bytes = new Uint8Array(this.buffer);
  }

  /** Bytes written and not yet read by the writer. */
  get used(): number {
    return this.written - this.released;
  }

  get size(): number {
    return this.bytes.length;
  }

  /** Records in the segment being written (the index the next record will have in it). */
  get openCount(): number {
    return this.open.count;
  }

  /**
   * Writes one record where the last one ended; false if it does not fit there: before
   * the buffer's end (then `wrap()` and try again) or before bytes the writer has not read.
   */
  put(record: string): boolean {
    const size = this.bytes.length;
    const at = this.written % size;
    if (at === 0 && this.open.count) return false; // the segment reached the end: wrap first
    const room = Math.min(size - at, size - this.used);
    const r = encoder.encodeInto(record, this.bytes.subarray(at, at + room));
    if (r.read !== record.length) return false;
    this.written += r.written;
    this.open.end = this.written;
    this.open.count++;
    return true;
  }

  /**
   * Ends the segment and goes on at the buffer's start, if the writer has read that far
   * (the bytes skipped at the end count as used until it has read past them).
   */
  wrap(): boolean {
    const size = this.bytes.length;
    const skip = (size - (this.written % size)) % size;
    if (this.used + skip >= size) return false;
    this.written += skip;
    this.endSegment();
    return true;
  }

  /** Every segment written since the last call, in order. */
  take(): RingSegment[] {
    this.endSegment();
    const out = this.ended;
    this.ended = [];
    return out;
  }

  /** The writer has read everything before `end`. */
  release(end: number): void {
    if (end > this.released) this.released = end;
  }

  private endSegment(): void {
    if (this.open.count) this.ended.push(this.open);
    this.open = { start: this.written, end: this.written, count: 0 };
  }
}

/** The writer thread's side: a segment's bytes (a view: copy them before answering). */
export function segmentBytes(ring: Uint8Array, s: RingSegment): Uint8Array {
  const from = s.start % ring.length;
  return ring.subarray(from, from + (s.end - s.start));
}
