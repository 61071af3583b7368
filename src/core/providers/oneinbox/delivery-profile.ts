import type { DeliveryProfile } from '../../dispatch/profile';
import type { OneInboxRepo } from './repo';

/** Marks the user's own header as theirs: OneInbox itself documents none. */
function baseHeaders(repo: OneInboxRepo): [string, string][] {
  const h: [string, string][] = [['Content-Type', 'application/json']];
  const auth = repo.settings().authHeader;
  if (auth) h.push([auth.name, auth.value]);
  return h;
}

/**
 * How the shared dispatcher delivers OneInbox events: a POST of the JSON payload with
 * `Content-Type: application/json` and no signature (none is documented), plus the auth
 * header the user turned on, if any. A delivery to a webhook that was deleted or made
 * inactive since it was fired is cancelled (its retries included); a call's own
 * `webhook_url` (no webhook id) always goes. The timeout is the OneInbox setting.
 */
export function oneInboxDeliveryProfile(repo: OneInboxRepo): DeliveryProfile {
  return {
    headersFor(d) {
      if (d.webhook_id) {
        const w = repo.webhook(d.webhook_id);
        if (!w || w.status !== 'active') return null;
      }
      return baseHeaders(repo);
    },
    replayHeaders: () => baseHeaders(repo),
    timeoutMs: () => repo.settings().timeoutMs,
  };
}
