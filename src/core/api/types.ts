import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus } from '../live/bus';
import type { Proactive } from '../proactive';
import type { AgentsRepo } from '../store/agents-repo';
import type { Db } from '../store/open';
import type { KeyRow, KeysRepo } from '../store/keys-repo';
import type { ProjectsAdminRepo } from '../store/projects-admin-repo';
import type { ProjectRow, ProjectsRepo } from '../store/projects-repo';
import type { WebhooksRepo } from '../store/webhooks-repo';
import type { Clock, Random } from '../deps';
import type { AgentStateService } from '../agent-state/service';
import type { AgentProfile } from '../events/generators/context';
import type { AgentRow } from '../store/projects-repo';
import type { LintNote } from '../../shared/contract/api';

/** Everything the mock API's routes are built from. */
export interface ApiDeps {
  db: Db;
  /** The studio clock (what every stored timestamp comes from). */
  clock: Clock;
  /** The real clock: when a request reached the studio (the request log). */
  realClock: Clock;
  random: Random;
  bus: EventBus;
  projects: ProjectsRepo;
  projectsAdmin: ProjectsAdminRepo;
  keys: KeysRepo;
  agents: AgentsRepo;
  webhooks: WebhooksRepo;
  proactive: Proactive;
  /** Base URL of the studio (for `$schema` links). */
  baseUrl(): string;
  /** Tells the UI the webhooks of a project changed. */
  webhooksChanged(projectId: string): void;
  /** Mood, diary, breakthroughs and schedules (the state events imply). */
  agentState: AgentStateService;
  /** Name, language and Big5 of a stored agent, as the sample generators read them. */
  agentProfile(a: AgentRow): AgentProfile;
  /** Tells the UI an agent's state changed (mood, schedules, status). */
  stateChanged(projectId: string): void;
}

/** What the API's hooks learn about one request. */
export interface ApiRequestState {
  /** `performance.now()` when the request arrived. */
  started: number;
  operationId?: string;
  key?: KeyRow;
  project?: ProjectRow;
  lint: LintNote[];
  rawBody?: string;
  responseBody?: string;
  replayed?: boolean;
  /** Its writes joined the turn's group commit: the answer waits for it. */
  grouped?: boolean;
  idem?: { projectId: string; key: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    api: ApiRequestState;
  }
  interface FastifyContextConfig {
    operationId?: string;
    /** Public route: no API key needed. */
    public?: boolean;
  }
}

export type RouteHandler = (req: FastifyRequest, reply: FastifyReply) => unknown;
export type OperationHandlers = Record<string, RouteHandler>;
