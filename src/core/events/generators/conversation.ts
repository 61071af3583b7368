import type { ConversationType } from '../conversation-schemas';
import { WITH_MESSAGE } from '../conversation-schemas';
import { MINUTE, isoAt, type GenContext } from './context';
import { phrases, say } from './shared';

const CHANNELS = ['web', 'whatsapp', 'line', 'telegram', 'sms'] as const;

/**
 * Samples of the SDK's conversation stream events: `conversation` is an
 * `OmnichannelConversationDTO`, `message` an `OmnichannelMessageDTO`, both as the
 * conversations API returns them, and consistent with the event type (a takeover is
 * under human control, a failed message says so, an unrouted one has no agent reply).
 */
export function genConversationEvent(type: ConversationType) {
  return (ctx: GenContext) => {
    const conversationId = ctx.rng.uuid();
    const started = isoAt(ctx.now, type === 'conversation.started' ? 0 : -ctx.rng.int(5, 600) * MINUTE);
    const human = type === 'conversation.takeover.started';
    const inbound = type === 'conversation.started' || type === 'conversation.unrouted' || ctx.rng.chance(0.5);
    const text = inbound
      ? say(ctx, ctx.rng.pick(phrases(ctx).memories))
      : say(ctx, ctx.rng.pick(phrases(ctx).proactive));
    const operator = human ? `op_${ctx.rng.id('', 8)}` : undefined;
    const conversation = {
      conversation_id: conversationId,
      project_id: ctx.projectId,
      agent_id: ctx.agent.agentId,
      user_id: ctx.userId,
      channel_type: ctx.rng.pick(CHANNELS),
      connection_id: ctx.rng.uuid(),
      controller: human ? 'human' : 'agent',
      ...(operator ? { controller_operator_id: operator, takeover_started_at: ctx.now.toISOString() } : {}),
      status: 'open',
      session_id: ctx.rng.uuid(),
      last_direction: inbound ? 'inbound' : 'outbound',
      last_message_at: ctx.now.toISOString(),
      last_message_preview: text.slice(0, 80),
      unread_count: inbound ? ctx.rng.int(1, 3) : 0,
      handoffs:
        human || type === 'conversation.takeover.released' ? [{ from: 'agent', to: 'human', when: started }] : [],
      meta: {},
      created_at: started,
      updated_at: ctx.now.toISOString(),
    };
    const failed = type === 'conversation.message.failed';
    const message = {
      message_id: ctx.rng.uuid(),
      conversation_id: conversationId,
      session_id: conversation.session_id,
      direction: failed ? 'outbound' : inbound ? 'inbound' : 'outbound',
      author_type: failed || !inbound ? 'agent' : 'user',
      author_id: failed || !inbound ? ctx.agent.agentId : ctx.userId,
      role: failed || !inbound ? 'assistant' : 'user',
      content: text,
      delivery_status: failed ? 'failed' : 'delivered',
      ...(failed ? { delivery_detail: 'channel rejected the message: recipient unreachable' } : {}),
      created_at: ctx.now.toISOString(),
    };
    return {
      conversation_id: conversationId,
      conversation,
      ...(WITH_MESSAGE.has(type) ? { message } : {}),
    };
  };
}
