import type { Db } from '../store/open';

/** The limits the reads publish (getDiary: default 30, max 100; mood history 1–500). */
export const DIARY_MAX = 100;
export const MOOD_HISTORY_MAX = 500;
/** Per agent, at most this many rows of each history are kept (oldest go first). */
export const KEEP_PER_AGENT = 5000;

type Obj = Record<string, unknown>;

export interface MoodHistoryEntryDto {
  valence: number;
  arousal: number;
  tension: number;
  affiliation: number;
  timestamp: string;
  label?: string;
  delta_valence?: number;
  delta_arousal?: number;
  delta_tension?: number;
  delta_affiliation?: number;
  trigger_type?: string;
  trigger_reason?: string;
}

const DIMS = ['valence', 'arousal', 'tension', 'affiliation'] as const;

/**
 * An agent's mood (agent-global under user '' and per user), mood history, diary and
 * breakthroughs, stored as the SDK entities the API returns. Writes come from the
 * events the studio fires (see apply-event.ts) and from `PUT /mood`.
 */
export function createAgentStateRepo(db: Db) {
  const q = {
    mood: db.prepare<[string, string], { state_json: string }>(
      'SELECT state_json FROM agent_moods WHERE agent_id = ? AND user_id = ?',
    ),
    setMood: db.prepare(
      `INSERT INTO agent_moods (agent_id, user_id, state_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(agent_id, user_id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at`,
    ),
    addHistory: db.prepare('INSERT INTO agent_mood_history (agent_id, user_id, entry_json, at) VALUES (?, ?, ?, ?)'),
    history: db.prepare<[string, string | null, string | null, number], { entry_json: string }>(
      `SELECT entry_json FROM agent_mood_history WHERE agent_id = ? AND user_id != ''
       AND (? IS NULL OR user_id = ?) ORDER BY seq DESC LIMIT ?`,
    ),
    trimHistory: db.prepare(
      `DELETE FROM agent_mood_history WHERE agent_id = ? AND seq <= (SELECT seq FROM agent_mood_history WHERE agent_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ${KEEP_PER_AGENT})`,
    ),
    addDiary: db.prepare(
      `INSERT INTO agent_diary (entry_id, agent_id, user_id, date, entry_json, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(entry_id) DO UPDATE SET entry_json = excluded.entry_json, date = excluded.date`,
    ),
    diary: db.prepare<
      [string, string | null, string | null, string | null, string | null, number],
      { entry_json: string }
    >(
      `SELECT entry_json FROM agent_diary WHERE agent_id = ? AND (? IS NULL OR user_id = ?) AND (? IS NULL OR date = ?)
       ORDER BY seq DESC LIMIT ?`,
    ),
    addBreakthrough: db.prepare(
      `INSERT INTO agent_breakthroughs (breakthrough_id, agent_id, user_id, body_json, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(breakthrough_id) DO UPDATE SET body_json = excluded.body_json`,
    ),
    breakthroughs: db.prepare<[string, string | null, string | null, number], { body_json: string }>(
      `SELECT body_json FROM agent_breakthroughs WHERE agent_id = ? AND (? IS NULL OR user_id = ?) ORDER BY seq DESC LIMIT ?`,
    ),
    countBreakthroughs: db.prepare<[string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM agent_breakthroughs WHERE agent_id = ? AND user_id = ?',
    ),
  };
  const parse = <T>(rows: { [k: string]: string }[], key: string) => rows.map((r) => JSON.parse(r[key]) as T);

  /**
   * Stores a `MoodState` as the current mood (per user when it names one, and the
   * agent-global one too) and appends the history entry, with deltas from the last one.
   */
  const recordMood = db.transaction(
    (agentId: string, state: Obj, trigger: { type?: string; reason?: string }, at: string): MoodHistoryEntryDto => {
      const userId = typeof state.user_id === 'string' ? state.user_id : '';
      const before = getMood(agentId, userId);
      const json = JSON.stringify(state);
      q.setMood.run(agentId, userId, json, at);
      if (userId) q.setMood.run(agentId, '', JSON.stringify({ ...state, user_id: undefined }), at);
      const entry: MoodHistoryEntryDto = {
        valence: Number(state.valence),
        arousal: Number(state.arousal),
        tension: Number(state.tension),
        affiliation: Number(state.affiliation),
        timestamp: at,
        ...(typeof state.label === 'string' ? { label: state.label } : {}),
        ...(trigger.type ? { trigger_type: trigger.type } : {}),
        ...(trigger.reason ? { trigger_reason: trigger.reason } : {}),
      };
      if (before) {
        for (const d of DIMS) {
          entry[`delta_${d}`] = Math.round((Number(state[d]) - Number(before[d])) * 10) / 10;
        }
      }
      q.addHistory.run(agentId, userId, JSON.stringify(entry), at);
      q.trimHistory.run(agentId, agentId);
      return entry;
    },
  );

  function getMood(agentId: string, userId = ''): Obj | undefined {
    const row = q.mood.get(agentId, userId);
    return row ? (JSON.parse(row.state_json) as Obj) : undefined;
  }

  return {
    getMood,
    recordMood: (agentId: string, state: Obj, trigger: { type?: string; reason?: string }, at: string) =>
      recordMood(agentId, state, trigger, at),
    moodHistory: (agentId: string, f: { userId?: string; limit: number }) =>
      parse<MoodHistoryEntryDto>(q.history.all(agentId, f.userId ?? null, f.userId ?? null, f.limit), 'entry_json'),
    addDiary(agentId: string, entry: Obj): void {
      const userId = typeof entry.user_id === 'string' ? entry.user_id : '';
      q.addDiary.run(
        String(entry.entry_id),
        agentId,
        userId,
        String(entry.date),
        JSON.stringify(entry),
        String(entry.created_at),
      );
    },
    diary: (agentId: string, f: { userId?: string; date?: string; limit: number }) =>
      parse<Obj>(
        q.diary.all(agentId, f.userId ?? null, f.userId ?? null, f.date ?? null, f.date ?? null, f.limit),
        'entry_json',
      ),
    addBreakthrough(agentId: string, b: Obj): void {
      const userId = typeof b.user_id === 'string' ? b.user_id : '';
      q.addBreakthrough.run(String(b.breakthrough_id), agentId, userId, JSON.stringify(b), String(b.created_at));
    },
    breakthroughs: (agentId: string, f: { userId?: string; limit: number }) =>
      parse<Obj>(q.breakthroughs.all(agentId, f.userId ?? null, f.userId ?? null, f.limit), 'body_json'),
    /** How many breakthroughs this agent has had with this user (the next is numbered one more). */
    breakthroughCount: (agentId: string, userId: string) => q.countBreakthroughs.get(agentId, userId)!.n,
  };
}
export type AgentStateRepo = ReturnType<typeof createAgentStateRepo>;
