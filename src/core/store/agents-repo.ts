import type { Clock, Random } from '../deps';
import type { Db } from './open';
import type { AgentRow } from './projects-repo';

/** Agents of projects. `resolve` accepts the agent's id or its (URL-decoded) name. */
export function createAgentsRepo(db: Db, clock: Clock, random: Random) {
  const iso = () => clock.now().toISOString();
  const byId = db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE agent_id = ?');
  const insert = db.prepare(
    'INSERT INTO agents (agent_id, project_id, name, language, body_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare(
    'UPDATE agents SET name = ?, language = ?, body_json = ?, updated_at = ? WHERE agent_id = ?',
  );
  const del = db.prepare('DELETE FROM agents WHERE agent_id = ?');

  function inProjects(projectIds: readonly string[]): string {
    return projectIds.map(() => '?').join(',') || "''";
  }

  return {
    get: (id: string) => byId.get(id),
    /** The agent with this id, else the oldest with this name, among the given projects. */
    resolve(idOrName: string, projectIds: readonly string[]): AgentRow | undefined {
      const byIdRow = byId.get(idOrName);
      if (byIdRow) return projectIds.includes(byIdRow.project_id) ? byIdRow : undefined;
      return db
        .prepare<unknown[], AgentRow>(
          `SELECT * FROM agents WHERE name = ? AND project_id IN (${inProjects(projectIds)}) ORDER BY created_at, agent_id LIMIT 1`,
        )
        .get(idOrName, ...projectIds);
    },
    /** A page of agents of the given projects, oldest first. */
    page(projectIds: readonly string[], f: { search?: string; offset: number; limit: number }) {
      const where = [`project_id IN (${inProjects(projectIds)})`];
      const args: unknown[] = [...projectIds];
      if (f.search) {
        where.push("name LIKE ? ESCAPE '\\'");
        args.push(`%${f.search.replace(/[\\%_]/g, '\\$&')}%`);
      }
      const rows = db
        .prepare<unknown[], AgentRow>(
          `SELECT * FROM agents WHERE ${where.join(' AND ')} ORDER BY created_at, rowid LIMIT ? OFFSET ?`,
        )
        .all(...args, f.limit + 1, f.offset);
      const total = db
        .prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM agents WHERE ${where.join(' AND ')}`)
        .get(...args)!.n;
      return { rows: rows.slice(0, f.limit), hasMore: rows.length > f.limit, total };
    },
    create(projectId: string, name: string, language: string, body: object, agentId?: string): AgentRow {
      const now = iso();
      const id = agentId ?? random.uuid();
      insert.run(id, projectId, name, language, JSON.stringify(body), now, now);
      return byId.get(id)!;
    },
    update(agentId: string, name: string, language: string, body: object): AgentRow {
      update.run(name, language, JSON.stringify(body), iso(), agentId);
      return byId.get(agentId)!;
    },
    delete: (agentId: string): boolean => del.run(agentId).changes > 0,
    /** Active agents' wakeups and schedules fire; an inactive agent's wait (wakeups) or pass (schedules). */
    setActive(agentId: string, active: boolean): AgentRow {
      db.prepare('UPDATE agents SET is_active = ?, updated_at = ? WHERE agent_id = ?').run(
        active ? 1 : 0,
        iso(),
        agentId,
      );
      return byId.get(agentId)!;
    },
  };
}
export type AgentsRepo = ReturnType<typeof createAgentsRepo>;
