import { describe, expect, it } from 'vitest';
import { redactBody, redactHeaders } from '../../../src/core/api/request-log-redact';

const SECRET = 'Bearer HANDLERSECRET0123456789';

describe('request log redaction', () => {
  it('cuts a secret JSON member to a prefix, in any case and spacing, leaving the rest alone', () => {
    expect(redactBody('{"webhook_url":"https://x.test/h","auth_header":"Bearer handler-token"}')).toBe(
      '{"webhook_url":"https://x.test/h","auth_header":"Bearer ha…"}',
    );
    expect(redactBody(`{"Auth_Header" : "${SECRET}","Key":"sk_live_abcdefgh"}`)).toBe(
      '{"Auth_Header" : "Bearer HA…","Key":"sk_live_…"}',
    );
    expect(redactBody('{"webhooks":[{"event_type":"agent.message"}]}')).toBe(
      '{"webhooks":[{"event_type":"agent.message"}]}',
    );
  });

  it('never keeps more than half of a short secret', () => {
    expect(redactBody('{"secret":"tok12345"}')).toBe('{"secret":"tok1…"}');
    expect(redactBody('{"secret":"ab"}')).toBe('{"secret":"a…"}');
  });

  it('finds a secret inside an echoed body (escaped quotes) and in a field error’s value', () => {
    const echoed = JSON.stringify({ errors: [{ location: 'body', value: `{"auth_header":"${SECRET}",}` }] });
    expect(redactBody(echoed)).not.toContain('HANDLERSECRET');
    const fieldError = JSON.stringify({
      errors: [{ location: 'body.auth_header', message: 'expected at most 4096 characters', value: SECRET }],
    });
    expect(JSON.parse(redactBody(fieldError)).errors[0].value).toBe('Bearer HA…');
  });

  it('reads keys spelled with \\u escapes', () => {
    const out = redactBody(`{"auth\\u005fheader":"${SECRET}","n":1}`);
    expect(out).not.toContain('HANDLERSECRET');
    expect(JSON.parse(out)).toEqual({ auth_header: 'Bearer HA…', n: 1 });
  });

  it('keeps an auth scheme and a short credential prefix, and only the names of cookies', () => {
    expect(
      redactHeaders([
        'Authorization',
        'Bearer sk_live_abcdefghijklmnop trailing',
        'Cookie',
        'session=COOKIESECRET; theme=dark',
        'Accept',
        '*/*',
      ]),
    ).toEqual(['Authorization', 'Bearer sk_live…', 'Cookie', 'session=…; theme=…', 'Accept', '*/*']);
  });
});
