import type { FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/problem';
import type { ProjectRow } from '../store/projects-repo';
import type { ApiDeps } from './types';

/** The caller's project row, reused for up to 1 s (routes re-read projects they act on). */
const PROJECT_CACHE_MS = 1000;
const projectCache = new Map<string, { project: ProjectRow; at: number }>();

function callerProject(deps: ApiDeps, projectId: string): ProjectRow | undefined {
  const now = Date.now();
  const hit = projectCache.get(projectId);
  if (hit && now - hit.at < PROJECT_CACHE_MS) return hit.project;
  const p = deps.projects.project(projectId);
  if (projectCache.size > 1000) projectCache.clear();
  if (p) projectCache.set(projectId, { project: p, at: now });
  else projectCache.delete(projectId);
  return p;
}

/**
 * `Authorization: Bearer sk_...` → the key and its project. Missing, malformed, unknown,
 * revoked or expired keys → 401. Never echoes the key.
 */
export function authenticate(deps: ApiDeps, req: FastifyRequest): void {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !header.trim()) {
    throw new HttpProblem(401, 'missing API key: send Authorization: Bearer sk_...');
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new HttpProblem(401, 'malformed Authorization header: expected Bearer sk_...');
  const key = m[1].startsWith('sk_') && m[1].length <= 200 ? deps.keys.authenticate(m[1]) : undefined;
  if (!key) throw new HttpProblem(401, 'invalid API key: unknown, revoked or expired');
  const project = callerProject(deps, key.project_id);
  if (!project) throw new HttpProblem(401, 'invalid API key: its project no longer exists');
  deps.keys.touch(key.key_id);
  req.api.key = key;
  req.api.project = project;
}

/**
 * Which projects a key may see: a key of the default project acts as the tenant owner
 * and sees every project; any other key sees only its own project.
 */
export function visibleProjectIds(deps: ApiDeps, req: FastifyRequest): string[] {
  const own = req.api.project!;
  if (own.is_default) return deps.projectsAdmin.all().map((p) => p.project_id);
  return [own.project_id];
}

/** The project of a `{projectId}` path parameter, or 404 when the key may not see it. */
export function visibleProject(deps: ApiDeps, req: FastifyRequest, projectId: string): ProjectRow {
  const own = req.api.project!;
  const p = projectId === own.project_id || own.is_default ? deps.projects.project(projectId) : undefined;
  if (!p)
    throw new HttpProblem(404, `project ${projectId} not found`, [
      { location: 'path.projectId', message: 'not found', value: projectId },
    ]);
  return p;
}
