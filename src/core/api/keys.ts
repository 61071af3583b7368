import { HttpProblem } from '../http/problem';
import { MAX_KEY_EXPIRES_DAYS } from '../store/keys-repo';
import { visibleProject } from './auth';
import { createdKeyOut, keyOut } from './mappers';
import { checkLength, withSchema } from './respond';
import type { ApiDeps, OperationHandlers } from './types';

/** API keys of a project: list, create (the key is shown in full once), revoke. */
export function keyRoutes(deps: ApiDeps): OperationHandlers {
  return {
    listAPIKeys(req) {
      const { projectId } = req.params as { projectId: string };
      const p = visibleProject(deps, req, projectId);
      return deps.keys.list(p.project_id).map((k) => keyOut(k, p.tenant_id, deps.clock.now()));
    },
    createAPIKey(req) {
      const { projectId } = req.params as { projectId: string };
      const p = visibleProject(deps, req, projectId);
      const b = (req.body ?? {}) as { name?: string; scopes?: string[] | null; expires_days?: number };
      checkLength(b.name, 'body.name', 200);
      if (b.expires_days !== undefined && (b.expires_days < 0 || b.expires_days > MAX_KEY_EXPIRES_DAYS)) {
        throw new HttpProblem(422, 'validation failed', [
          { location: 'body.expires_days', message: `expected 0 to ${MAX_KEY_EXPIRES_DAYS}`, value: b.expires_days },
        ]);
      }
      if ((b.scopes?.length ?? 0) > 50) {
        throw new HttpProblem(422, 'validation failed', [
          { location: 'body.scopes', message: 'at most 50 scopes', value: null },
        ]);
      }
      const k = deps.keys.create(p.project_id, { name: b.name, scopes: b.scopes, expiresDays: b.expires_days });
      return withSchema(deps, 'CreateAPIKeyOutputBody', createdKeyOut(k, p.tenant_id));
    },
    /** `revokeAPIKey` (published): 200 `RevokeAPIKeyOutputBody` `{success: true}`. */
    revokeAPIKey(req) {
      const { projectId, keyId } = req.params as { projectId: string; keyId: string };
      const p = visibleProject(deps, req, projectId);
      const k = deps.keys.get(keyId);
      if (!k || k.project_id !== p.project_id) throw new HttpProblem(404, `API key ${keyId} not found`);
      deps.keys.revoke(keyId);
      return withSchema(deps, 'RevokeAPIKeyOutputBody', { success: true });
    },
  };
}
