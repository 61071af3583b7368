import type { NewCapture } from '../../src/core/tunnel/captures-repo';
import type { SignatureVerdict } from '../../src/shared/contract/tunnel';

/** The verdict of a request without a `Sonzai-Signature` header. */
export const UNSIGNED: SignatureVerdict = {
  ok: null,
  code: 'missing_header',
  message: 'no Sonzai-Signature header',
  secretId: null,
  webhookId: null,
  eventType: null,
  timestamp: null,
  checkedSecrets: 0,
};

/** Capture `cap_<n>`: a JSON POST to `/inbox/dev/<n>`, unsigned; `over` changes any of it. */
export function newCapture(n: number, over: Partial<NewCapture> = {}): NewCapture {
  return {
    captureId: `cap_${n}`,
    inbox: 'dev',
    via: 'http',
    relayId: null,
    method: 'POST',
    path: `/inbox/dev/${n}`,
    query: '',
    headers: [['Content-Type', 'application/json']],
    body: Buffer.from(`{"n":${n}}`),
    sourceAddress: '127.0.0.1:1',
    signature: UNSIGNED,
    forwardTo: null,
    receivedAt: '2026-12-04T10:00:00.000Z',
    ...over,
  };
}
