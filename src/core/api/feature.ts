import type { StudioContext } from '../context';
import type { Feature } from '../feature';
import { createProactive, type Proactive } from '../proactive';
import { createAgentsRepo } from '../store/agents-repo';
import { groupCommitFor } from '../store/group-commit';
import { createKeysRepo } from '../store/keys-repo';
import { createProjectsAdminRepo } from '../store/projects-admin-repo';
import { createWebhooksRepo, type WebhooksRepo } from '../store/webhooks-repo';
import { apiHandlers } from './commands';
import { registerApi } from './index';
import type { RequestLog } from './request-log';
import { createAgentStateService, type AgentStateService } from '../agent-state/service';
import { createAgentsLookup } from '../events/agents-lookup';
import type { ApiDeps } from './types';

/** How often due wakeups run by themselves (production: about once a minute). */
export const WAKEUP_TICK_MS = 60_000;

export interface ApiFeature extends Feature {
  /** Notifications, wakeups and the studio clock (for the events feature and the lead's glue). */
  proactive: Proactive;
  /** Webhooks and their secrets (for the dispatcher). */
  webhooks: WebhooksRepo;
  /** The API request log (OneInbox's mock API logs into it too). */
  requestLog: RequestLog;
}

/**
 * The mock Sonzai API under `/api/v1`, and the UI's projects / keys / webhooks / API log commands.
 * The request log is started by `createStudio`, early (its writer thread boots meanwhile, and
 * nothing waits for it); this feature owns it from here: its close closes it.
 */
export function apiFeature(
  ctx: StudioContext,
  opts: { agentState?: AgentStateService; requestLog: RequestLog },
): ApiFeature {
  let base: string | null = null;
  const agentState = opts.agentState ?? createAgentStateService(ctx);
  const lookup = createAgentsLookup(ctx.db);
  const deps: ApiDeps = {
    db: ctx.db,
    clock: ctx.clock,
    realClock: ctx.realClock ?? ctx.clock,
    random: ctx.random,
    bus: ctx.bus,
    projects: ctx.projects,
    projectsAdmin: createProjectsAdminRepo(ctx.db, ctx.clock),
    keys: createKeysRepo(ctx.db, ctx.clock, ctx.random),
    agents: createAgentsRepo(ctx.db, ctx.clock, ctx.random),
    webhooks: createWebhooksRepo(ctx.db, ctx.clock, ctx.random),
    proactive: createProactive(ctx.db, ctx.realClock ?? ctx.clock, ctx.random, ctx.studioClock),
    baseUrl() {
      if (base) return base;
      const s = ctx.status();
      if (s.port) base = s.apiBaseUrl;
      return s.apiBaseUrl;
    },
    webhooksChanged: (projectId) => ctx.bus.emit('webhooks.changed', { projectId }),
    agentState,
    agentProfile: (a) => lookup.profile(a.project_id, a.agent_id),
    stateChanged: (projectId) => ctx.bus.emit('proactive.changed', { projectId }),
  };
  const log = opts.requestLog;
  const commits = groupCommitFor(ctx.db);
  registerApi(ctx.app, deps, log, commits);
  let timer: NodeJS.Timeout | null = null;

  return {
    name: 'api',
    proactive: deps.proactive,
    webhooks: deps.webhooks,
    requestLog: log,
    handlers: apiHandlers(deps, log),
    start() {
      timer = setInterval(() => {
        try {
          deps.proactive.runDueWakeups();
          agentState.runDueSchedules();
        } catch {
          /* the store is closing */
        }
      }, WAKEUP_TICK_MS);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      commits.flush();
      await log.close();
    },
  };
}
