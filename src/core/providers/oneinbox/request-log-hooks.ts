import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestLog } from '../../api/request-log';
import type { Clock } from '../../deps';

interface Seen {
  started: number;
  rawBody: string | null;
  responseBody: string | null;
}

/** Operation names for the API log, by method and route pattern. */
function operationOf(req: FastifyRequest): string | null {
  const url = req.routeOptions.url ?? '';
  const m = req.method;
  if (url.endsWith('/webhooks')) return m === 'POST' ? 'oneinboxCreateWebhook' : 'oneinboxListWebhooks';
  if (url.endsWith('/webhooks/:id'))
    return m === 'PATCH' ? 'oneinboxUpdateWebhook' : m === 'DELETE' ? 'oneinboxDeleteWebhook' : 'oneinboxGetWebhook';
  if (url.endsWith('/test')) return 'oneinboxTestWebhook';
  if (url.endsWith('/deliveries')) return 'oneinboxListDeliveries';
  if (url.endsWith('/calls')) return 'oneinboxStartCall';
  if (url.endsWith('/calls/:id')) return 'oneinboxGetCall';
  return null;
}

/**
 * OneInbox's requests go to the same API request log as Sonzai's (redacted there: the
 * `Authorization` credential keeps its scheme and a few characters). `wrapParser` keeps the
 * raw body a JSON parser read; the hooks take the answer and hand both to the log.
 */
export function logOneInboxRequests(api: FastifyInstance, log: RequestLog, clock: Clock) {
  const seen = new WeakMap<FastifyRequest, Seen>();
  api.addHook('onRequest', async (req) => {
    seen.set(req, { started: performance.now(), rawBody: null, responseBody: null });
  });
  api.addHook('onSend', async (req, _reply, payload) => {
    const s = seen.get(req);
    if (s) s.responseBody = typeof payload === 'string' ? payload : payload == null ? '' : '[stream]';
    return payload;
  });
  api.addHook('onResponse', async (req, reply) => {
    const s = seen.get(req);
    if (!s) return;
    log.capture({
      method: req.method,
      url: req.url,
      operationId: operationOf(req),
      status: reply.statusCode,
      durationMs: performance.now() - s.started,
      projectId: null,
      keyId: null,
      rawHeaders: req.raw.rawHeaders,
      requestBody: s.rawBody,
      responseBody: s.responseBody,
      lint: [],
      idempotentReplay: false,
      at: clock.now().getTime(),
    });
  });
  return {
    /** Remembers the raw text of a request body (called by the JSON parser). */
    keepBody(req: FastifyRequest, text: string): void {
      const s = seen.get(req);
      if (s) s.rawBody = text;
    },
  };
}
