import { describe, expect, it } from 'vitest';
import {
  FrameReader,
  LOG_BODY_LIMIT,
  RecordEncoder,
  field,
  readRecords,
  type CapturedRequest,
} from '../../../src/core/api/request-log-frame';

function captured(over: Partial<CapturedRequest> = {}): CapturedRequest {
  return {
    method: 'GET',
    url: '/api/v1/webhooks?x=1',
    operationId: 'listWebhooksForTenant',
    status: 200,
    durationMs: 0.25,
    projectId: 'proj_1',
    keyId: 'key_1',
    rawHeaders: ['Host', '127.0.0.1:1', 'Authorization', 'Bearer sk_live_secret_value'],
    requestBody: null,
    responseBody: '{"webhooks":[]}',
    lint: [],
    idempotentReplay: false,
    at: 1_700_000_000_000,
    ...over,
  };
}

const batch = (entries: CapturedRequest[]) => {
  const encoder = new RecordEncoder();
  return entries.map((e, i) => encoder.encode(e, i)).join('');
};

describe('request log frames', () => {
  it('round-trips fields of any text, empty and missing ones included', () => {
    const texts = ['', 'a:b', '~', '^1:', '日本語 🙂', '\n\r\0', 'x'.repeat(10_000)];
    const r = new FrameReader(texts.map(field).join('') + field(null));
    expect(texts.map(() => r.text())).toEqual(texts);
    expect(r.next()).toBeNull();
    expect(r.done).toBe(true);
  });

  it('says where a frame is damaged instead of reading garbage', () => {
    expect(() => new FrameReader('5:abc').next()).toThrow(/cut at offset 0/);
    expect(() => new FrameReader('x:abc').next()).toThrow(/not a request log frame/);
    expect(() => readRecords(`${batch([captured()])}9:`)).toThrow();
    // A reference to a record that is not (yet) in the batch.
    const bad = batch([captured()]).replace(field('Host\n127.0.0.1:1\nAuthorization\nBearer sk_live…'), '^3:');
    expect(bad).toContain('^3:');
    expect(() => readRecords(bad)).toThrow(/reference/);
  });

  it('stores a repeated header block or body once per batch and reads every record back whole', () => {
    const a = captured();
    const b = captured({ rawHeaders: [...a.rawHeaders], responseBody: String(a.responseBody) });
    const c = captured({ responseBody: '{"webhooks":[1]}' });
    const d = captured({ responseBody: '{"webhooks":[1]}', status: 404 });
    const frame = batch([a, b, c, d]);
    // The second record refers to the first for its headers and its body.
    expect(frame.split('sk_live').length - 1).toBe(1);
    expect(frame.split('{"webhooks":[]}').length - 1).toBe(1);
    expect(frame.split('{"webhooks":[1]}').length - 1).toBe(1);
    const out = readRecords(frame);
    expect(out.map((r) => [r.status, r.responseBody, r.headers])).toEqual([
      [200, '{"webhooks":[]}', 'Host\n127.0.0.1:1\nAuthorization\nBearer sk_live…'],
      [200, '{"webhooks":[]}', 'Host\n127.0.0.1:1\nAuthorization\nBearer sk_live…'],
      [200, '{"webhooks":[1]}', 'Host\n127.0.0.1:1\nAuthorization\nBearer sk_live…'],
      [404, '{"webhooks":[1]}', 'Host\n127.0.0.1:1\nAuthorization\nBearer sk_live…'],
    ]);
  });

  it('never refers across operations or batches: a cleared encoder writes the text again', () => {
    const encoder = new RecordEncoder();
    const first = encoder.encode(captured(), 0);
    const other = encoder.encode(captured({ operationId: 'listProjects' }), 1);
    expect(other).toContain('sk_live…');
    encoder.clear();
    const again = encoder.encode(captured(), 0);
    expect(again).toBe(first);
  });

  it('redacts before anything is written, cuts bodies to the limit and says so (a cut inside a secret too)', () => {
    const secretAtCut = `{"pad":"${'x'.repeat(LOG_BODY_LIMIT - 40)}","signing_secret":"whsec_abcdefghijklmnopqrstuvwxyz"}`;
    const frame = batch([
      captured({
        method: 'PUT',
        requestBody: '{"webhook_url":"https://x.test/h","auth_header":"Bearer handler-token-123"}',
        responseBody: secretAtCut,
      }),
      captured({ method: 'PUT', responseBody: secretAtCut }),
    ]);
    expect(frame).not.toContain('handler-token-123');
    expect(frame).not.toContain('sk_live_secret_value');
    expect(frame).not.toContain('defghijklmnop');
    const [r, again] = readRecords(frame);
    expect(JSON.parse(r.requestBody!).auth_header).toBe('Bearer ha…');
    expect(r.responseBodyTruncated).toBe(true);
    // Cut at the limit inside the secret ("whsec_abcdef"), which then keeps half of it at most.
    expect(r.responseBody!.endsWith('"signing_secret":"whsec_…"')).toBe(true);
    expect(r.responseBody!.length).toBe(LOG_BODY_LIMIT - 4);
    expect(again.responseBody).toBe(r.responseBody);
    expect(again.responseBodyTruncated).toBe(true);
  });

  it('keeps lint notes, replays, status, timing and nulls as captured', () => {
    const lint = [{ code: 'unknown_query_parameter', message: 'query parameter "x" is not published' }];
    const [r] = readRecords(
      batch([captured({ lint, idempotentReplay: true, operationId: null, projectId: null, keyId: null })]),
    );
    expect(JSON.parse(r.lint)).toEqual(lint);
    expect(r).toMatchObject({
      idempotentReplay: true,
      operationId: null,
      projectId: null,
      keyId: null,
      status: 200,
      durationMs: 0.25,
      at: 1_700_000_000_000,
      url: '/api/v1/webhooks?x=1',
    });
  });
});
