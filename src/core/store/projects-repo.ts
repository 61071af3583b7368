import type { Clock, Random } from '../deps';
import type { Db } from './open';

export interface ProjectRow {
  project_id: string;
  tenant_id: string;
  name: string;
  game_name: string;
  business_name: string;
  environment: string;
  is_active: number;
  default_agent_kb_write: number | null;
  is_default: number;
  created_at: string;
  updated_at: string;
}
export interface ApiKeyRow {
  key_id: string;
  project_id: string;
  name: string;
  secret: string;
  scopes_json: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
export interface AgentRow {
  agent_id: string;
  project_id: string;
  name: string;
  language: string;
  body_json: string;
  created_at: string;
  updated_at: string;
  /** 0 after `PATCH /agents/{id}/status {is_active: false}` (migration 010). */
  is_active?: number;
}

export interface Defaults {
  project: ProjectRow;
  key: ApiKeyRow;
  agent: AgentRow;
}

export const LOCAL_TENANT_ID = 'tenant_local';

/** Projects, their API keys and their agents. */
export function createProjectsRepo(db: Db, clock: Clock, random: Random) {
  const iso = () => clock.now().toISOString();

  const q = {
    defaultProject: db.prepare<[], ProjectRow>('SELECT * FROM projects WHERE is_default = 1 LIMIT 1'),
    project: db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE project_id = ?'),
    insertProject: db.prepare(
      `INSERT INTO projects (project_id, tenant_id, name, environment, is_default, created_at, updated_at)
       VALUES (@project_id, @tenant_id, @name, @environment, @is_default, @created_at, @updated_at)`,
    ),
    insertKey: db.prepare(`INSERT INTO api_keys (key_id, project_id, name, secret, created_at) VALUES (?, ?, ?, ?, ?)`),
    keyBySecret: db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE secret = ? AND revoked_at IS NULL'),
    firstKey: db.prepare<[string], ApiKeyRow>(
      'SELECT * FROM api_keys WHERE project_id = ? AND revoked_at IS NULL ORDER BY created_at, key_id LIMIT 1',
    ),
    insertAgent: db.prepare(
      `INSERT INTO agents (agent_id, project_id, name, language, body_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    firstAgent: db.prepare<[string], AgentRow>(
      'SELECT * FROM agents WHERE project_id = ? ORDER BY created_at, agent_id LIMIT 1',
    ),
  };

  function newApiKeySecret(): string {
    return `sk_${random.token(24)}`;
  }

  function createProject(name: string, isDefault = false): ProjectRow {
    const now = iso();
    const row = {
      project_id: random.uuid(),
      tenant_id: LOCAL_TENANT_ID,
      name,
      environment: 'development',
      is_default: isDefault ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    q.insertProject.run(row);
    return q.project.get(row.project_id)!;
  }

  function createApiKey(projectId: string, name: string): ApiKeyRow {
    const keyId = random.uuid();
    q.insertKey.run(keyId, projectId, name, newApiKeySecret(), iso());
    return db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE key_id = ?').get(keyId)!;
  }

  function createAgent(projectId: string, name: string, language = 'en', body: object = {}): AgentRow {
    const now = iso();
    const id = random.uuid();
    q.insertAgent.run(id, projectId, name, language, JSON.stringify(body), now, now);
    return db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE agent_id = ?').get(id)!;
  }

  /** On first run: a default project with one agent and one API key. Idempotent. */
  const ensureDefaultsTx = db.transaction((): Defaults => {
    const project = q.defaultProject.get() ?? createProject('Default project', true);
    const key = q.firstKey.get(project.project_id) ?? createApiKey(project.project_id, 'Default key');
    const agent =
      q.firstAgent.get(project.project_id) ??
      createAgent(project.project_id, 'Aiko', 'en', {
        bio: 'A warm companion who remembers the little things.',
        big5: { openness: 0.72, conscientiousness: 0.55, extraversion: 0.61, agreeableness: 0.8, neuroticism: 0.3 },
      });
    return { project, key, agent };
  });

  const ensureDefaults = (): Defaults => ensureDefaultsTx();

  return {
    ensureDefaults,
    createProject,
    createApiKey,
    createAgent,
    project: (id: string) => q.project.get(id),
    keyBySecret: (secret: string) => q.keyBySecret.get(secret),
  };
}
export type ProjectsRepo = ReturnType<typeof createProjectsRepo>;
