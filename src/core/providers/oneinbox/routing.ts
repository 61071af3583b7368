import type { OneInboxSettings } from '../../../shared/contract/oneinbox';
import type { WebhookRow } from './repo';

export interface Route {
  /** Where each delivery goes: a webhook by id, or (webhookId null) a call's own webhook_url. */
  targets: { webhookId: string | null; url: string }[];
  /** Webhooks subscribed to the event but inactive: it is dropped for them (counted, not held). */
  skipped: string[];
}

/**
 * Who receives one OneInbox event. Pure. A webhook receives only the events it subscribed
 * to and nothing while `inactive`. A call's own `webhook_url` receives that call's events
 * instead of the global webhooks (`perCallOverride: 'instead'`, the default), or as well
 * as them (`'also'`).
 */
export function routeEvent(
  eventType: string,
  webhooks: readonly WebhookRow[],
  callWebhookUrl: string | null,
  mode: OneInboxSettings['perCallOverride'],
): Route {
  const route: Route = { targets: [], skipped: [] };
  if (callWebhookUrl) route.targets.push({ webhookId: null, url: callWebhookUrl });
  if (callWebhookUrl && mode === 'instead') return route;
  for (const w of webhooks) {
    if (!w.events.includes(eventType)) continue;
    if (w.status !== 'active') route.skipped.push(w.webhook_id);
    else route.targets.push({ webhookId: w.webhook_id, url: w.url });
  }
  return route;
}
