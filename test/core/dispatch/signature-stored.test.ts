import { describe, expect, it } from 'vitest';
import { storedSignature } from '../../../src/core/dispatch/signature-stored';
import { sign } from '../../../src/core/signing/signature';

describe('signature headers as stored', () => {
  it('keeps 32 bytes for the one-secret header its signed_at rebuilds, and any other header as it is', () => {
    const one = sign(Buffer.from('{"a":1}'), ['whsec_one'], 1767225600);
    const stored = storedSignature(one, 1767225600);
    expect(Buffer.isBuffer(stored) && stored.length).toBe(32);
    expect(`t=1767225600,v1=${(stored as Buffer).toString('hex')}`).toBe(one);
    const two = sign(Buffer.from('{"a":1}'), ['whsec_one', 'whsec_two'], 1767225600);
    expect(storedSignature(two, 1767225600)).toBe(two);
    expect(storedSignature(one, 1767225601)).toBe(one);
    const upper = one.replace(/v1=(\w+)/, (_m, hex: string) => `v1=${hex.toUpperCase()}`);
    expect(storedSignature(upper, 1767225600)).toBe(upper);
    expect(storedSignature(`${one} `, 1767225600)).toBe(`${one} `);
    expect(storedSignature(null, null)).toBe(null);
    expect(storedSignature(one, null)).toBe(one);
  });
});
