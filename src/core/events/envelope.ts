import type { JsonSchema } from './schemas';

/**
 * How an event's body is laid out around its `data`:
 * - `envelope`: PRODUCT.md §4, for `agent.*` and custom types —
 *   `{event_id, event_type, created_at, project_id, agent_id, user_id?, data}`;
 * - `flat`: the SDK's `on_*` style — `{event_type, agent_id, user_id, ...fields}`;
 * - `flat-no-user`: `on_wakeup_ready`'s documented body (`wakeup, memory_context,
 *   has_energy, generated_message`) with `event_type` and `agent_id` beside it.
 */
export type EnvelopeKind = 'envelope' | 'flat' | 'flat-no-user';

export interface EnvelopeFields {
  eventId: string;
  eventType: string;
  createdAt: string;
  projectId: string;
  agentId: string;
  userId: string | null;
}

export function buildPayload(
  kind: EnvelopeKind,
  f: EnvelopeFields,
  data: Record<string, unknown>,
): Record<string, unknown> {
  if (kind === 'envelope') {
    return {
      event_id: f.eventId,
      event_type: f.eventType,
      created_at: f.createdAt,
      project_id: f.projectId,
      agent_id: f.agentId,
      ...(f.userId ? { user_id: f.userId } : {}),
      data,
    };
  }
  const head: Record<string, unknown> = { event_type: f.eventType, agent_id: f.agentId };
  if (kind === 'flat' && f.userId) head.user_id = f.userId;
  return { ...head, ...data };
}

/** The JSON Schema of the whole body, built from the schema of its data. */
export function payloadSchema(kind: EnvelopeKind, eventType: string, dataSchema: JsonSchema): JsonSchema {
  const eventTypeSchema = { type: 'string', const: eventType };
  if (kind === 'envelope') {
    return {
      type: 'object',
      properties: {
        event_id: { type: 'string', minLength: 1 },
        event_type: eventTypeSchema,
        created_at: { type: 'string', format: 'date-time' },
        project_id: { type: 'string', minLength: 1 },
        agent_id: { type: 'string', minLength: 1 },
        user_id: { type: 'string', minLength: 1 },
        data: dataSchema,
      },
      required: ['event_id', 'event_type', 'created_at', 'project_id', 'agent_id', 'data'],
      additionalProperties: false,
    };
  }
  const props = (dataSchema.properties ?? {}) as Record<string, unknown>;
  const req = (dataSchema.required ?? []) as string[];
  const head: Record<string, unknown> = { event_type: eventTypeSchema, agent_id: { type: 'string', minLength: 1 } };
  if (kind === 'flat') head.user_id = { type: 'string', minLength: 1 };
  return {
    type: 'object',
    properties: { ...head, ...props },
    required: [...Object.keys(head), ...req],
    additionalProperties: dataSchema.additionalProperties ?? true,
  };
}

/** The editable part of a body: what `buildPayload` wraps, read back from a full body. */
export function dataOf(kind: EnvelopeKind, body: Record<string, unknown>): Record<string, unknown> {
  if (kind === 'envelope') return (body.data ?? {}) as Record<string, unknown>;
  const rest = { ...body };
  delete rest.event_type;
  delete rest.agent_id;
  if (kind === 'flat') delete rest.user_id;
  return rest;
}
