/**
 * JSON Schemas (draft-07) of each built-in event's `data` (for `agent.*`) or of its
 * fields beside `event_type` / `agent_id` / `user_id` (for the SDK's `on_*` events).
 * Strict (`additionalProperties: false`) so a generator that drifts fails its tests.
 */
export type JsonSchema = Record<string, unknown>;

const str = { type: 'string', minLength: 1 } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const unit = { type: 'number', minimum: 0, maximum: 1 } as const;
const score = { type: 'number', minimum: 0, maximum: 100 } as const;
const count = { type: 'integer', minimum: 0 } as const;
const lang = { type: 'string', enum: ['en', 'ja', 'zh'] } as const;

function obj(properties: Record<string, unknown>, optional: string[] = []): JsonSchema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

export const moodSchema = obj({ happiness: score, energy: score, calmness: score, affection: score });
const trait = {
  type: 'string',
  enum: ['openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism'],
};
export const big5Schema = obj({
  openness: score,
  conscientiousness: score,
  extraversion: score,
  agreeableness: score,
  neuroticism: score,
});
const traitChanges = {
  type: 'array',
  minItems: 1,
  maxItems: 5,
  items: obj({ trait, before: score, after: score, delta: { type: 'number', minimum: -100, maximum: 100 } }),
};

export const DATA_SCHEMAS: Record<string, JsonSchema> = {
  'agent.message': obj(
    {
      message_id: str,
      content: str,
      language: lang,
      source: { type: 'string', enum: ['wakeup', 'proactive', 'recurring_event'] },
      check_type: str,
      intent: str,
      wakeup_id: str,
    },
    ['intent', 'wakeup_id'],
  ),
  'agent.mood_change': obj({
    previous: moodSchema,
    current: moodSchema,
    previous_label: str,
    label: str,
    reason: str,
    trigger: { type: 'string', enum: ['conversation', 'memory_recall', 'time_passing', 'user_absence', 'event'] },
  }),
  'agent.memory_added': obj(
    {
      memory_id: uuid,
      content: str,
      fact_type: str,
      importance: unit,
      entities: { type: 'array', items: { type: 'string' } },
      source: { type: 'string', enum: ['conversation', 'consolidation', 'seed'] },
      language: lang,
    },
    ['entities', 'source', 'language'],
  ),
  'agent.breakthrough': obj({
    breakthrough_id: uuid,
    title: str,
    description: str,
    significance: unit,
    trait_changes: traitChanges,
  }),
  'agent.wakeup': obj(
    {
      wakeup_id: str,
      check_type: str,
      intent: str,
      interest_topic: str,
      occasion: str,
      created_at: dateTime,
      scheduled_at: dateTime,
      executed_at: dateTime,
    },
    ['interest_topic', 'occasion', 'created_at'],
  ),
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
    wakeup: obj(
      {
        wakeup_id: str,
        agent_id: str,
        user_id: str,
        check_type: str,
        intent: str,
        status: { type: 'string', enum: ['pending', 'executed'] },
        scheduled_at: dateTime,
        created_at: dateTime,
        executed_at: dateTime,
        occasion: str,
        interest_topic: str,
      },
      ['intent', 'executed_at', 'occasion', 'interest_topic'],
    ),
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
  on_recurring_event_due: obj({
    recurring_event_id: str,
    title: str,
    description: { type: 'string' },
    recurrence: { type: 'string', enum: ['yearly', 'monthly', 'weekly', 'daily'] },
    occurrence_at: dateTime,
  }),
  on_diary_generated: obj({
    diary_id: str,
    date: { type: 'string', format: 'date' },
    content: str,
    mood: str,
    topics: { type: 'array', items: { type: 'string' } },
  }),
  on_personality_updated: obj({ big5_before: big5Schema, big5_after: big5Schema, changes: traitChanges, reason: str }),
  on_mood_updated: obj({ mood: moodSchema, previous_mood: moodSchema, label: str, reason: str }),
  on_breakthrough_detected: obj({
    breakthrough: obj({ breakthrough_id: str, title: str, description: str, significance: unit }),
    trait_changes: traitChanges,
    detected_at: dateTime,
  }),
};
