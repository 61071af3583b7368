import { HttpProblem } from '../http/problem';
import { resolveAgent } from './agents';
import { visibleProject } from './auth';
import { addLint } from './lint';
import { notificationOut, proactiveOut } from './mappers';
import { checkLength, withSchema } from './respond';
import type { ApiDeps, OperationHandlers } from './types';

/** Most ids one acknowledge call takes. */
export const MAX_ACK_IDS = 1000;

/**
 * Agent notifications (pending → consumed) and project notifications (pending →
 * acknowledged). `limit` bounds come from the published schema (1..500, 1..200).
 */
export function notificationRoutes(deps: ApiDeps): OperationHandlers {
  const n = deps.proactive.notifications;
  return {
    listNotifications(req) {
      const a = resolveAgent(deps, req);
      const q = req.query as { status?: string; user_id?: string; limit: number };
      checkLength(q.status, 'query.status', 50);
      checkLength(q.user_id, 'query.user_id', 200);
      const rows = n.listProactive(a.agent_id, {
        status: q.status || undefined,
        userId: q.user_id || undefined,
        limit: q.limit,
      });
      return withSchema(deps, 'ProactiveNotificationsResponse', { notifications: rows.map(proactiveOut) });
    },
    getNotificationHistory(req) {
      const a = resolveAgent(deps, req);
      const q = req.query as { limit: number; user_id?: string };
      const userId = typeof q.user_id === 'string' && q.user_id ? q.user_id : undefined;
      const rows = n.listProactive(a.agent_id, { userId, limit: q.limit });
      return withSchema(deps, 'ProactiveNotificationsResponse', { notifications: rows.map(proactiveOut) });
    },
    consumeNotification(req) {
      const a = resolveAgent(deps, req);
      const { messageId } = req.params as { messageId: string };
      const row = messageId.length <= 200 ? n.getProactive(messageId) : undefined;
      if (!row || row.agent_id !== a.agent_id) {
        throw new HttpProblem(404, `notification ${messageId.slice(0, 200)} not found`, [
          { location: 'path.messageId', message: 'not found for this agent', value: messageId.slice(0, 200) },
        ]);
      }
      n.consume(messageId);
      return withSchema(deps, 'ConsumeNotificationOutputBody', { success: true });
    },
    listProjectNotifications(req) {
      const { projectId } = req.params as { projectId: string };
      const p = visibleProject(deps, req, projectId);
      const q = req.query as { agent_id?: string; event_type?: string; limit: number };
      const rows = n.listProject(p.project_id, {
        agentId: q.agent_id || undefined,
        eventType: q.event_type || undefined,
        limit: q.limit,
      });
      return withSchema(deps, 'ProjectNotificationsListOutputBody', {
        notifications: rows.map(notificationOut),
        count: rows.length,
      });
    },
    acknowledgeProjectNotifications(req) {
      const { projectId } = req.params as { projectId: string };
      const p = visibleProject(deps, req, projectId);
      const ids = (req.body as { notification_ids: string[] | null }).notification_ids ?? [];
      if (ids.length > MAX_ACK_IDS) {
        throw new HttpProblem(422, 'validation failed', [
          { location: 'body.notification_ids', message: `at most ${MAX_ACK_IDS} ids per call`, value: ids.length },
        ]);
      }
      return withSchema(deps, 'AcknowledgeProjectNotificationsOutputBody', {
        acknowledged: n.acknowledge(p.project_id, ids),
      });
    },
    /** Filters come as query parameters (published) or as a JSON body (the Go SDK): both work, the body is flagged. */
    acknowledgeAllProjectNotifications(req) {
      const { projectId } = req.params as { projectId: string };
      const p = visibleProject(deps, req, projectId);
      const q = req.query as { agent_id?: string; event_type?: string };
      let agentId = q.agent_id || undefined;
      let eventType = q.event_type || undefined;
      const body = req.body;
      if (body !== undefined && body !== null) {
        if (typeof body !== 'object' || Array.isArray(body)) {
          throw new HttpProblem(422, 'validation failed', [
            { location: 'body', message: 'expected an object of filters', value: null },
          ]);
        }
        const b = body as Record<string, unknown>;
        const unknown = Object.keys(b).filter((k) => k !== 'agent_id' && k !== 'event_type');
        if (unknown.length) {
          throw new HttpProblem(
            422,
            'validation failed',
            unknown.map((k) => ({ location: `body.${k}`, message: 'unexpected property', value: b[k] })),
          );
        }
        for (const k of ['agent_id', 'event_type'] as const) {
          if (b[k] !== undefined && typeof b[k] !== 'string') {
            throw new HttpProblem(422, 'validation failed', [
              { location: `body.${k}`, message: 'expected string', value: b[k] },
            ]);
          }
        }
        if (Object.keys(b).length) {
          addLint(
            req,
            'filters_in_body',
            'acknowledge-all takes its filters as query parameters (agent_id, event_type); the body is not in the published schema',
          );
        }
        agentId ??= (b.agent_id as string | undefined) || undefined;
        eventType ??= (b.event_type as string | undefined) || undefined;
      }
      return withSchema(deps, 'AcknowledgeAllProjectNotificationsOutputBody', {
        acknowledged: n.acknowledgeAll(p.project_id, { agentId, eventType }),
      });
    },
  };
}
