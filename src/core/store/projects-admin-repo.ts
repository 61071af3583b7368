import type { Clock } from '../deps';
import type { Db } from './open';
import type { ProjectRow } from './projects-repo';

export interface ProjectPatch {
  name?: string;
  environment?: string;
  businessName?: string;
  defaultAgentKbWrite?: boolean | null;
}

/** Listing, updating and deleting projects (creation lives in the foundation's projects repo). */
export function createProjectsAdminRepo(db: Db, clock: Clock) {
  const byId = db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE project_id = ?');
  return {
    all: () => db.prepare<[], ProjectRow>('SELECT * FROM projects ORDER BY created_at, rowid').all(),
    page(projectIds: readonly string[], offset: number, limit: number) {
      const marks = projectIds.map(() => '?').join(',') || "''";
      const rows = db
        .prepare<unknown[], ProjectRow>(
          `SELECT * FROM projects WHERE project_id IN (${marks}) ORDER BY created_at, rowid LIMIT ? OFFSET ?`,
        )
        .all(...projectIds, limit + 1, offset);
      return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
    },
    update(projectId: string, patch: ProjectPatch): ProjectRow | undefined {
      const p = byId.get(projectId);
      if (!p) return undefined;
      db.prepare(
        `UPDATE projects SET name = ?, environment = ?, business_name = ?, game_name = ?, default_agent_kb_write = ?, updated_at = ?
         WHERE project_id = ?`,
      ).run(
        patch.name ?? p.name,
        patch.environment ?? p.environment,
        patch.businessName ?? p.business_name,
        patch.businessName ?? p.game_name,
        patch.defaultAgentKbWrite === undefined
          ? p.default_agent_kb_write
          : patch.defaultAgentKbWrite === null
            ? null
            : patch.defaultAgentKbWrite
              ? 1
              : 0,
        clock.now().toISOString(),
        projectId,
      );
      return byId.get(projectId);
    },
    /** Deletes a project with its keys, agents and webhooks (foreign-key cascade). */
    delete: (projectId: string): boolean =>
      db.prepare('DELETE FROM projects WHERE project_id = ? AND is_default = 0').run(projectId).changes > 0,
  };
}
export type ProjectsAdminRepo = ReturnType<typeof createProjectsAdminRepo>;
