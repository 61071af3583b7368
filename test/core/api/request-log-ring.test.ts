import { describe, expect, it } from 'vitest';
import { LogRing, segmentBytes, type RingSegment } from '../../../src/core/api/request-log-ring';

const text = (ring: LogRing, s: RingSegment) => Buffer.from(segmentBytes(new Uint8Array(ring.buffer), s)).toString();

describe('the request log ring (shared memory between the request and writer threads)', () => {
  it('hands over records in segments, in order, and refuses what has no room until the writer reads', () => {
    const ring = new LogRing(64);
    expect(ring.put('a'.repeat(30))).toBe(true);
    expect(ring.put('b'.repeat(30))).toBe(true);
    expect(ring.put('c'.repeat(10))).toBe(false); // 4 bytes left before the end
    expect(ring.wrap()).toBe(false); // and the writer has read nothing
    const [s] = ring.take();
    expect(s).toEqual({ start: 0, end: 60, count: 2 });
    expect(text(ring, s)).toBe('a'.repeat(30) + 'b'.repeat(30));
    ring.release(s.end);
    expect(ring.used).toBe(0);
  });

  it('goes on at the start when a record does not fit before the end; a segment never runs past it', () => {
    const ring = new LogRing(64);
    ring.put('x'.repeat(50));
    ring.release(ring.take()[0].end);
    expect(ring.put('y'.repeat(20))).toBe(false);
    expect(ring.wrap()).toBe(true);
    expect(ring.openCount).toBe(0);
    expect(ring.put('y'.repeat(20))).toBe(true);
    expect(ring.put('z'.repeat(20))).toBe(true);
    const segments = ring.take();
    expect(segments).toEqual([{ start: 64, end: 104, count: 2 }]);
    expect(text(ring, segments[0])).toBe('y'.repeat(20) + 'z'.repeat(20));
    // The 14 bytes skipped at the end count as used until the writer has read past them.
    expect(ring.used).toBe(14 + 40);
  });

  it('counts UTF-8 bytes: text of any script survives the crossing', () => {
    const ring = new LogRing(256);
    const record = '日本語 · 中文 · 🙂';
    expect(ring.put(record)).toBe(true);
    const [s] = ring.take();
    expect(s.end - s.start).toBe(Buffer.byteLength(record));
    expect(text(ring, s)).toBe(record);
  });

  it('ends the segment at the buffer end exactly, then writes from the start', () => {
    const ring = new LogRing(32);
    expect(ring.put('q'.repeat(32))).toBe(true);
    expect(ring.put('r')).toBe(false);
    const first = ring.take();
    ring.release(first[0].end);
    expect(ring.wrap()).toBe(true);
    expect(ring.put('r')).toBe(true);
    expect(ring.take()).toEqual([{ start: 32, end: 33, count: 1 }]);
  });
});
