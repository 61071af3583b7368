import type { EnvelopeKind } from './envelope';
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

export type Family = 'documented' | 'sdk' | 'custom';

export interface BuiltIn {
  type: string;
  family: Family;
  kind: EnvelopeKind;
  description: string;
  generate(ctx: GenContext): Record<string, unknown>;
}

/** The twelve built-in event types: the docs' `agent.*` and the SDK's `on_*`. */
export const BUILT_INS: readonly BuiltIn[] = [
  {
    type: 'agent.message',
    family: 'documented',
    kind: 'envelope',
    description: 'A proactive message from the agent to a user (e.g. written when a wakeup runs).',
    generate: genAgentMessage,
  },
  {
    type: 'agent.mood_change',
    family: 'documented',
    kind: 'envelope',
    description: "The agent's mood shifted significantly: previous and current dimensions, and why.",
    generate: genMoodChange,
  },
  {
    type: 'agent.memory_added',
    family: 'documented',
    kind: 'envelope',
    description: 'A new memory was extracted from a conversation, with its importance.',
    generate: genMemoryAdded,
  },
  {
    type: 'agent.breakthrough',
    family: 'documented',
    kind: 'envelope',
    description: 'A significant personality milestone, with the Big5 traits it moved.',
    generate: genBreakthrough,
  },
  {
    type: 'agent.wakeup',
    family: 'documented',
    kind: 'envelope',
    description: 'A scheduled wakeup was triggered.',
    generate: genWakeup,
  },
  {
    type: 'agent.consolidation',
    family: 'documented',
    kind: 'envelope',
    description: 'Memory consolidation completed: memories processed, merged, pruned, summaries created.',
    generate: genConsolidation,
  },
  {
    type: 'on_wakeup_ready',
    family: 'sdk',
    kind: 'flat-no-user',
    description:
      'A wakeup ran and its message is ready: the documented wakeup, memory_context, has_energy, generated_message.',
    generate: (ctx) => genWakeupReady(ctx),
  },
  {
    type: 'on_recurring_event_due',
    family: 'sdk',
    kind: 'flat',
    description: "A user's recurring event (birthday, weekly habit) is due.",
    generate: genRecurringEventDue,
  },
  {
    type: 'on_diary_generated',
    family: 'sdk',
    kind: 'flat',
    description: 'The agent wrote its diary entry for the day.',
    generate: genDiaryGenerated,
  },
  {
    type: 'on_personality_updated',
    family: 'sdk',
    kind: 'flat',
    description: "The agent's Big5 personality changed: before, after and the deltas.",
    generate: genPersonalityUpdated,
  },
  {
    type: 'on_mood_updated',
    family: 'sdk',
    kind: 'flat',
    description: "The agent's mood was updated: dimensions, label and reason.",
    generate: genMoodUpdated,
  },
  {
    type: 'on_breakthrough_detected',
    family: 'sdk',
    kind: 'flat',
    description: 'A relationship breakthrough was detected, with the traits it moved.',
    generate: genBreakthroughDetected,
  },
];
