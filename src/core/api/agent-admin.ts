import { HttpProblem } from '../http/problem';
import { resolveAgent } from './agents';
import { checkLength, withSchema } from './respond';
import type { ApiDeps, OperationHandlers } from './types';

/** Longest profile text field, and most list items. */
export const MAX_PROFILE_TEXT = 8000;
export const MAX_PROFILE_ITEMS = 100;
const MAX_BACKEND_EVENT_TEXT = 4000;

/**
 * The agent calls next to webhooks: profile and status (what `GET /agents/{id}` then
 * returns), and backend events (answered at once, then processed on the studio clock:
 * a diary entry in the event's language and, where the event implies one, a mood shift).
 */
export function agentAdminRoutes(deps: ApiDeps): OperationHandlers {
  return {
    updateAgentProfile(req) {
      const a = resolveAgent(deps, req);
      const b = req.body as Record<string, unknown>;
      for (const k of ['bio', 'name', 'personality_prompt'] as const) {
        checkLength(b[k] as string | undefined, `body.${k}`, MAX_PROFILE_TEXT);
      }
      for (const k of ['speech_patterns', 'true_dislikes', 'true_interests'] as const) {
        const list = b[k] as string[] | undefined;
        if (list && list.length > MAX_PROFILE_ITEMS) {
          throw new HttpProblem(422, 'validation failed', [
            { location: `body.${k}`, message: `at most ${MAX_PROFILE_ITEMS} items`, value: null },
          ]);
        }
        list?.forEach((s, i) => checkLength(s, `body.${k}[${i}]`, 1000));
      }
      if (typeof b.name === 'string' && !b.name.trim()) {
        throw new HttpProblem(422, 'validation failed', [
          { location: 'body.name', message: 'expected a non-empty name', value: b.name },
        ]);
      }
      let stored: Record<string, unknown> = {};
      try {
        stored = JSON.parse(a.body_json) as Record<string, unknown>;
      } catch {
        /* a broken stored body is replaced */
      }
      const patch = { ...b };
      delete patch.$schema;
      const body = { ...stored, ...patch };
      const name = typeof b.name === 'string' ? b.name.trim() : a.name;
      if (typeof b.name === 'string') body.name = name;
      deps.agents.update(a.agent_id, name, a.language, body);
      deps.stateChanged(a.project_id);
      return withSchema(deps, 'UpdateAgentProfileOutputBody', { success: true });
    },
    setAgentStatus(req) {
      const a = resolveAgent(deps, req);
      const { is_active } = req.body as { is_active: boolean };
      deps.agents.setActive(a.agent_id, is_active);
      deps.stateChanged(a.project_id);
      return withSchema(deps, 'SetAgentStatusOutputBody', { success: true, agent_id: a.agent_id, is_active });
    },
    triggerBackendEvent(req) {
      const a = resolveAgent(deps, req);
      const b = req.body as {
        user_id: string;
        event_type: string;
        event_description?: string;
        language?: string;
        metadata?: Record<string, string>;
        instance_id?: string;
        messages?: unknown;
      };
      checkLength(b.user_id, 'body.user_id', 200);
      checkLength(b.event_type, 'body.event_type', 100);
      checkLength(b.event_description, 'body.event_description', MAX_BACKEND_EVENT_TEXT);
      checkLength(b.language, 'body.language', 20);
      checkLength(b.instance_id, 'body.instance_id', 200);
      for (const k of ['user_id', 'event_type'] as const) {
        if (!b[k].trim()) {
          throw new HttpProblem(422, 'validation failed', [
            { location: `body.${k}`, message: 'expected a non-empty string', value: b[k] },
          ]);
        }
      }
      const meta = Object.entries(b.metadata ?? {});
      if (meta.length > 50) {
        throw new HttpProblem(422, 'validation failed', [{ location: 'body.metadata', message: 'at most 50 keys' }]);
      }
      for (const [k, v] of meta) checkLength(v, `body.metadata.${k.slice(0, 50)}`, 1000);
      const eventId = deps.random.uuid();
      const input = {
        projectId: a.project_id,
        agentId: a.agent_id,
        userId: b.user_id,
        eventType: b.event_type,
        description: b.event_description,
        language: b.language,
        metadata: b.metadata,
        messages: b.messages,
      };
      // Accepted now, processed right after (production processes it asynchronously).
      setImmediate(() => {
        try {
          deps.agentState.processBackendEvent(input, eventId);
        } catch {
          /* the store closed meanwhile */
        }
      });
      return withSchema(deps, 'TriggerEventOutputBody', { accepted: true, event_id: eventId });
    },
  };
}
