import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recogniseOneInbox } from '../../../../src/core/providers/oneinbox/recognise';
import { startOneInbox, type OneInboxHarness } from './helpers';

describe('the inbox recognises OneInbox payloads', () => {
  it('recognises the seven documented shapes and nothing else (pure)', () => {
    const b = (v: unknown) => Buffer.from(JSON.stringify(v));
    expect(recogniseOneInbox(b({ event: 'call.ended', call_id: 'call_abc123' }))).toBe('call.ended');
    expect(recogniseOneInbox(b({ event: 'transcript.partial', call_id: 'c', messages: [] }))).toBe(
      'transcript.partial',
    );
    expect(recogniseOneInbox(b({ event: 'agent.message', call_id: 'c' }))).toBeNull();
    expect(recogniseOneInbox(b({ event: 'call.ended' }))).toBeNull();
    expect(recogniseOneInbox(b({ event_type: 'call.ended', call_id: 'c' }))).toBeNull();
    expect(recogniseOneInbox(Buffer.from('{"event":'))).toBeNull();
    expect(recogniseOneInbox(Buffer.from('[1]'))).toBeNull();
    expect(recogniseOneInbox(Buffer.alloc(0))).toBeNull();
  });

  let h: OneInboxHarness;
  beforeAll(async () => {
    h = await startOneInbox();
  });
  afterAll(() => h.close());

  it('a OneInbox delivery to the studio’s own inbox is captured as "OneInbox, unsigned by design"', async () => {
    const inbox = `${h.studio.status().apiBaseUrl}/inbox/dev`;
    await h.api('POST', '/v1/webhooks', { name: 'inbox', url: inbox, events: ['call.analyzed'] });
    await h.client.call('oneinbox.trigger', { eventType: 'call.analyzed' });
    await h.until(async () => (await h.client.call('captures.list', {})).captures.length === 1);
    const [cap] = (await h.client.call('captures.list', {})).captures;
    expect(cap!.signature).toMatchObject({ ok: null, code: 'oneinbox_unsigned', eventType: 'call.analyzed' });
    expect(cap!.signature.message).toMatch(/OneInbox documents no signature/);
    // A body without a signature that is not OneInbox's is still "no header".
    await fetch(inbox, { method: 'POST', body: '{"hello":1}', headers: { 'content-type': 'application/json' } });
    await h.until(async () => (await h.client.call('captures.list', {})).captures.length === 2);
    const [plain] = (await h.client.call('captures.list', {})).captures;
    expect(plain!.signature.code).toBe('missing_header');
  });
});
