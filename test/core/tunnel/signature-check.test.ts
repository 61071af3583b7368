import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSignature, type KnownSecret } from '../../../src/core/tunnel/signature-check';

const T = 1_700_000_000;
const body = Buffer.from('{"test":true}');
// Built independently of sign(): HMAC-SHA256(secret minus whsec_, "<t>." + body), hex.
const v1 = (secret: string, t = T, b = body) =>
  createHmac('sha256', secret.replace(/^whsec_/, ''))
    .update(`${t}.`)
    .update(b)
    .digest('hex');
const secret = (id: string, value: string, rotatedAt: string | null = null): KnownSecret => ({
  secret_id: id,
  webhook_id: `wh_${id}`,
  event_type: 'agent.message',
  secret: value,
  rotated_at: rotatedAt,
});

describe('checkSignature against known secrets', () => {
  const known = [secret('sec_a', 'whsec_aaa'), secret('sec_b', 'whsec_bbb')];

  it('names the secret that matched (the published test vector)', () => {
    const header = `t=${T},v1=6b5fed5c051827b218c67bf2582ae0b5dea7dcfdb4341bb32bcbbeda5980515a`;
    const v = checkSignature(body, header, [...known, secret('sec_fixed', 'whsec_fixedkey123')], T + 10);
    expect(v).toMatchObject({ ok: true, code: 'valid', secretId: 'sec_fixed', checkedSecrets: 3 });
    expect(v.message).toContain('sec_fixed');
  });

  it('accepts any of several v1 entries', () => {
    const v = checkSignature(body, `t=${T},v1=${'0'.repeat(64)},v1=${v1('whsec_bbb')}`, known, T);
    expect(v).toMatchObject({ ok: true, secretId: 'sec_b' });
  });

  it('says how many secrets were tried when none matches (e.g. a re-serialised body)', () => {
    const reserialised = Buffer.from('{ "test": true }');
    const v = checkSignature(reserialised, `t=${T},v1=${v1('whsec_aaa')}`, known, T);
    expect(v).toMatchObject({ ok: false, code: 'no_match', secretId: null });
    expect(v.message).toBe('no v1 matches any of 2 known secrets (body changed or another secret)');
  });

  it('recognises a secret that was rotated away, with when', () => {
    const rotated = secret('sec_old', 'whsec_old', '2026-11-20T10:00:00.000Z');
    const v = checkSignature(body, `t=${T},v1=${v1('whsec_old')}`, [...known, rotated], T);
    expect(v).toMatchObject({ ok: false, code: 'rotated_secret', secretId: 'sec_old' });
    expect(v.message).toContain('rotated at 2026-11-20T10:00:00.000Z');
  });

  it('reports a stale or future timestamp with its age, even when the HMAC matches', () => {
    const old = checkSignature(body, `t=${T},v1=${v1('whsec_aaa')}`, known, T + 412);
    expect(old).toMatchObject({ ok: false, code: 'timestamp_too_old', secretId: 'sec_a' });
    expect(old.message).toContain('412 s old');
    const future = checkSignature(body, `t=${T},v1=${v1('whsec_aaa')}`, known, T - 301);
    expect(future).toMatchObject({ ok: false, code: 'timestamp_too_new' });
  });

  it('distinguishes a missing header, a malformed one, and no secrets at all', () => {
    expect(checkSignature(body, null, known, T)).toMatchObject({ ok: null, code: 'missing_header' });
    expect(checkSignature(body, 'v1=abc', known, T)).toMatchObject({ ok: false, code: 'malformed_header' });
    expect(checkSignature(body, `t=${T}`, known, T)).toMatchObject({ ok: false, code: 'no_v1' });
    expect(checkSignature(body, `t=${T},v1=${v1('whsec_aaa')}`, [], T)).toMatchObject({
      ok: null,
      code: 'no_secrets',
    });
  });
});
