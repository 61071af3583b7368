import type { StudioContext } from './context';
import type { DispatcherApi } from './dispatch/dispatcher-api';
import { eventsFeature } from './events/feature';
import type { Feature } from './feature';
import { studioFeature } from './studio-feature';

/**
 * The composition root: every feature of the core, in the order they are built. A
 * feature that needs another receives it here, explicitly.
 */
export async function createFeatures(ctx: StudioContext): Promise<Feature[]> {
  const studio = studioFeature(ctx);
  const events = eventsFeature(ctx, { dispatcher: recordOnlyDispatcher(ctx) }); // TODO(lead): real dispatcher
  return [studio, events];
}

// TODO(lead): real dispatcher — until merge, fired events are only stored in `events`; nothing is delivered.
function recordOnlyDispatcher(ctx: StudioContext): DispatcherApi {
  const insert = ctx.db.prepare(
    'INSERT INTO events (event_id, project_id, agent_id, user_id, event_type, body, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return {
    fire(input) {
      const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
      insert.run(
        input.eventId,
        input.projectId,
        input.agentId ?? null,
        input.userId ?? null,
        input.eventType,
        body,
        input.source ?? 'fire',
        ctx.clock.now().toISOString(),
      );
      return { eventId: input.eventId, deliveries: [] };
    },
    replay: () => Promise.reject(new Error('the dispatcher is not merged yet')),
    retryNow: () => {},
    cancel: () => {},
    idle: () => Promise.resolve(),
  };
}
