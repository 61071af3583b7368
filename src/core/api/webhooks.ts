import type { FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/problem';
import type { ProjectRow } from '../store/projects-repo';
import { visibleProject } from './auth';
import { webhookOut } from './mappers';
import { checkEventType, checkLength, checkWebhookUrl, hasControlChars, withSchema } from './respond';
import type { ApiDeps, OperationHandlers, RouteHandler } from './types';

/** Longest `auth_header` accepted. */
export const MAX_AUTH_HEADER_LENGTH = 4096;

/** The project a webhook route acts on: `{projectId}` when given, else the key's own. */
export function routeProject(deps: ApiDeps, req: FastifyRequest): ProjectRow {
  const { projectId } = req.params as { projectId?: string };
  return projectId === undefined ? req.api.project! : visibleProject(deps, req, projectId);
}

const notFound = (eventType: string) =>
  new HttpProblem(404, `no webhook registered for event type ${eventType}`, [
    { location: 'path.eventType', message: 'no webhook for this event type', value: eventType },
  ]);

/** Webhooks, tenant-scoped (the key's project) and project-scoped: the same four operations. */
export function webhookRoutes(deps: ApiDeps): OperationHandlers {
  const list: RouteHandler = (req) =>
    withSchema(deps, 'ListWebhooksOutputBody', {
      webhooks: deps.webhooks.list(routeProject(deps, req).project_id).map(webhookOut),
    });

  const upsert: RouteHandler = (req) => {
    const p = routeProject(deps, req);
    const eventType = checkEventType((req.params as { eventType: string }).eventType);
    const b = req.body as { webhook_url: string; auth_header?: string };
    checkWebhookUrl(b.webhook_url);
    checkLength(b.auth_header, 'body.auth_header', MAX_AUTH_HEADER_LENGTH);
    if (b.auth_header !== undefined && hasControlChars(b.auth_header)) {
      throw new HttpProblem(422, 'validation failed', [
        {
          location: 'body.auth_header',
          message: 'control characters (line breaks) are not allowed in a header value',
          value: null,
        },
      ]);
    }
    const r = deps.webhooks.register(p.project_id, eventType, {
      webhookUrl: b.webhook_url,
      authHeader: b.auth_header || null,
    });
    deps.webhooksChanged(p.project_id);
    return withSchema(
      deps,
      'UpsertWebhookOutputBody',
      r.created ? { success: true, signing_secret: r.secret } : { success: true },
    );
  };

  const remove: RouteHandler = (req, reply) => {
    const p = routeProject(deps, req);
    const eventType = checkEventType((req.params as { eventType: string }).eventType);
    if (!deps.webhooks.delete(p.project_id, eventType)) throw notFound(eventType);
    deps.webhooksChanged(p.project_id);
    return reply.code(204).send();
  };

  const rotate: RouteHandler = (req) => {
    const p = routeProject(deps, req);
    const eventType = checkEventType((req.params as { eventType: string }).eventType);
    const secret = deps.webhooks.rotate(p.project_id, eventType);
    if (!secret) throw notFound(eventType);
    deps.webhooksChanged(p.project_id);
    return withSchema(deps, 'RotateSigningSecretOutputBody', { success: true, signing_secret: secret });
  };

  return {
    listWebhooksForTenant: list,
    listWebhooks: list,
    upsertWebhookForTenant: upsert,
    upsertWebhook: upsert,
    deleteWebhookForTenant: remove,
    deleteWebhook: remove,
    rotateWebhookSigningSecretForTenant: rotate,
    rotateWebhookSigningSecret: rotate,
  };
}
