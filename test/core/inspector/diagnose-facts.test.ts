import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/core/inspector/diagnose';
import { DiagnosisSchema } from '../../../src/shared/contract/inspector';
import { DIAGNOSIS_CASES } from '../../fixtures/diagnosis-cases';

// The specifics of each diagnosis as data, for the UI's other languages; message and notes stay English.
const SECRET = 'whsec_fixedkey123';
const T = 1_700_000_000;
const BODY = '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}';
const hmac = (key: Buffer | string, t: number, body: string) =>
  createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(`${t}.`), Buffer.from(body, 'utf8')]))
    .digest('hex');
const good = `t=${T},v1=${hmac('fixedkey123', T, BODY)}`;
const run = (over: Partial<Parameters<typeof diagnose>[0]>) => {
  const d = diagnose({ body: BODY, header: good, secret: SECRET, nowSeconds: T + 5, ...over });
  expect(DiagnosisSchema.parse(d)).toEqual(d);
  return d;
};

describe('diagnosis facts', () => {
  it('valid and missing header', () => {
    expect(run({}).facts).toEqual({ skewSeconds: 5, toleranceSeconds: 300 });
    expect(run({ header: ' ' }).facts).toEqual({ header: 'Sonzai-Signature' });
  });

  it('malformed headers say what is wrong and which part', () => {
    expect(run({ header: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=' }).facts).toMatchObject({
      headerProblem: 'not_key_value',
      headerPart: 'v1',
      looksLikeSvix: true,
    });
    expect(run({ header: `t=abc,v1=${'0'.repeat(64)}` }).facts).toMatchObject({
      headerProblem: 'bad_timestamp',
      headerPart: 'abc',
    });
    expect(run({ header: `v1=${'0'.repeat(64)}` }).facts).toMatchObject({ headerProblem: 'no_timestamp' });
    expect(run({ header: `t=${T}` })).toMatchObject({ reason: 'no_v1', facts: { headerProblem: 'no_v1' } });
    expect(run({ header: good.toUpperCase().replace('T=', 't=').replace('V1=', 'v1=') }).facts).toMatchObject({
      headerProblem: 'uppercase_hex',
    });
  });

  it('timestamps: the skew and the tolerance', () => {
    expect(run({ nowSeconds: T + 900 }).facts).toEqual({ skewSeconds: 900, toleranceSeconds: 300 });
    expect(run({ nowSeconds: T - 400, toleranceSeconds: 60 }).facts).toEqual({
      skewSeconds: -400,
      toleranceSeconds: 60,
    });
  });

  it('bodies: how they were re-serialised, or where they changed', () => {
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(run({ body: pretty }).facts).toMatchObject({
      reserialisedHow: ['whitespace'],
      signedBytes: Buffer.byteLength(BODY),
      verifyingBytes: Buffer.byteLength(pretty),
    });
    const originals = [Buffer.from(BODY)];
    expect(run({ body: BODY.replace('"n":1', '"n":2'), originals }).facts).toMatchObject({
      path: '$.data.n',
      bodyChange: 'value',
      before: '1',
      after: '2',
    });
    expect(run({ body: BODY.replace('"hi"', '"x became y"'), originals }).facts).toMatchObject({
      bodyChange: 'value',
      before: '"hi"',
      after: '"x became y"',
    });
    const became = BODY.replace('"hi"', '"a became b"');
    expect(
      run({ body: BODY, header: `t=${T},v1=${hmac('fixedkey123', T, became)}`, originals: [Buffer.from(became)] })
        .facts,
    ).toMatchObject({ bodyChange: 'value', before: '"a became b"', after: '"hi"' });
    expect(run({ body: BODY.replace('["a"]', '["a","b"]'), originals }).facts).toMatchObject({
      path: '$.data.tags',
      bodyChange: 'array_length',
      beforeLength: 1,
      afterLength: 2,
    });
    expect(run({ body: BODY.replace(',"n":1', ''), originals }).facts).toMatchObject({
      path: '$.data.n',
      bodyChange: 'key_removed',
    });
    const text = 'plain text body';
    const d = run({
      body: 'plain text bodY',
      header: `t=${T},v1=${hmac('fixedkey123', T, text)}`,
      originals: [Buffer.from(text)],
    });
    expect(d).toMatchObject({ reason: 'body_changed', facts: { bodyChange: 'bytes', offset: 14 } });
  });

  it('secrets: the other secret, masked, when it was rotated and its webhook', () => {
    const rotated = run({
      secret: 'whsec_newkey456',
      nowSeconds: T + 1000,
      knownSecrets: [
        {
          label: 'old secret',
          secret: SECRET,
          rotatedAt: '2026-01-02T00:00:00Z',
          sameWebhook: true,
          eventType: 'agent.message',
        },
      ],
    });
    expect(rotated).toMatchObject({
      reason: 'rotated_secret',
      facts: {
        secret: 'whsec_fixe…y123',
        secretRotatedAt: '2026-01-02T00:00:00Z',
        eventType: 'agent.message',
        skewSeconds: 1000,
      },
    });
    expect(rotated.notes.join(' ')).toMatch(/also: the timestamp/);
    const wrong = run({ secret: 'whsec_other', knownSecrets: [{ label: 'x', secret: SECRET }] });
    expect(wrong).toMatchObject({ reason: 'wrong_secret', facts: { secret: 'whsec_fixe…y123' } });
    expect(wrong.facts?.eventType).toBeUndefined();
    expect(run({ secret: 'whsec_other', originals: [Buffer.from(BODY)] }).facts).toMatchObject({ sameBytes: true });
  });

  it('answer the cases the renderer says in every language (test/fixtures/diagnosis-cases.ts)', () => {
    for (const { name, input, expected } of DIAGNOSIS_CASES) {
      const d = diagnose({ ...input, originals: input.originals?.map((b) => Buffer.from(b)) });
      expect(d, name).toEqual(expected);
    }
  });
});
