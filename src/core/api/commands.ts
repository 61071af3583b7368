import type { Handlers } from '../rpc/dispatch';
import { StudioError } from '../../shared/errors';
import type { ApiKeyDto, ProjectDto, WebhookDto } from '../../shared/contract/api';
import type { KeyRow } from '../store/keys-repo';
import type { AgentRow, ProjectRow } from '../store/projects-repo';
import type { WebhookRow } from '../store/webhooks-repo';
import { keyPrefix } from './mappers';
import type { RequestLog } from './request-log';
import { checkEventType, checkWebhookUrl, hasControlChars } from './respond';
import type { ApiDeps } from './types';
import { HttpProblem } from '../http/problem';

const projectDto = (p: ProjectRow): ProjectDto => ({
  projectId: p.project_id,
  name: p.name,
  environment: p.environment,
  businessName: p.business_name,
  isDefault: !!p.is_default,
  createdAt: p.created_at,
});
const keyDto = (k: KeyRow): ApiKeyDto => ({
  keyId: k.key_id,
  projectId: k.project_id,
  name: k.name,
  secret: k.secret,
  keyPrefix: keyPrefix(k.secret),
  isActive: !k.revoked_at,
  createdAt: k.created_at,
  lastUsedAt: k.last_used_at,
  revokedAt: k.revoked_at,
  expiresAt: k.expires_at,
});
const agentDto = (a: AgentRow) => ({
  agentId: a.agent_id,
  projectId: a.project_id,
  name: a.name,
  language: a.language,
  createdAt: a.created_at,
});
export const webhookDto = (w: WebhookRow): WebhookDto => ({
  webhookId: w.webhook_id,
  projectId: w.project_id,
  eventType: w.event_type,
  webhookUrl: w.webhook_url,
  authHeader: w.auth_header,
  isActive: !!w.is_active,
  createdAt: w.created_at,
  updatedAt: w.updated_at,
});

/** Runs an API-side check and turns its problem into an `invalid_params` error. */
function checked<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof HttpProblem) {
      const field = err.errors?.[0];
      throw new StudioError('invalid_params', field ? `${field.location}: ${field.message}` : err.message);
    }
    throw err;
  }
}

/** The contract commands of the Projects & keys, Webhooks and API log screens. */
export function apiHandlers(deps: ApiDeps, log: RequestLog): Partial<Handlers> {
  const project = (id: string) => {
    const p = deps.projects.project(id);
    if (!p) throw new StudioError('not_found', `project ${id} not found`);
    return p;
  };
  const webhook = (projectId: string, eventType: string) => {
    const w = deps.webhooks.get(project(projectId).project_id, eventType);
    if (!w) throw new StudioError('not_found', `no webhook for ${eventType} in this project`);
    return w;
  };
  return {
    'projects.list': () => ({ projects: deps.projectsAdmin.all().map(projectDto) }),
    'projects.create': ({ name, environment }) => {
      const p = deps.projects.createProject(name.trim());
      deps.keys.create(p.project_id, { name: 'Default key' });
      return projectDto(environment ? deps.projectsAdmin.update(p.project_id, { environment })! : p);
    },
    'projects.update': ({ projectId, name, environment, businessName }) => {
      project(projectId);
      return projectDto(deps.projectsAdmin.update(projectId, { name, environment, businessName })!);
    },
    'projects.delete': ({ projectId }) => {
      if (project(projectId).is_default) throw new StudioError('conflict', 'the default project cannot be deleted');
      const deleted = deps.projectsAdmin.delete(projectId);
      deps.keys.invalidate();
      deps.webhooks.forgetProject(projectId);
      deps.webhooksChanged(projectId);
      return { deleted };
    },
    'keys.list': ({ projectId }) => ({ keys: deps.keys.list(project(projectId).project_id).map(keyDto) }),
    'keys.create': ({ projectId, name }) => keyDto(deps.keys.create(project(projectId).project_id, { name })),
    'keys.revoke': ({ keyId }) => {
      if (!deps.keys.get(keyId)) throw new StudioError('not_found', `API key ${keyId} not found`);
      return { revoked: deps.keys.revoke(keyId) };
    },
    'agents.list': ({ projectId }) => ({
      agents: deps.agents.page([project(projectId).project_id], { offset: 0, limit: 1000 }).rows.map(agentDto),
    }),
    'agents.create': ({ projectId, name, language }) =>
      agentDto(deps.agents.create(project(projectId).project_id, name.trim(), language ?? 'en', { name: name.trim() })),
    'agents.delete': ({ agentId }) => ({ deleted: deps.agents.delete(agentId) }),
    'webhooks.list': ({ projectId }) => ({
      webhooks: deps.webhooks.list(project(projectId).project_id).map(webhookDto),
    }),
    'webhooks.upsert': ({ projectId, eventType, webhookUrl, authHeader }) => {
      project(projectId);
      checked(() => (checkEventType(eventType), checkWebhookUrl(webhookUrl, 'webhookUrl')));
      if (authHeader && hasControlChars(authHeader)) {
        throw new StudioError(
          'invalid_params',
          'authHeader: control characters (line breaks) are not allowed in a header value',
        );
      }
      const r = deps.webhooks.upsert(projectId, eventType, { webhookUrl, authHeader: authHeader || null });
      deps.webhooksChanged(projectId);
      return { webhook: webhookDto(r.webhook), created: r.created, ...(r.secret ? { signingSecret: r.secret } : {}) };
    },
    'webhooks.delete': ({ projectId, eventType }) => {
      webhook(projectId, eventType);
      const deleted = deps.webhooks.delete(projectId, eventType);
      deps.webhooksChanged(projectId);
      return { deleted };
    },
    'webhooks.setActive': ({ projectId, eventType, active }) => {
      webhook(projectId, eventType);
      deps.webhooks.setActive(projectId, eventType, active);
      deps.webhooksChanged(projectId);
      return webhookDto(deps.webhooks.get(projectId, eventType)!);
    },
    'webhooks.revealSecret': ({ projectId, eventType }) => {
      const s = deps.webhooks.currentSecret(webhook(projectId, eventType).webhook_id);
      if (!s) throw new StudioError('not_found', 'this webhook has no current secret');
      return { secret: s.secret, createdAt: s.created_at };
    },
    'webhooks.rotate': ({ projectId, eventType }) => {
      webhook(projectId, eventType);
      const secret = deps.webhooks.rotate(projectId, eventType)!;
      deps.webhooksChanged(projectId);
      return { secret };
    },
    'requestLog.list': async (f) => ({ requests: await log.list({ ...f, limit: f.limit ?? 200 }) }),
    'requestLog.get': async ({ seq }) => {
      const r = await log.get(seq);
      if (!r) throw new StudioError('not_found', `no logged request ${seq}`);
      return r;
    },
    'requestLog.clear': async () => ({ cleared: await log.clear() }),
  };
}
