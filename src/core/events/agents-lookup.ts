import type { Db } from '../store/open';
import { asLang, big5FromBody, type AgentProfile } from './generators/context';

interface AgentRow {
  agent_id: string;
  project_id: string;
  name: string;
  language: string;
  body_json: string;
}

/** Reads agents (name, language, stored Big5) for the generators and the pickers. */
export function createAgentsLookup(db: Db) {
  const byId = db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE agent_id = ?');
  const byName = db.prepare<[string, string], AgentRow>(
    'SELECT * FROM agents WHERE project_id = ? AND name = ? ORDER BY created_at LIMIT 1',
  );
  const first = db.prepare<[string], AgentRow>(
    'SELECT * FROM agents WHERE project_id = ? ORDER BY created_at, agent_id LIMIT 1',
  );
  const listQ = db.prepare<[string], AgentRow>(
    'SELECT * FROM agents WHERE project_id = ? ORDER BY created_at, agent_id LIMIT 500',
  );

  function toProfile(row: AgentRow): AgentProfile {
    let body: unknown = {};
    try {
      body = JSON.parse(row.body_json);
    } catch {
      /* a broken body just means no stored personality */
    }
    const lang = asLang((body as { language?: unknown }).language ?? row.language);
    return { agentId: row.agent_id, name: row.name, language: lang, big5: big5FromBody(body) };
  }

  /** The agent by id or name; an unknown id is used as given (English, no stored personality). */
  function profile(projectId: string, agentId?: string | null): AgentProfile {
    const row = agentId ? (byId.get(agentId) ?? byName.get(projectId, agentId)) : first.get(projectId);
    if (row) return toProfile(row);
    return { agentId: agentId ?? 'agent_unknown', name: agentId ?? 'Agent', language: 'en', big5: null };
  }

  function list(projectId: string) {
    return listQ.all(projectId).map((r) => ({ agentId: r.agent_id, name: r.name, language: toProfile(r).language }));
  }

  return { profile, list };
}
export type AgentsLookup = ReturnType<typeof createAgentsLookup>;
