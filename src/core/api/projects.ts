import { HttpProblem } from '../http/problem';
import { visibleProject, visibleProjectIds } from './auth';
import { projectOut } from './mappers';
import { boundedInt, decodeCursor, encodeCursor } from './pagination';
import { checkLength, withSchema } from './respond';
import type { ApiDeps, OperationHandlers } from './types';

interface ProjectBody {
  name?: string;
  environment?: string;
  business_name?: string;
  game_name?: string;
  default_agent_kb_write?: boolean;
}

/** Projects: list (page_size 1..100, default 50, cursor), create, get, update, delete. */
export function projectRoutes(deps: ApiDeps): OperationHandlers {
  return {
    listProjects(req) {
      const q = req.query as { page_size?: number; cursor?: string };
      const size = boundedInt(q.page_size, 'page_size', 1, 100, 50);
      const offset = q.cursor ? decodeCursor(q.cursor, ['o']).o : 0;
      const page = deps.projectsAdmin.page(visibleProjectIds(deps, req), offset, size);
      return withSchema(deps, 'PaginatedProjectsResponse', {
        items: page.rows.map(projectOut),
        has_more: page.hasMore,
        ...(page.hasMore ? { next_cursor: encodeCursor({ o: offset + size }) } : {}),
      });
    },
    createProject(req) {
      const b = req.body as ProjectBody;
      checkLength(b.name, 'body.name', 200);
      if (!b.name?.trim()) {
        throw new HttpProblem(422, 'validation failed', [
          { location: 'body.name', message: 'expected a non-empty name', value: b.name },
        ]);
      }
      const p = deps.projects.createProject(b.name.trim());
      const updated = deps.projectsAdmin.update(p.project_id, {
        environment: b.environment || 'production',
        defaultAgentKbWrite: b.default_agent_kb_write,
      })!;
      return withSchema(deps, 'Project', projectOut(updated));
    },
    getProject(req) {
      const { projectId } = req.params as { projectId: string };
      return withSchema(deps, 'Project', projectOut(visibleProject(deps, req, projectId)));
    },
    updateProject(req) {
      const { projectId } = req.params as { projectId: string };
      const p = visibleProject(deps, req, projectId);
      const b = req.body as ProjectBody;
      for (const k of ['name', 'environment', 'business_name', 'game_name'] as const)
        checkLength(b[k], `body.${k}`, 200);
      if (b.name !== undefined && !b.name.trim()) {
        throw new HttpProblem(422, 'validation failed', [
          { location: 'body.name', message: 'expected a non-empty name', value: b.name },
        ]);
      }
      const updated = deps.projectsAdmin.update(p.project_id, {
        name: b.name?.trim(),
        environment: b.environment,
        businessName: b.business_name ?? b.game_name,
        defaultAgentKbWrite: b.default_agent_kb_write,
      })!;
      return withSchema(deps, 'Project', projectOut(updated));
    },
    deleteProject(req) {
      const { projectId } = req.params as { projectId: string };
      const p = visibleProject(deps, req, projectId);
      if (p.is_default) throw new HttpProblem(409, 'the default project cannot be deleted');
      if (p.project_id === req.api.project!.project_id) {
        throw new HttpProblem(409, 'a key cannot delete its own project; use a key of the default project');
      }
      deps.projectsAdmin.delete(p.project_id);
      deps.keys.invalidate();
      deps.webhooks.forgetProject(p.project_id);
      deps.webhooksChanged(p.project_id);
      return withSchema(deps, 'DeleteProjectOutputBody', { status: 'deleted' });
    },
  };
}
