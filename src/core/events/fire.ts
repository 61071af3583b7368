import { StudioError } from '../../shared/errors';
import type { Clock, Random } from '../deps';
import type { DispatcherApi, FiredDelivery, FireInput, FireResult, Injection } from '../dispatch/dispatcher-api';
import { sign, SIGNATURE_HEADER } from '../signing/signature';
import type { Db } from '../store/open';
import type { AgentsLookup } from './agents-lookup';
import type { Catalog } from './catalog';
import { fillIdentity } from './entity-identity';
import { buildPayload } from './envelope';
import { timeOrderedId } from '../ids';
import { deepMerge } from './merge';
import { createRng } from './prng';
import { applySets, parseSet } from './set-path';
import type { TemplatesRepo } from './templates-repo';
import { validateAgainst, type SchemaIssue } from './validate';

/** Largest body the studio builds or fires, in bytes. */
export const MAX_EVENT_BYTES = 512 * 1024;
export const DEFAULT_USER_ID = 'user_demo';

export interface BuildInput {
  eventType: string;
  projectId?: string;
  agentId?: string;
  userId?: string;
  /** Replaces the template/sample `data` entirely. */
  data?: Record<string, unknown>;
  /** `path=value` edits applied to the whole body, in order (see set-path.ts). */
  set?: readonly string[];
  /** Seed of the sample generator; random when absent. */
  seed?: string | number;
  /** Ignore the saved template and generate a fresh sample. */
  fresh?: boolean;
  /** Deep-merged onto the template/sample data (scenario steps). */
  merge?: Record<string, unknown>;
}

export interface BuiltEvent {
  eventId: string;
  eventType: string;
  projectId: string;
  agentId: string;
  userId: string | null;
  /** The exact JSON bytes (as UTF-8 text) that are delivered. */
  body: string;
  /**
   * What `body` is the JSON of, when the studio built it (`body === JSON.stringify(payload)`):
   * side effects read it instead of parsing the body again. Read-only.
   */
  payload?: Readonly<Record<string, unknown>>;
  /** Where the data came from. */
  origin: 'data' | 'template' | 'sample';
  /** Schema issues of the whole body (firing an invalid body is allowed: QA does it on purpose). */
  issues: SchemaIssue[];
}

export interface FireOptions {
  source?: string;
  injection?: Injection;
}

export interface FireOutcome {
  eventId: string;
  eventType: string;
  bytes: number;
  deliveries: FiredDelivery[];
  issues: SchemaIssue[];
}

export interface PreviewHeader {
  name: string;
  value: string;
}

export interface Preview extends BuiltEvent {
  bytes: number;
  headers: PreviewHeader[];
  webhook: { webhookId: string; url: string; secretId: string | null } | null;
  /** Why nothing would be sent, when that is the case. */
  note: string | null;
}

interface Deps {
  db: Db;
  /** The studio clock: `created_at` and the samples' times. */
  clock: Clock;
  /** Real time for the previewed `Sonzai-Signature: t=` (as the dispatcher signs); default `clock`. */
  signingClock?: Clock;
  random: Random;
  catalog: Catalog;
  templates: TemplatesRepo;
  agents: AgentsLookup;
  dispatcher: DispatcherApi;
  defaultProjectId(): string;
  /**
   * Called after every fired event (UI, CLI, burst, scenario) with its exact body: where
   * the lead glues production's side effects, e.g. a pending notification for
   * `agent.message` / `on_wakeup_ready`. A throwing hook does not undo the fire.
   */
  onFired?(event: BuiltEvent, source: string): void;
}

/** Builds events (one serialisation), previews their exact request, fires them. */
export function createFirer(deps: Deps) {
  const q = {
    webhook: deps.db.prepare<
      [string, string],
      { webhook_id: string; webhook_url: string; auth_header: string | null; is_active: number }
    >('SELECT webhook_id, webhook_url, auth_header, is_active FROM webhooks WHERE project_id = ? AND event_type = ?'),
    secret: deps.db.prepare<[string], { secret_id: string; secret: string }>(
      `SELECT secret_id, secret FROM webhook_secrets WHERE webhook_id = ?
       ORDER BY (rotated_at IS NULL) DESC, created_at DESC, rowid DESC LIMIT 1`,
    ),
  };

  /** The store reads `build` makes: straight through, or remembered for one batch (see `batchLookups`). */
  interface Lookups {
    profile: AgentsLookup['profile'];
    template: TemplatesRepo['get'];
  }
  const direct: Lookups = {
    profile: (projectId, agentId) => deps.agents.profile(projectId, agentId),
    template: (type) => deps.templates.get(type),
  };
  /**
   * For the events of one batch, built in one synchronous call (nothing can change the agents or
   * templates in between): each agent is read once, and a missing template is looked for once. A
   * saved template is read for every event (each gets its own copy of the data).
   */
  function batchLookups(): Lookups {
    const agents = new Map<string, ReturnType<AgentsLookup['profile']>>();
    const noTemplate = new Set<string>();
    return {
      profile(projectId, agentId) {
        const key = `${projectId}\u0000${agentId ?? ''}`;
        let p = agents.get(key);
        if (!p) agents.set(key, (p = deps.agents.profile(projectId, agentId)));
        return p;
      },
      template(type) {
        if (noTemplate.has(type)) return null;
        const t = deps.templates.get(type);
        if (!t) noTemplate.add(type);
        return t;
      },
    };
  }

  function build(input: BuildInput, look: Lookups = direct): BuiltEvent {
    const entry = deps.catalog.get(input.eventType);
    const projectId = input.projectId || deps.defaultProjectId();
    const agent = look.profile(projectId, input.agentId);
    const userId = input.userId || DEFAULT_USER_ID;
    const now = deps.clock.now();
    let origin: BuiltEvent['origin'] = 'data';
    let data = input.data;
    if (!data) {
      const saved = input.fresh ? null : look.template(entry.type);
      if (saved) {
        data = fillIdentity(entry.kind, entry.sdkShapes, saved.data, agent.agentId, userId);
        origin = 'template';
      } else {
        const rng = createRng(input.seed ?? deps.random.token(8));
        data = entry.generate({ rng, now, projectId, agent, userId });
        origin = 'sample';
      }
    }
    if (input.merge) data = deepMerge(data, input.merge);
    const fields = {
      eventId: timeOrderedId(now, deps.random),
      eventType: entry.type,
      createdAt: now.toISOString(),
      projectId,
      agentId: agent.agentId,
      userId,
    };
    let payload = buildPayload(entry.kind, fields, data);
    if (input.set?.length) payload = applySets(payload, input.set.map(parseSet));
    const body = JSON.stringify(payload);
    if (Buffer.byteLength(body) > MAX_EVENT_BYTES) {
      throw new StudioError('invalid_params', `the event body is larger than ${MAX_EVENT_BYTES} bytes`);
    }
    const eventId = typeof payload.event_id === 'string' && payload.event_id ? payload.event_id : fields.eventId;
    return {
      eventId,
      eventType: entry.type,
      projectId,
      agentId: typeof payload.agent_id === 'string' ? payload.agent_id : agent.agentId,
      userId: typeof payload.user_id === 'string' ? payload.user_id : userId,
      body,
      payload,
      origin,
      issues: validateAgainst(entry.payloadSchema, payload),
    };
  }

  /** The exact request the dispatcher would make now (stamped by the studio clock, signed at real time). */
  function preview(input: BuildInput): Preview {
    return previewOf(build(input));
  }

  function previewOf(ev: BuiltEvent): Preview {
    const hook = q.webhook.get(ev.projectId, ev.eventType);
    const headers: PreviewHeader[] = [{ name: 'Content-Type', value: 'application/json' }];
    let note: string | null = null;
    let webhook: Preview['webhook'] = null;
    if (!hook) {
      note = `no webhook is registered for ${ev.eventType} in this project: firing stores the event and delivers nothing`;
    } else {
      const secret = q.secret.get(hook.webhook_id);
      webhook = { webhookId: hook.webhook_id, url: hook.webhook_url, secretId: secret?.secret_id ?? null };
      if (secret) {
        const t = Math.floor((deps.signingClock ?? deps.clock).now().getTime() / 1000);
        headers.push({ name: SIGNATURE_HEADER, value: sign(ev.body, secret.secret, t) });
      } else {
        note = 'the webhook has no signing secret: the delivery would be unsigned';
      }
      if (hook.auth_header) headers.push({ name: 'Authorization', value: hook.auth_header });
      if (!hook.is_active) note = 'the webhook is inactive: nothing would be sent';
    }
    const { payload: _inBody, ...shown } = ev; // the body says it already
    return { ...shown, bytes: Buffer.byteLength(ev.body), headers, webhook, note };
  }

  const toInput = (ev: BuiltEvent, opts: FireOptions): FireInput => ({
    projectId: ev.projectId,
    eventType: ev.eventType,
    body: ev.body,
    eventId: ev.eventId,
    agentId: ev.agentId,
    userId: ev.userId,
    source: opts.source ?? 'ui',
    ...(opts.injection ? { injection: opts.injection } : {}),
  });

  const sideEffects = (ev: BuiltEvent, opts: FireOptions): void => {
    try {
      deps.onFired?.(ev, opts.source ?? 'ui');
    } catch {
      /* a side effect's failure must not turn a stored event into an error */
    }
  };

  const outcome = (ev: BuiltEvent, result: FireResult): FireOutcome => ({
    eventId: result.eventId,
    eventType: ev.eventType,
    bytes: Buffer.byteLength(ev.body),
    deliveries: result.deliveries,
    issues: ev.issues,
  });

  function fireBuilt(ev: BuiltEvent, opts: FireOptions = {}): FireOutcome {
    return fireManyBuilt([ev], opts)[0]!;
  }

  /**
   * Events (a burst's slice, or one) and their deliveries stored in one transaction before any
   * is sent, their side effects in the same one (one commit in all, not one per event).
   */
  function fireManyBuilt(evs: BuiltEvent[], opts: FireOptions = {}): FireOutcome[] {
    const inputs = evs.map((ev) => toInput(ev, opts));
    const effects = () => evs.forEach((ev) => sideEffects(ev, opts));
    let results: FireResult[];
    if (deps.dispatcher.fireMany) {
      results = deps.dispatcher.fireMany(inputs, effects);
    } else {
      results = inputs.map((input) => deps.dispatcher.fire(input));
      try {
        deps.db.transaction(effects)();
      } catch {
        /* as for one event: the events are stored; their side effects are best effort */
      }
    }
    return evs.map((ev, i) => outcome(ev, results[i]!));
  }

  /** Fires exact bytes (e.g. a previewed body): never re-serialised. */
  function fireRaw(
    input: { eventType: string; projectId?: string; body: string; agentId?: string; userId?: string },
    opts: FireOptions = {},
  ): FireOutcome {
    const entry = deps.catalog.get(input.eventType);
    if (Buffer.byteLength(input.body) > MAX_EVENT_BYTES) {
      throw new StudioError('invalid_params', `the event body is larger than ${MAX_EVENT_BYTES} bytes`);
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(input.body) as Record<string, unknown>;
    } catch (err) {
      throw new StudioError('invalid_params', `the body is not JSON: ${(err as Error).message}`);
    }
    const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
    const ev: BuiltEvent = {
      eventId: str(parsed?.event_id) ?? deps.random.uuid(),
      eventType: entry.type,
      projectId: input.projectId || str(parsed?.project_id) || deps.defaultProjectId(),
      agentId: input.agentId ?? str(parsed?.agent_id) ?? '',
      userId: input.userId ?? str(parsed?.user_id),
      body: input.body,
      origin: 'data',
      issues: validateAgainst(entry.payloadSchema, parsed),
    };
    return fireBuilt(ev, opts);
  }

  return {
    build: (input: BuildInput) => build(input),
    preview,
    previewOf,
    fire: (input: BuildInput, opts?: FireOptions) => fireBuilt(build(input), opts),
    fireMany: (inputs: BuildInput[], opts?: FireOptions) => {
      const look = batchLookups();
      return fireManyBuilt(
        inputs.map((input) => build(input, look)),
        opts,
      );
    },
    fireBuilt,
    fireRaw,
  };
}
export type Firer = ReturnType<typeof createFirer>;
