import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { codecOver, createDeflater, createInflater, STREAM_OUT_BYTES } from '../../../src/core/store/raw-deflate';

const dictionary = Buffer.from(
  '{"event_id":"","event_type":"agent.message","project_id":"","data":{"text":"kyoto sunrise coffee"}}'.repeat(20),
);
const body = (i: number) =>
  Buffer.from(
    JSON.stringify({ event_id: `evt_${i}`, event_type: 'agent.message', data: { text: `kyoto ${i} 京都の朝 ☕` } }),
  );

describe('raw deflate with a kept stream per dictionary', () => {
  it('packs about as small as deflateRawSync and reads back every body, one after another on the same stream', () => {
    const deflater = createDeflater(dictionary, 6);
    const inflater = createInflater(dictionary);
    expect([deflater.kept, inflater.kept]).toEqual([true, true]); // this Node has the handle it drives
    let kept = 0;
    let oneShot = 0;
    for (let i = 0; i < 300; i++) {
      const b = body(i);
      const packed = deflater.run(b);
      const reference = deflateRawSync(b, { level: 6, dictionary });
      kept += packed.length;
      oneShot += reference.length;
      expect(inflater.run(packed).equals(b)).toBe(true);
      expect(inflater.run(reference).equals(b)).toBe(true); // what the one-shot call packed reads too
      expect(inflateRawSync(packed, { dictionary }).equals(b)).toBe(true);
    }
    expect(kept).toBeLessThan(oneShot * 1.03);
    expect(kept).toBeLessThan(300 * body(1).length * 0.6); // the dictionary is in use after each reset
  });

  it('reads a body larger than its buffer through the one-shot call, and an empty one', () => {
    const big = Buffer.from('x'.repeat(STREAM_OUT_BYTES * 3) + 'end');
    const deflater = createDeflater(dictionary, 6);
    const inflater = createInflater(dictionary);
    expect(inflater.run(deflater.run(big)).equals(big)).toBe(true);
    // A large body that deflate cannot shrink: its output too passes the buffer.
    const noise = Buffer.from(Array.from({ length: STREAM_OUT_BYTES + 10 }, (_, i) => (i * 7919) % 251));
    const packed = deflater.run(noise);
    expect(inflateRawSync(packed, { dictionary }).equals(noise)).toBe(true);
    expect(inflater.run(deflater.run(Buffer.alloc(0))).length).toBe(0);
    expect(inflater.run(deflater.run(body(1))).equals(body(1))).toBe(true);
  });

  it('throws a clear error on bytes that are not its packing, and reads the next body as if nothing happened', () => {
    const deflater = createDeflater(dictionary, 6);
    const inflater = createInflater(dictionary);
    const good = deflater.run(body(7));
    const corrupt = Buffer.from(good);
    corrupt[0] ^= 0xff;
    corrupt[1] ^= 0xff;
    expect(() => inflater.run(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toThrow(/not a packed body/);
    expect(inflater.run(good).equals(body(7))).toBe(true);
    // Against another dictionary: an error, or at worst other bytes, never a crash.
    const other = createInflater(Buffer.from('another dictionary entirely'));
    try {
      expect(other.run(good).equals(body(7))).toBe(false);
    } catch (err) {
      expect((err as Error).message).toMatch(/not a packed body/);
    }
    expect(inflater.run(good).equals(body(7))).toBe(true);
  });

  it('falls back to the one-shot call on a runtime whose zlib stream has no native handle to drive', () => {
    const oneShot = (input: Buffer) => inflateRawSync(input, { dictionary });
    const inflater = codecOver({}, oneShot);
    expect(inflater.kept).toBe(false);
    const packed = createDeflater(dictionary, 6).run(body(3));
    expect(inflater.run(packed).equals(body(3))).toBe(true);
    // A handle without the counters it reads is not driven either.
    expect(codecOver({ _handle: { writeSync() {}, reset() {} } }, oneShot).kept).toBe(false);
  });
});
