import { CONVERSATION_TYPES } from './conversation-schemas';
import type { SdkShape } from './entities';
import type { EnvelopeKind } from './envelope';
import { genConversationEvent } from './generators/conversation';
import type { GenContext } from './generators/context';
import {
  genAgentMessage,
  genBreakthrough,
  genConsolidation,
  genMemoryAdded,
  genMoodChange,
  genWakeup,
} from './generators/agent';
import {
  genBreakthroughDetected,
  genDiaryGenerated,
  genMoodUpdated,
  genPersonalityUpdated,
  genRecurringEventDue,
  genWakeupReady,
} from './generators/sdk';

const CONVERSATION_DESCRIPTIONS: Record<(typeof CONVERSATION_TYPES)[number], string> = {
  'conversation.started': 'A user started a conversation on a channel (the SDK conversation stream event).',
  'conversation.message': 'A message was added to a conversation, inbound or outbound.',
  'conversation.takeover.started': 'A human operator took the conversation over from the agent.',
  'conversation.takeover.released': 'The operator released the conversation back to the agent.',
  'conversation.message.failed': 'An outbound message could not be delivered to the channel.',
  'conversation.unrouted': 'An inbound message matched no agent route.',
};

export type Family = 'documented' | 'sdk' | 'custom';

export interface BuiltIn {
  type: string;
  family: Family;
  kind: EnvelopeKind;
  description: string;
  /** Which SDK entity types its body carries, and where (shown in the catalog). */
  sdkShapes: readonly SdkShape[];
  generate(ctx: GenContext): Record<string, unknown>;
}

/** The built-in event types: the docs' `agent.*`, the SDK's `on_*` and its conversation events. */
export const BUILT_INS: readonly BuiltIn[] = [
  {
    type: 'agent.message',
    family: 'documented',
    kind: 'envelope',
    sdkShapes: [{ schema: 'ProactiveNotificationEntry', path: 'data' }],
    description: 'A proactive message from the agent to a user (e.g. written when a wakeup runs).',
    generate: genAgentMessage,
  },
  {
    type: 'agent.mood_change',
    family: 'documented',
    kind: 'envelope',
    sdkShapes: [
      { schema: 'MoodState', path: 'data.previous' },
      { schema: 'MoodState', path: 'data.current' },
    ],
    description: "The agent's mood shifted significantly: previous and current dimensions, and why.",
    generate: genMoodChange,
  },
  {
    type: 'agent.memory_added',
    family: 'documented',
    kind: 'envelope',
    sdkShapes: [{ schema: 'AtomicFact', path: 'data' }],
    description: 'A new memory was extracted from a conversation, with its importance.',
    generate: genMemoryAdded,
  },
  {
    type: 'agent.breakthrough',
    family: 'documented',
    kind: 'envelope',
    sdkShapes: [{ schema: 'Breakthrough', path: 'data' }],
    description: 'A significant personality milestone, with the Big5 traits it moved.',
    generate: genBreakthrough,
  },
  {
    type: 'agent.wakeup',
    family: 'documented',
    kind: 'envelope',
    sdkShapes: [{ schema: 'WakeupEntry', path: 'data' }],
    description: 'A scheduled wakeup was triggered.',
    generate: genWakeup,
  },
  {
    type: 'agent.consolidation',
    family: 'documented',
    kind: 'envelope',
    sdkShapes: [],
    description: 'Memory consolidation completed: memories processed, merged, pruned, summaries created.',
    generate: genConsolidation,
  },
  {
    type: 'on_wakeup_ready',
    family: 'sdk',
    kind: 'flat-no-user',
    sdkShapes: [{ schema: 'WakeupEntry', path: 'wakeup' }],
    description:
      'A wakeup ran and its message is ready: the documented wakeup, memory_context, has_energy, generated_message.',
    generate: (ctx) => genWakeupReady(ctx),
  },
  {
    type: 'on_recurring_event_due',
    family: 'sdk',
    kind: 'flat',
    sdkShapes: [{ schema: 'ScheduleDTO', path: 'schedule' }],
    description: "A user's recurring event (birthday, weekly habit) is due.",
    generate: genRecurringEventDue,
  },
  {
    type: 'on_diary_generated',
    family: 'sdk',
    kind: 'flat',
    sdkShapes: [{ schema: 'DiaryEntry', path: 'entry' }],
    description: 'The agent wrote its diary entry for the day.',
    generate: genDiaryGenerated,
  },
  {
    type: 'on_personality_updated',
    family: 'sdk',
    kind: 'flat',
    sdkShapes: [{ schema: 'PersonalityDelta', path: 'changes[]' }],
    description: "The agent's Big5 personality changed: before, after and the deltas.",
    generate: genPersonalityUpdated,
  },
  {
    type: 'on_mood_updated',
    family: 'sdk',
    kind: 'flat',
    sdkShapes: [
      { schema: 'MoodState', path: 'mood' },
      { schema: 'MoodState', path: 'previous_mood' },
    ],
    description: "The agent's mood was updated: dimensions, label and reason.",
    generate: genMoodUpdated,
  },
  {
    type: 'on_breakthrough_detected',
    family: 'sdk',
    kind: 'flat',
    sdkShapes: [{ schema: 'Breakthrough', path: 'breakthrough' }],
    description: 'A relationship breakthrough was detected, with the traits it moved.',
    generate: genBreakthroughDetected,
  },
  ...CONVERSATION_TYPES.map((type): BuiltIn => ({
    type,
    family: 'sdk',
    kind: 'flat-no-user',
    sdkShapes: [
      { schema: 'OmnichannelConversationDTO', path: 'conversation' },
      ...(type === 'conversation.takeover.started' || type === 'conversation.takeover.released'
        ? []
        : [{ schema: 'OmnichannelMessageDTO' as const, path: 'message' }]),
    ],
    description: CONVERSATION_DESCRIPTIONS[type],
    generate: genConversationEvent(type),
  })),
];
