import { isOneInboxEventType, type OneInboxEventType } from './events';

/** Bodies larger than this are not parsed to be recognised. */
const MAX_RECOGNISED_BYTES = 256 * 1024;

/**
 * Whether a request body is a OneInbox webhook payload: a JSON object whose `event` is one
 * of the seven documented types and which names a `call_id`. Pure. The inbox uses it to
 * say "OneInbox, unsigned by design" instead of "no Sonzai-Signature header".
 */
export function recogniseOneInbox(body: Buffer): OneInboxEventType | null {
  if (body.length === 0 || body.length > MAX_RECOGNISED_BYTES || body[0] !== 0x7b) return null;
  // Every OneInbox payload names its call: most bodies are ruled out without parsing.
  if (!body.includes('"call_id"')) return null;
  try {
    const v = JSON.parse(body.toString('utf8')) as { event?: unknown; call_id?: unknown };
    return isOneInboxEventType(v.event) && typeof v.call_id === 'string' ? v.event : null;
  } catch {
    return null;
  }
}
