import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/core/inspector/diagnose';

// Vectors are built here with node:crypto, independently of the studio's sign().
const SECRET = 'whsec_fixedkey123';
const T = 1_700_000_000;
const BODY = '{"event_type":"agent.message","agent_id":"ag_1","data":{"text":"こんにちは","n":1}}';
const hmac = (key: Buffer | string, t: number, body: string | Buffer) =>
  createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(`${t}.`), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')]))
    .digest('hex');
const header = (sig: string, t = T) => `t=${t},v1=${sig}`;
const good = header(hmac('fixedkey123', T, BODY));

const run = (over: Partial<Parameters<typeof diagnose>[0]>) =>
  diagnose({ body: BODY, header: good, secret: SECRET, nowSeconds: T + 5, ...over });

describe('diagnose (verify anything)', () => {
  it('agrees with the documented production vector', () => {
    const d = diagnose({
      body: '{"test":true}',
      header: 'Sonzai-Signature: t=1700000000,v1=6b5fed5c051827b218c67bf2582ae0b5dea7dcfdb4341bb32bcbbeda5980515a',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1_700_000_000,
    });
    expect(d).toMatchObject({ ok: true, reason: 'valid' });
  });

  it('valid: the right body, header and secret', () => {
    expect(run({})).toMatchObject({ ok: true, reason: 'valid', timestamp: T });
  });

  it('missing header', () => {
    expect(run({ header: '  ' })).toMatchObject({ ok: false, reason: 'missing_header' });
  });

  it('malformed header, and says when it looks like a Svix signature', () => {
    const d = run({ header: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=' });
    expect(d.reason).toBe('malformed_header');
    expect(d.notes.join(' ')).toMatch(/Standard Webhooks \/ Svix/);
    expect(run({ header: `t=abc,v1=${'0'.repeat(64)}` }).reason).toBe('malformed_header');
    expect(run({ header: `t=${T}` }).reason).toBe('no_v1');
  });

  it('timestamp outside tolerance, saying by how much, in both directions', () => {
    const old = run({ nowSeconds: T + 900 });
    expect(old).toMatchObject({ ok: false, reason: 'timestamp_too_old' });
    expect(old.message).toContain('900 s');
    expect(old.message).toMatch(/10 min \(600 s\) beyond the 300 s tolerance/);
    const future = run({ nowSeconds: T - 400 });
    expect(future).toMatchObject({ reason: 'timestamp_too_new' });
    expect(future.message).toContain('100 s beyond');
    expect(run({ nowSeconds: T + 900, toleranceSeconds: 1000 }).ok).toBe(true);
  });

  it('body re-serialised: whitespace', () => {
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    const d = run({ body: pretty });
    expect(d.reason).toBe('reserialised');
    expect(d.message).toMatch(/JSON is equal but the bytes differ \(whitespace\)/);
  });

  it('body re-serialised: unicode escaping', () => {
    const escaped = BODY.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const d = run({ body: escaped });
    expect(d.reason).toBe('reserialised');
    expect(d.message).toContain('unicode escaping');
  });

  it('body re-serialised: key order (found through the bytes the studio sent)', () => {
    const reordered = '{"agent_id":"ag_1","event_type":"agent.message","data":{"n":1,"text":"こんにちは"}}';
    const d = run({ body: reordered, originals: [Buffer.from(BODY)] });
    expect(d.reason).toBe('reserialised');
    expect(d.message).toContain('key order');
  });

  it('body changed: names the JSON path that differs', () => {
    const changed = BODY.replace('"n":1', '"n":2');
    const d = run({ body: changed, originals: [Buffer.from(BODY)] });
    expect(d).toMatchObject({ ok: false, reason: 'body_changed' });
    expect(d.message).toContain('$.data.n: 1 became 2');
  });

  it('wrong secret: the body is exactly what was sent, or another known secret signed it', () => {
    const d = run({ secret: 'whsec_somethingelse', originals: [Buffer.from(BODY)] });
    expect(d).toMatchObject({ ok: false, reason: 'wrong_secret' });
    const named = run({
      secret: 'whsec_somethingelse',
      knownSecrets: [{ label: "the agent.message webhook's current secret", secret: SECRET }],
    });
    expect(named.reason).toBe('wrong_secret');
    expect(named.message).toContain("agent.message webhook's current secret");
  });

  it('rotated secret: signed with the same webhook’s older secret', () => {
    const d = run({
      secret: 'whsec_newkey456',
      knownSecrets: [{ label: 'old secret', secret: SECRET, rotatedAt: '2026-01-02T00:00:00Z', sameWebhook: true }],
    });
    expect(d.reason).toBe('rotated_secret');
    expect(d.message).toMatch(/rotated since/);
  });

  it('whsec_ prefix not stripped', () => {
    const d = run({ header: header(hmac('whsec_fixedkey123', T, BODY)) });
    expect(d).toMatchObject({ ok: false, reason: 'prefix_not_stripped' });
  });

  it('key base64-decoded (the Svix habit)', () => {
    const d = run({ header: header(hmac(Buffer.from('fixedkey123', 'base64'), T, BODY)) });
    expect(d).toMatchObject({ ok: false, reason: 'key_base64_decoded' });
  });

  it('mismatch when nothing explains it, without guessing', () => {
    const d = run({ header: header('ab'.repeat(32)) });
    expect(d).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(d.expectedHmac).toBe(hmac('fixedkey123', T, BODY));
  });
});
