import { DEPRECATED_MOOD_DIMENSIONS, moodLabel, type MoodDims } from './generators/shared';

/**
 * Saved templates and scenario steps written for the studio's first sample shapes are
 * upgraded when they are read, to the SDK entity shapes the catalog now follows:
 *
 * - mood: `happiness/energy/calmness/affection` → `valence/arousal/tension/affiliation`
 *   inside `MoodState`s (labels move into `MoodState.label`; `trigger` → `trigger_type`);
 * - diary: flat `diary_id, date, content, mood, topics` → `entry` (`DiaryEntry`, `entry_id`);
 * - personality: `{trait, before, after, delta}` → `PersonalityDelta`
 *   `{trait_name, old_value, new_value, delta, …}`;
 * - breakthrough: `{title, description, significance, trait_changes}` → `Breakthrough`
 *   (`narrative` = "title: description", `personality_shifts`, `trait_evolved`);
 * - memory: `memory_id/content/source` → `AtomicFact.fact_id/atomic_text/source_type`;
 * - message: `content` → `generated_message` (a `ProactiveNotificationEntry`);
 * - recurring: `recurring_event_id, title, description, recurrence, occurrence_at` →
 *   `schedule` (`ScheduleDTO`) + `occurrence_at`.
 *
 * `full` (a saved template: it was complete under the old schema) also fills the fields
 * the SDK type requires that the old shape never had; a scenario step (a fragment merged
 * onto a fresh sample) only has its keys renamed. Data already in the new shapes comes
 * back unchanged (the upgrade is idempotent). Pure: `now` stamps what must be filled.
 */
export interface UpgradeResult {
  data: Record<string, unknown>;
  /** What was rewritten, for the log and the tests (empty: nothing to do). */
  changes: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const has = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function moveKey(o: Obj, from: string, to: string): boolean {
  if (!has(o, from)) return false;
  if (!has(o, to)) o[to] = o[from];
  delete o[from];
  return true;
}

function upgradeMood(m: unknown, full: boolean, now: string, label?: unknown): Obj | undefined {
  if (!isObj(m)) return undefined;
  const legacy = Object.keys(DEPRECATED_MOOD_DIMENSIONS).some((k) => has(m, k));
  if (!legacy) return undefined;
  const out: Obj = { ...m };
  for (const [old, dim] of Object.entries(DEPRECATED_MOOD_DIMENSIONS)) moveKey(out, old, dim);
  if (full) {
    const dims = {
      valence: num(out.valence, 50),
      arousal: num(out.arousal, 50),
      tension: num(out.tension, 50),
      affiliation: num(out.affiliation, 50),
    };
    Object.assign(out, dims);
    out.agent_id ??= '';
    out.label ??= typeof label === 'string' && label ? label : moodLabel(dims);
    for (const d of Object.keys(dims) as (keyof MoodDims)[]) {
      out[`baseline_${d}`] ??= dims[d];
      out[`user_baseline_${d}`] ??= dims[d];
    }
    for (const k of ['last_interaction_at', 'last_decay_at', 'created_at', 'updated_at']) out[k] ??= now;
  }
  return out;
}

const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);

function upgradeDelta(c: unknown, full: boolean, now: string): Obj | undefined {
  if (!isObj(c) || !(has(c, 'trait') || has(c, 'before') || has(c, 'after'))) return undefined;
  const out: Obj = { ...c };
  moveKey(out, 'trait', 'trait_name');
  moveKey(out, 'before', 'old_value');
  moveKey(out, 'after', 'new_value');
  if (full) {
    out.trait_category ??= 'big5';
    out.delta ??= num(out.new_value, 0) - num(out.old_value, 0);
    out.trigger_type ??= 'conversation';
    out.timestamp ??= now;
  }
  return out;
}

function shiftsOf(changes: unknown): string[] {
  if (!Array.isArray(changes)) return [];
  return changes.filter(isObj).map((c) => {
    const d = num(c.delta, num(c.after, 0) - num(c.before, 0));
    return `${String(c.trait ?? c.trait_name ?? 'trait')} ${d > 0 ? '+' : ''}${d}`;
  });
}

function upgradeBreakthrough(b: unknown, full: boolean, now: string, changes?: unknown): Obj | undefined {
  if (!isObj(b) || !(has(b, 'title') || has(b, 'description') || has(b, 'significance'))) return undefined;
  const out: Obj = { ...b };
  const title = typeof out.title === 'string' ? out.title : '';
  const description = typeof out.description === 'string' ? out.description : '';
  if (title || description) out.narrative ??= title && description ? `${title}: ${description}` : title || description;
  delete out.title;
  delete out.description;
  delete out.significance;
  const shifts = shiftsOf(changes ?? out.trait_changes);
  delete out.trait_changes;
  if (shifts.length) {
    out.personality_shifts ??= shifts;
    out.trait_evolved ??= shifts[0].split(' ')[0];
  }
  if (full) {
    out.agent_id ??= '';
    out.user_id ??= '';
    out.breakthrough_number ??= 1;
    out.level_at_breakthrough ??= 1;
    out.narrative ??= '';
    out.personality_shifts ??= [];
    out.new_goals ??= [];
    out.achieved_goals ??= [];
    out.skill_points_awarded ??= 0;
    out.acknowledged ??= false;
    out.created_at ??= now;
  }
  return out;
}

type Upgrader = (d: Obj, full: boolean, now: string, changes: string[]) => void;

const UPGRADERS: Record<string, Upgrader> = {
  'agent.message'(d, full, now, ch) {
    if (!has(d, 'content') && !has(d, 'language') && !has(d, 'source')) return;
    if (moveKey(d, 'content', 'generated_message')) ch.push('content → generated_message');
    for (const k of ['language', 'source']) if (has(d, k) && delete d[k]) ch.push(`${k} dropped`);
    if (full) {
      d.agent_id ??= '';
      d.user_id ??= '';
      d.check_type ??= 'proactive_message';
      d.status ??= 'pending';
      d.created_at ??= now;
    }
  },
  'agent.mood_change'(d, full, now, ch) {
    const prev = upgradeMood(d.previous, full, now, d.previous_label);
    const cur = upgradeMood(d.current, full, now, d.label);
    if (prev) d.previous = prev;
    if (cur) d.current = cur;
    if (prev || cur) ch.push('mood dimensions → valence/arousal/tension/affiliation (MoodState)');
    for (const [k, into] of [
      ['previous_label', 'previous'],
      ['label', 'current'],
    ] as const) {
      if (!has(d, k)) continue;
      d[into] = { ...(isObj(d[into]) ? d[into] : {}), label: (d[into] as Obj | undefined)?.label ?? d[k] };
      delete d[k];
      ch.push(`${k} → ${into}.label`);
    }
    if (moveKey(d, 'trigger', 'trigger_type')) ch.push('trigger → trigger_type');
  },
  'agent.memory_added'(d, full, now, ch) {
    if (!has(d, 'memory_id') && !has(d, 'content')) return;
    moveKey(d, 'memory_id', 'fact_id');
    moveKey(d, 'content', 'atomic_text');
    moveKey(d, 'source', 'source_type');
    delete d.language;
    ch.push('memory_id/content → AtomicFact fact_id/atomic_text');
    if (full) {
      d.agent_id ??= '';
      d.node_id ??= String(d.fact_id ?? '');
      d.confidence ??= 0.8;
      d.mention_count ??= 1;
      d.retention_strength ??= 1;
      for (const k of ['last_confirmed', 'last_retrieved_at', 'created_at', 'updated_at']) d[k] ??= now;
    }
  },
  'agent.breakthrough'(d, full, now, ch) {
    const b = upgradeBreakthrough(d, full, now);
    if (!b) return;
    for (const k of Object.keys(d)) delete d[k];
    Object.assign(d, b);
    ch.push('title/description/significance/trait_changes → Breakthrough');
  },
  'agent.wakeup'(d, full, _now, ch) {
    if (!full || (has(d, 'status') && has(d, 'agent_id'))) return;
    d.agent_id ??= '';
    d.user_id ??= '';
    d.status ??= 'executed';
    d.created_at ??= d.scheduled_at;
    ch.push('WakeupEntry fields added (agent_id, user_id, status)');
  },
  on_recurring_event_due(d, full, now, ch) {
    if (!['recurring_event_id', 'title', 'description', 'recurrence'].some((k) => has(d, k))) return;
    const schedule: Obj = isObj(d.schedule) ? { ...d.schedule } : {};
    if (has(d, 'recurring_event_id')) schedule.schedule_id = d.recurring_event_id;
    if (has(d, 'recurrence')) {
      schedule.cadence_type = 'simple';
      schedule.cadence = JSON.stringify({ simple: { frequency: d.recurrence } });
    }
    if (has(d, 'title')) schedule.intent = [d.title, d.description].filter(Boolean).join(': ');
    const meta = { title: d.title, description: d.description };
    if (d.title !== undefined || d.description !== undefined) schedule.metadata = JSON.stringify(meta);
    for (const k of ['recurring_event_id', 'title', 'description', 'recurrence']) delete d[k];
    if (full) {
      schedule.schedule_id ??= '';
      schedule.cadence_type ??= 'simple';
      schedule.cadence ??= JSON.stringify({ simple: { frequency: 'weekly' } });
      schedule.timezone ??= 'UTC';
      schedule.next_fire_at ??= typeof d.occurrence_at === 'string' ? d.occurrence_at : now;
      schedule.intent ??= '';
      schedule.check_type ??= 'recurring_event';
      schedule.enabled ??= true;
      schedule.created_at ??= now;
      schedule.updated_at ??= now;
    }
    d.schedule = schedule;
    ch.push('recurring event → schedule (ScheduleDTO)');
  },
  on_diary_generated(d, full, now, ch) {
    if (!['diary_id', 'date', 'content', 'mood', 'topics'].some((k) => has(d, k))) return;
    const entry: Obj = isObj(d.entry) ? { ...d.entry } : {};
    for (const k of ['date', 'content', 'mood', 'topics']) if (has(d, k)) entry[k] = d[k];
    if (has(d, 'diary_id')) entry.entry_id = d.diary_id;
    for (const k of ['diary_id', 'date', 'content', 'mood', 'topics']) delete d[k];
    if (full) {
      entry.entry_id ??= '';
      entry.agent_id ??= '';
      entry.user_id ??= '';
      entry.date ??= now.slice(0, 10);
      entry.content ??= '';
      entry.created_at ??= now;
    }
    d.entry = entry;
    ch.push('diary_id/date/content/mood/topics → entry (DiaryEntry, entry_id)');
  },
  on_personality_updated(d, full, now, ch) {
    if (!Array.isArray(d.changes)) return;
    let n = 0;
    d.changes = d.changes.map((c) => {
      const u = upgradeDelta(c, full, now);
      if (u) n++;
      return u ?? c;
    });
    if (n) ch.push('changes {trait, before, after} → PersonalityDelta {trait_name, old_value, new_value}');
  },
  on_mood_updated(d, full, now, ch) {
    const cur = upgradeMood(d.mood, full, now, d.label);
    const prev = upgradeMood(d.previous_mood, full, now);
    if (cur) d.mood = cur;
    if (prev) d.previous_mood = prev;
    if (cur || prev) ch.push('mood dimensions → valence/arousal/tension/affiliation (MoodState)');
    if (has(d, 'label')) {
      d.mood = { ...(isObj(d.mood) ? d.mood : {}), label: (d.mood as Obj | undefined)?.label ?? d.label };
      delete d.label;
      ch.push('label → mood.label');
    }
    if (full && (cur || prev)) d.trigger_type ??= 'conversation';
  },
  on_breakthrough_detected(d, full, now, ch) {
    const b = upgradeBreakthrough(d.breakthrough, full, now, d.trait_changes);
    if (!b && !has(d, 'trait_changes')) return;
    if (b) d.breakthrough = b;
    delete d.trait_changes;
    ch.push('breakthrough {title, description, significance} + trait_changes → Breakthrough');
  },
};

/** Upgrades one event type's data (see above); `full` for saved templates, false for fragments. */
export function upgradeLegacyData(eventType: string, data: unknown, full: boolean, now: Date): UpgradeResult {
  const up = UPGRADERS[eventType];
  if (!up || !isObj(data)) return { data: data as Obj, changes: [] };
  const copy = structuredClone(data);
  const changes: string[] = [];
  up(copy, full, now.toISOString(), changes);
  return changes.length ? { data: copy, changes } : { data, changes };
}
