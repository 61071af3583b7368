import { CONVERSATION_DATA_SCHEMAS } from './conversation-schemas';
import { entitySchema } from './entities';

/**
 * JSON Schemas (draft-07) of each built-in event's `data` (for `agent.*`) or of its
 * fields beside `event_type` / `agent_id` / `user_id` (for the SDK's `on_*` events).
 * Strict (`additionalProperties: false`) so a generator that drifts fails its tests. Where a
 * type carries an SDK entity (`MoodState`, `DiaryEntry`, …), that part is the SDK's own
 * published schema (`entities.ts`), so a sample that validates is one the SDK can decode.
 */
export type JsonSchema = Record<string, unknown>;

const str = { type: 'string', minLength: 1 } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const unit = { type: 'number', minimum: 0, maximum: 1 } as const;
const score = { type: 'number', minimum: 0, maximum: 100 } as const;
const count = { type: 'integer', minimum: 0 } as const;

function obj(properties: Record<string, unknown>, optional: string[] = []): JsonSchema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

const big5Summary = {
  type: 'object',
  properties: {
    openness: score,
    conscientiousness: score,
    extraversion: score,
    agreeableness: score,
    neuroticism: score,
  },
  required: ['openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism'],
  additionalProperties: false,
};
const moodTrigger = {
  type: 'string',
  enum: ['conversation', 'memory_recall', 'time_passing', 'user_absence', 'event', 'backend_event', 'override'],
};

/** An SDK entity whose 0–100 mood dimensions are also range-checked. */
function moodStateSchema(): JsonSchema {
  const base = entitySchema('MoodState') as { properties: Record<string, unknown> };
  const properties = { ...base.properties };
  for (const k of Object.keys(properties)) {
    if (/(^|_)(valence|arousal|tension|affiliation)$/.test(k)) properties[k] = score;
  }
  return { ...base, properties };
}

export const DATA_SCHEMAS: Record<string, JsonSchema> = {
  'agent.message': entitySchema('ProactiveNotificationEntry'),
  'agent.mood_change': obj({
    previous: moodStateSchema(),
    current: moodStateSchema(),
    reason: str,
    trigger_type: moodTrigger,
  }),
  'agent.memory_added': entitySchema('AtomicFact'),
  'agent.breakthrough': entitySchema('Breakthrough'),
  'agent.wakeup': entitySchema('WakeupEntry'),
  'agent.consolidation': obj({
    consolidation_id: uuid,
    period: { type: 'string', enum: ['daily', 'weekly'] },
    memories_processed: count,
    memories_merged: count,
    memories_pruned: count,
    summaries_created: count,
    duration_ms: count,
    started_at: dateTime,
    completed_at: dateTime,
  }),
  on_wakeup_ready: obj({
    wakeup: entitySchema('WakeupEntry'),
    memory_context: {
      type: 'object',
      properties: {
        recent_memories: { type: 'array', items: obj({ content: str, importance: unit }) },
        relationship_summary: { type: 'string' },
        last_interaction_at: dateTime,
      },
      additionalProperties: true,
    },
    has_energy: { type: 'boolean' },
    generated_message: { type: 'string' },
  }),
  on_recurring_event_due: obj({ schedule: entitySchema('ScheduleDTO'), occurrence_at: dateTime }),
  on_diary_generated: obj({ entry: entitySchema('DiaryEntry') }),
  on_personality_updated: obj({
    changes: { type: 'array', minItems: 1, maxItems: 5, items: entitySchema('PersonalityDelta') },
    big5_before: big5Summary,
    big5_after: big5Summary,
    reason: str,
  }),
  on_mood_updated: obj({
    mood: moodStateSchema(),
    previous_mood: moodStateSchema(),
    reason: str,
    trigger_type: moodTrigger,
  }),
  on_breakthrough_detected: obj({ breakthrough: entitySchema('Breakthrough'), detected_at: dateTime }),
  ...CONVERSATION_DATA_SCHEMAS,
};
