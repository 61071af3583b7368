import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { explain, parseHeader, sign, verify } from '../../../src/core/signing/signature';

// Vectors computed here with node:crypto directly, independently of sign().
const hmac = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');

describe('signature', () => {
  it('matches the published test vector', () => {
    expect(sign('{"test":true}', 'whsec_fixedkey123', 1700000000)).toBe(
      't=1700000000,v1=6b5fed5c051827b218c67bf2582ae0b5dea7dcfdb4341bb32bcbbeda5980515a',
    );
  });

  it('signs with several secrets as several v1 entries', () => {
    const body = '{"a":1}';
    expect(sign(body, ['whsec_new', 'whsec_old'], 1700000100)).toBe(
      `t=1700000100,v1=${hmac('new', `1700000100.${body}`)},v1=${hmac('old', `1700000100.${body}`)}`,
    );
  });

  const body = '{"event_type":"agent.message"}';
  const t = 1700000000;
  const good = `t=${t},v1=${hmac('k1', `${t}.${body}`)}`;

  it('accepts a valid header, any of several v1 entries, within tolerance either way', () => {
    expect(verify(body, good, 'whsec_k1', { now: t })).toEqual({ ok: true, timestamp: t, matchedIndex: 0 });
    expect(
      verify(body, `t=${t},v1=${'0'.repeat(64)},v1=${hmac('k1', `${t}.${body}`)}`, 'whsec_k1', { now: t + 300 }),
    ).toMatchObject({ ok: true, matchedIndex: 1 });
    expect(verify(body, good, 'whsec_k1', { now: t - 300 }).ok).toBe(true);
  });

  it.each([
    ['missing', undefined, 'missing_header'],
    ['empty', '  ', 'missing_header'],
    ['garbage', 'sha256=abc', 'malformed_header'],
    ['no timestamp', `v1=${'a'.repeat(64)}`, 'malformed_header'],
    ['non-numeric timestamp', 't=soon,v1=abc', 'malformed_header'],
    ['no v1', `t=${t},v0=abc`, 'no_v1'],
  ])('names the failure: %s', (_name, header, reason) => {
    expect(verify(body, header, 'whsec_k1', { now: t })).toMatchObject({ ok: false, reason });
  });

  it('says by how much a timestamp is outside the tolerance', () => {
    expect(verify(body, good, 'whsec_k1', { now: t + 301 })).toMatchObject({
      reason: 'timestamp_too_old',
      skewSeconds: 301,
    });
    expect(verify(body, good, 'whsec_k1', { now: t - 1000, toleranceSeconds: 60 })).toMatchObject({
      reason: 'timestamp_too_new',
      skewSeconds: 1000,
    });
  });

  it('rejects a changed body, a wrong secret, and a key used with its prefix', () => {
    expect(verify(body + ' ', good, 'whsec_k1', { now: t })).toMatchObject({ reason: 'no_match' });
    expect(verify(body, good, 'whsec_k2', { now: t })).toMatchObject({ reason: 'no_match' });
    const prefixed = `t=${t},v1=${hmac('whsec_k1', `${t}.${body}`)}`;
    expect(verify(body, prefixed, 'whsec_k1', { now: t })).toMatchObject({ reason: 'no_match' });
  });

  it('parses headers with spaces and unknown schemes', () => {
    expect(parseHeader(`t=${t}, v0=zz, v1=ab`)).toEqual({ timestamp: t, v1: ['ab'] });
  });

  it('explains what was signed', () => {
    const e = explain('{"test":true}', 'whsec_fixedkey123', 1700000000);
    expect(e.signedString).toBe('1700000000.{"test":true}');
    expect(e.keyUtf8).toBe('fixedkey123');
    expect(e.hmac).toBe('6b5fed5c051827b218c67bf2582ae0b5dea7dcfdb4341bb32bcbbeda5980515a');
  });
});
