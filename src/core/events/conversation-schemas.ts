import { entitySchema } from './entities';
import type { JsonSchema } from './schemas';

/** The conversation events the SDK names, beside `event_type` / `agent_id`. */
export const CONVERSATION_TYPES = [
  'conversation.started',
  'conversation.message',
  'conversation.takeover.started',
  'conversation.takeover.released',
  'conversation.message.failed',
  'conversation.unrouted',
] as const;
export type ConversationType = (typeof CONVERSATION_TYPES)[number];

/** Types whose stream event carries the message that caused it. */
export const WITH_MESSAGE: ReadonlySet<string> = new Set([
  'conversation.started',
  'conversation.message',
  'conversation.message.failed',
  'conversation.unrouted',
]);

function streamEvent(withMessage: boolean): JsonSchema {
  return {
    type: 'object',
    properties: {
      conversation_id: { type: 'string', minLength: 1 },
      conversation: entitySchema('OmnichannelConversationDTO'),
      ...(withMessage ? { message: entitySchema('OmnichannelMessageDTO') } : {}),
    },
    required: ['conversation_id', 'conversation', ...(withMessage ? ['message'] : [])],
    additionalProperties: false,
  };
}

/** The SDK's conversation stream event: `conversation_id`, `conversation`, `message`. */
export const CONVERSATION_DATA_SCHEMAS: Record<string, JsonSchema> = Object.fromEntries(
  CONVERSATION_TYPES.map((t) => [t, streamEvent(WITH_MESSAGE.has(t))]),
);
