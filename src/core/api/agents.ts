import type { FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/problem';
import type { AgentRow } from '../store/projects-repo';
import { visibleProject, visibleProjectIds } from './auth';
import { agentDetailOut, agentIndexOut } from './mappers';
import { boundedInt, decodeCursor, encodeCursor } from './pagination';
import { checkLength, withSchema } from './respond';
import type { ApiDeps, OperationHandlers } from './types';

/** The agent of an `{agentId}` path parameter (its id or URL-encoded name), or 404. */
export function resolveAgent(deps: ApiDeps, req: FastifyRequest): AgentRow {
  const { agentId } = req.params as { agentId: string };
  const a = agentId.length <= 500 ? deps.agents.resolve(agentId, visibleProjectIds(deps, req)) : undefined;
  if (!a) {
    throw new HttpProblem(404, `agent ${agentId.slice(0, 200)} not found`, [
      { location: 'path.agentId', message: 'no agent with this id or name', value: agentId.slice(0, 200) },
    ]);
  }
  return a;
}

/** Agents: list (page_size 1..100, default 30), create or update, get, delete. */
export function agentRoutes(deps: ApiDeps): OperationHandlers {
  return {
    listAgents(req) {
      const q = req.query as {
        page_size?: number;
        cursor?: string;
        search?: string;
        project_id?: string;
        include_count?: string;
      };
      const size = boundedInt(q.page_size, 'page_size', 1, 100, 30);
      const offset = q.cursor ? decodeCursor(q.cursor, ['o']).o : 0;
      checkLength(q.search, 'query.search', 200);
      let projects = visibleProjectIds(deps, req);
      if (q.project_id) projects = projects.filter((p) => p === q.project_id);
      const page = deps.agents.page(projects, { search: q.search, offset, limit: size });
      const tenant = req.api.project!.tenant_id;
      return withSchema(deps, 'PaginatedAgentsResponse', {
        items: page.rows.map((a) => agentIndexOut(a, tenant)),
        has_more: page.hasMore,
        total_count: page.total,
        ...(page.hasMore ? { next_cursor: encodeCursor({ o: offset + size }) } : {}),
      });
    },
    createAgent(req) {
      const b = req.body as Record<string, unknown> & {
        name: string;
        agent_id?: string;
        project_id?: string;
        language?: string;
      };
      checkLength(b.name, 'body.name', 200);
      checkLength(b.agent_id, 'body.agent_id', 200);
      if (!b.name.trim()) {
        throw new HttpProblem(422, 'validation failed', [
          { location: 'body.name', message: 'expected a non-empty name', value: b.name },
        ]);
      }
      const project = visibleProject(deps, req, b.project_id || req.api.project!.project_id);
      const body = { ...b };
      delete body.$schema;
      let row: AgentRow;
      const existing = b.agent_id ? deps.agents.get(b.agent_id) : undefined;
      if (existing) {
        if (!visibleProjectIds(deps, req).includes(existing.project_id)) {
          throw new HttpProblem(409, `agent id ${b.agent_id} is already taken`);
        }
        row = deps.agents.update(existing.agent_id, b.name.trim(), b.language ?? existing.language, body);
      } else {
        row = deps.agents.create(project.project_id, b.name.trim(), b.language ?? 'en', body, b.agent_id || undefined);
      }
      return withSchema(deps, 'AgentDetailResponse', agentDetailOut(row, project.tenant_id));
    },
    getAgent(req) {
      const a = resolveAgent(deps, req);
      return withSchema(deps, 'AgentDetailResponse', agentDetailOut(a, req.api.project!.tenant_id));
    },
    deleteAgent(req) {
      const a = resolveAgent(deps, req);
      deps.agents.delete(a.agent_id);
      return withSchema(deps, 'DeleteAgentOutputBody', {
        success: true,
        status: 'ok',
        deleted: { agents: 1 },
        errors: [],
      });
    },
  };
}
