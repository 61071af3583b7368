import { entitySchema, type EntityName } from '../events/entities';
import { validateAgainst } from '../events/validate';
import type { AgentStateRepo } from './state-repo';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** Where each event type keeps the entity that changes an agent's state. */
const STATE_OF: Record<string, { kind: 'mood' | 'diary' | 'breakthrough'; pick(body: Obj): unknown }> = {
  'agent.mood_change': { kind: 'mood', pick: (b) => (b.data as Obj | undefined)?.current },
  on_mood_updated: { kind: 'mood', pick: (b) => b.mood },
  on_diary_generated: { kind: 'diary', pick: (b) => b.entry },
  'agent.breakthrough': { kind: 'breakthrough', pick: (b) => b.data },
  on_breakthrough_detected: { kind: 'breakthrough', pick: (b) => b.breakthrough },
};
const SCHEMA: Record<string, EntityName> = { mood: 'MoodState', diary: 'DiaryEntry', breakthrough: 'Breakthrough' };

/** Event types that change what the mood / diary / breakthroughs reads return. */
export const STATEFUL_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(STATE_OF));

/**
 * What the platform records when such an event happens: the mood it announces becomes
 * the agent's mood (and a history entry), the diary entry and the breakthrough it
 * carries are listed. Only an entity that matches its SDK schema is recorded (QA may
 * fire broken bodies on purpose). Returns what changed, or null.
 */
export function applyEventToState(
  repo: AgentStateRepo,
  ev: { eventType: string; agentId: string; body: string },
  at: string,
): 'mood' | 'diary' | 'breakthrough' | null {
  const how = STATE_OF[ev.eventType];
  if (!how || !ev.agentId) return null;
  let body: unknown;
  try {
    body = JSON.parse(ev.body);
  } catch {
    return null;
  }
  if (!isObj(body)) return null;
  const entity = how.pick(body);
  if (!isObj(entity) || validateAgainst(entitySchema(SCHEMA[how.kind]), entity).length) return null;
  if (how.kind === 'mood') {
    const data = (ev.eventType === 'on_mood_updated' ? body : body.data) as Obj;
    repo.recordMood(
      ev.agentId,
      entity,
      {
        type: typeof data?.trigger_type === 'string' ? data.trigger_type : undefined,
        reason: typeof data?.reason === 'string' ? data.reason : undefined,
      },
      typeof entity.updated_at === 'string' ? entity.updated_at : at,
    );
  } else if (how.kind === 'diary') {
    repo.addDiary(ev.agentId, entity);
  } else {
    repo.addBreakthrough(ev.agentId, entity);
  }
  return how.kind;
}
