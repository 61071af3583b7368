import type { Ajv } from 'ajv';
import { HttpProblem } from '../http/problem';
import { resolveAgent } from './agents';
import { addLint } from './lint';
import { wakeupOut } from './mappers';
import { schemaRef } from './openapi';
import { checkLength, withSchema } from './respond';
import type { ApiDeps, OperationHandlers } from './types';
import { lazyCompile, toFieldErrors } from './validator';

/** Longest `delay_hours`: one year. */
export const MAX_DELAY_HOURS = 8784;
/** Free-text wakeup fields are cut off at this length (longer → 422). */
export const MAX_WAKEUP_TEXT = 4000;

/** The body of the docs' own `scheduleWakeup` example — served, and flagged by the lint. */
const DOCS_EXAMPLE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['userId', 'scheduledAt'],
  properties: {
    userId: { type: 'string' },
    scheduledAt: { type: 'string' },
    context: { type: 'string' },
    checkType: { type: 'string' },
  },
} as const;

function parseTime(value: string, location: string): Date {
  const t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value) ? new Date(value) : null;
  if (!t || Number.isNaN(t.getTime())) {
    throw new HttpProblem(422, 'validation failed', [{ location, message: 'expected an RFC 3339 date-time', value }]);
  }
  return t;
}

/** Wakeups: schedule (the published body, or the docs' example body) and list. */
export function wakeupRoutes(deps: ApiDeps, ajv: () => Ajv): OperationHandlers {
  const published = lazyCompile(ajv, schemaRef('ScheduleWakeupInputBody'));
  const docsExample = lazyCompile(ajv, DOCS_EXAMPLE_BODY);
  return {
    scheduleWakeup(req) {
      const a = resolveAgent(deps, req);
      const body = req.body;
      if (body === undefined || body === null) {
        throw new HttpProblem(400, 'request body is required', [
          { location: 'body', message: 'request body is required', value: null },
        ]);
      }
      let w: {
        userId: string;
        checkType: string;
        intent: string;
        at: Date;
        occasion?: string;
        topic?: string;
        event?: string;
      };
      const now = deps.proactive.clock.now();
      if (published(body)) {
        const b = body as {
          user_id: string;
          check_type: string;
          intent: string;
          delay_hours: number;
          scheduled_at?: string;
          occasion?: string;
          interest_topic?: string;
          event_description?: string;
        };
        for (const k of [
          'user_id',
          'check_type',
          'intent',
          'occasion',
          'interest_topic',
          'event_description',
        ] as const) {
          checkLength(b[k], `body.${k}`, MAX_WAKEUP_TEXT);
        }
        if (!b.scheduled_at && (b.delay_hours < 0 || b.delay_hours > MAX_DELAY_HOURS)) {
          throw new HttpProblem(422, 'validation failed', [
            { location: 'body.delay_hours', message: `expected 0 to ${MAX_DELAY_HOURS}`, value: b.delay_hours },
          ]);
        }
        const at = b.scheduled_at
          ? parseTime(b.scheduled_at, 'body.scheduled_at')
          : new Date(now.getTime() + b.delay_hours * 3_600_000);
        w = {
          userId: b.user_id,
          checkType: b.check_type,
          intent: b.intent,
          at,
          occasion: b.occasion,
          topic: b.interest_topic,
          event: b.event_description,
        };
      } else if (docsExample(body)) {
        const b = body as { userId: string; scheduledAt: string; context?: string; checkType?: string };
        for (const k of ['userId', 'context', 'checkType'] as const) checkLength(b[k], `body.${k}`, MAX_WAKEUP_TEXT);
        addLint(
          req,
          'docs_example_body',
          'scheduleWakeup body uses the docs example fields (userId, scheduledAt, context); the published schema requires user_id, check_type, intent, delay_hours (scheduled_at optional) and rejects unknown fields',
        );
        w = {
          userId: b.userId,
          checkType: b.checkType ?? 'scheduled',
          intent: b.context ?? '',
          at: parseTime(b.scheduledAt, 'body.scheduledAt'),
        };
      } else {
        throw new HttpProblem(422, 'validation failed', toFieldErrors(published.errors ?? [], 'body'));
      }
      if (!w.userId) {
        throw new HttpProblem(422, 'validation failed', [
          { location: 'body.user_id', message: 'expected a non-empty user id', value: w.userId },
        ]);
      }
      const row = deps.proactive.wakeups.create({
        projectId: a.project_id,
        agentId: a.agent_id,
        userId: w.userId,
        checkType: w.checkType,
        intent: w.intent,
        scheduledAt: w.at,
        occasion: w.occasion,
        interestTopic: w.topic,
        eventDescription: w.event,
      });
      return withSchema(deps, 'ScheduleWakeupOutputBody', { wakeup_id: row.wakeup_id, scheduled_at: row.scheduled_at });
    },
    listWakeups(req) {
      const a = resolveAgent(deps, req);
      const q = req.query as { status?: string; limit: number; user_id?: unknown };
      checkLength(q.status, 'query.status', 50);
      const userId = typeof q.user_id === 'string' && q.user_id ? q.user_id : undefined;
      const rows = deps.proactive.wakeups.list(a.agent_id, { status: q.status || undefined, userId, limit: q.limit });
      return withSchema(deps, 'WakeupsResponse', { wakeups: rows.map(wakeupOut) });
    },
  };
}
