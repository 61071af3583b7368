import { setMaxListeners } from 'node:events';
import type { DeliverySettings } from '../../shared/delivery-settings';
import { StudioError } from '../../shared/errors';
import type { Clock, Random } from '../deps';
import type { EventBus } from '../live/bus';
import type { Db } from '../store/open';
import { createAttemptsRepo, toSummary } from './attempts-repo';
import { createDeliveriesRepo, type ReadyDelivery } from './deliveries-repo';
import { deliverOnce } from './deliver';
import type { DispatcherApi, FireInput, FireResult, Injection } from './dispatcher-api';
import { mergeInjection, planInjection, shuffle, type InjectionPlan, type InjectionRepo } from './injection';
import { createQueue } from './queue';
import { replayAttempt } from './replay';
import type { RandomFloat } from './schedule';
import { createSender, type Sender } from './send';
import type { Targets } from './targets';
import { createWriter } from './writer';

/** Limits of the in-memory side: everything else waits in SQLite. */
export const MAX_IN_MEMORY = 4_000;
export const PREFETCH_PER_ENDPOINT = 500;
export const POLL_BATCH = 500;
/** The due loop looks at the store at least this often (ms). */
export const MAX_TICK_MS = 1_000;
export const REORDER_FLUSH_MS = 250;
export const MAX_EVENT_BYTES = 1024 * 1024;
export const MAX_FIRE_BATCH = 1_000;

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  random: Random;
  /** [0, 1): jitter and injection dice. */
  randomFloat?: RandomFloat;
  bus: EventBus;
  targets: Targets;
  injections: InjectionRepo;
  settings: () => DeliverySettings;
  sender?: Sender;
}

interface Job {
  d: ReadyDelivery;
  plan: InjectionPlan;
  reordered: boolean;
}

export interface Dispatcher extends DispatcherApi {
  /** Starts the due loop (resumes what a previous run left pending). */
  start(): void;
  /** Stops the loop, aborts what is in flight (it runs again after a restart), writes what finished. */
  close(): Promise<void>;
  /** Several events stored in one transaction (bursts); same guarantees as `fire`. */
  fireMany(inputs: FireInput[]): FireResult[];
  /** Look at the store now (after settings change, or a clock jump). */
  poke(): void;
  stats(): { running: number; queued: number; writes: number };
}

export function createDispatcher(o: DispatcherOptions): Dispatcher {
  const randomFloat = o.randomFloat ?? Math.random;
  const iso = () => o.clock.now().toISOString();
  const deliveries = createDeliveriesRepo(o.db);
  const attempts = createAttemptsRepo(o.db);
  const sender = o.sender ?? createSender();
  const abort = new AbortController();
  setMaxListeners(0, abort.signal); // one listener per running delivery
  const cancelRequested = new Set<string>();
  const held = new Map<string, { jobs: Job[]; timer: NodeJS.Timeout }>();
  let heldCount = 0;
  let closing = false;
  let started = false;
  let pollScheduled: NodeJS.Immediate | null = null;
  let tick: NodeJS.Timeout | null = null;

  const writer = createWriter({
    db: o.db,
    attempts,
    deliveries,
    onStored(rows) {
      for (const row of rows) o.bus.emit('attempt.recorded', toSummary(row));
      // In order, a stored outcome is what lets the endpoint's next delivery go.
      if (o.settings().inOrder) schedulePoll();
    },
  });

  const deps = {
    sender,
    targets: o.targets,
    clock: o.clock,
    random: randomFloat,
    uuid: () => o.random.uuid(),
    settings: o.settings,
    signal: abort.signal,
  };

  const queue = createQueue<Job>({
    keyOf: (j) => j.d.webhook_url,
    limits: () => {
      const s = o.settings();
      return { global: s.globalConcurrency, perEndpoint: s.inOrder ? 1 : s.perEndpointConcurrency };
    },
    run: async (job) => {
      const r = await deliverOnce(job.d, job.plan, job.reordered, deps);
      if (!r.outcome) return; // aborted by close: stays claimed, reset to pending on close
      if (cancelRequested.delete(job.d.delivery_id) && r.outcome.status === 'failed') {
        r.outcome.status = 'cancelled';
        r.outcome.next_attempt_at = null;
      }
      writer.push(r);
    },
    // Refill an endpoint's lane only once it has drained to half: each poll then reads
    // many rows at once instead of one row per finished delivery.
    onSettled: (key) => {
      if (queue.load(key) <= laneCap() / 2) schedulePoll();
    },
  });

  const laneCap = () => (o.settings().inOrder ? 1 : PREFETCH_PER_ENDPOINT);

  function injectionFor(d: ReadyDelivery): Injection {
    let own: Injection | null = null;
    if (d.injection_json) {
      try {
        own = JSON.parse(d.injection_json) as Injection;
      } catch {
        own = null;
      }
    }
    return mergeInjection(own, d.webhook_id ? o.injections.get(d.webhook_id) : null, o.settings().injection);
  }

  function hold(job: Job, window: number): void {
    const key = job.d.webhook_url;
    let h = held.get(key);
    if (!h) {
      h = { jobs: [], timer: setTimeout(() => release(key), REORDER_FLUSH_MS) };
      held.set(key, h);
    }
    h.jobs.push(job);
    heldCount++;
    if (h.jobs.length >= window) release(key);
  }

  function release(key: string): void {
    const h = held.get(key);
    if (!h) return;
    clearTimeout(h.timer);
    held.delete(key);
    heldCount -= h.jobs.length;
    const order = shuffle(h.jobs, randomFloat);
    for (const job of order) queue.push({ ...job, reordered: true });
  }

  function enqueue(d: ReadyDelivery): void {
    const plan = planInjection(injectionFor(d), randomFloat);
    const job = { d, plan, reordered: false };
    if (plan.reorderWindow > 1) hold(job, plan.reorderWindow);
    else queue.push(job);
  }

  function poll(): void {
    pollScheduled = null;
    if (closing || !started) return;
    const s = o.settings();
    const cap = laneCap();
    for (let round = 0; round < 20; round++) {
      const room = MAX_IN_MEMORY - (queue.queued + queue.running + heldCount);
      if (room <= 0) break;
      const busy = [...queue.busyKeys(cap), ...(s.inOrder ? held.keys() : [])];
      const rows = deliveries.due(iso(), busy, Math.min(room, POLL_BATCH), s.inOrder);
      if (rows.length === 0) break;
      const load = new Map<string, number>();
      const take: ReadyDelivery[] = [];
      for (const d of rows) {
        const n = load.get(d.webhook_url) ?? queue.load(d.webhook_url);
        if (n >= cap) continue;
        load.set(d.webhook_url, n + 1);
        take.push(d);
      }
      if (take.length === 0) break;
      deliveries.claim(take.map((d) => d.delivery_id));
      for (const d of take) enqueue(d);
      if (rows.length < Math.min(room, POLL_BATCH)) break;
    }
    armTick();
  }

  /**
   * The timer waits for the next retry that is not due yet. Rows already due but not
   * taken are waiting for busy endpoints: a finishing delivery polls for them, and the
   * tick still looks at least every MAX_TICK_MS.
   */
  function armTick(): void {
    if (tick) clearTimeout(tick);
    tick = null;
    if (closing || !started) return;
    const now = o.clock.now();
    const next = deliveries.nextDueAfter(now.toISOString());
    const wait = next ? Date.parse(next) - now.getTime() : MAX_TICK_MS;
    tick = setTimeout(poll, Math.min(MAX_TICK_MS, Math.max(5, wait)));
    tick.unref?.();
  }

  function schedulePoll(): void {
    if (closing || !started || pollScheduled) return;
    pollScheduled = setImmediate(poll);
  }

  function checked(input: FireInput): Buffer {
    const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
    if (body.length > MAX_EVENT_BYTES)
      throw new StudioError('invalid_params', `event body is larger than the limit of ${MAX_EVENT_BYTES} bytes`);
    if (!input.eventType) throw new StudioError('invalid_params', 'eventType is required');
    return body;
  }

  function fire(input: FireInput): FireResult {
    return fireMany([input])[0]!;
  }

  /** Several events in one transaction (a burst): all stored, or none, before it returns. */
  function fireMany(inputs: FireInput[]): FireResult[] {
    if (closing) throw new StudioError('unavailable', 'the dispatcher is shutting down');
    if (inputs.length > MAX_FIRE_BATCH)
      throw new StudioError('invalid_params', `at most ${MAX_FIRE_BATCH} events per batch`);
    const bodies = inputs.map(checked);
    const out = fireBatchTx(inputs, bodies);
    // Taken at once (stored as in_flight in the same transaction): no need to read them back.
    for (const { direct } of out) for (const d of direct) enqueue(d);
    // Those not taken at once wait in the store: a lane that drains to half polls for
    // more, start() polls, the tick looks every MAX_TICK_MS. In order, the loop decides.
    if (o.settings().inOrder) schedulePoll();
    return out.map((o) => o.result);
  }

  const fireBatchTx = o.db.transaction((inputs: FireInput[], bodies: Buffer[]) =>
    inputs.map((input, i) => fireTx(input, bodies[i]!)),
  );

  /** Whether a delivery fired now can go straight to its lane instead of through the due loop. */
  function canTakeNow(url: string): boolean {
    if (!started || closing || o.settings().inOrder) return false;
    if (queue.queued + queue.running + heldCount >= MAX_IN_MEMORY) return false;
    return queue.load(url) < laneCap();
  }

  const fireTx = o.db.transaction((input: FireInput, body: Buffer) => {
    const now = iso();
    if (deliveries.event(input.eventId))
      throw new StudioError('conflict', `an event with id ${input.eventId} was already fired`);
    deliveries.insertEvent({
      event_id: input.eventId,
      project_id: input.projectId,
      agent_id: input.agentId ?? null,
      user_id: input.userId ?? null,
      event_type: input.eventType,
      body,
      source: input.source ?? 'fire',
      created_at: now,
    });
    const injection = input.injection ? JSON.stringify(input.injection) : null;
    const result: FireResult = { eventId: input.eventId, deliveries: [] };
    const direct: ReadyDelivery[] = [];
    for (const w of o.targets.activeFor(input.projectId, input.eventType)) {
      const row = {
        delivery_id: o.random.uuid(),
        event_id: input.eventId,
        webhook_id: w.webhook_id,
        project_id: input.projectId,
        event_type: input.eventType,
        webhook_url: w.webhook_url,
        status: canTakeNow(w.webhook_url) ? ('in_flight' as const) : ('pending' as const),
        next_attempt_at: now,
        injection_json: injection,
        created_at: now,
      };
      deliveries.insertDelivery(row);
      if (row.status === 'in_flight') {
        direct.push({ ...row, seq: 0, attempt_count: 0, last_attempt_id: null, updated_at: now, body });
      }
      result.deliveries.push({ deliveryId: row.delivery_id, webhookId: w.webhook_id, webhookUrl: w.webhook_url });
    }
    return { result, direct };
  });

  function mustGet(id: string) {
    const row = deliveries.get(id);
    if (!row) throw new StudioError('not_found', `no delivery ${id}`);
    return row;
  }

  function retryNow(id: string): void {
    const row = mustGet(id);
    if (row.status === 'succeeded') throw new StudioError('conflict', `delivery ${id} already succeeded`);
    if (row.status === 'in_flight') return; // it is running or about to
    deliveries.setStatus(id, row.attempt_count > 0 ? 'failed' : 'pending', iso(), iso());
    schedulePoll();
  }

  function cancel(id: string): void {
    const row = mustGet(id);
    if (row.status === 'pending' || row.status === 'failed') {
      deliveries.setStatus(id, 'cancelled', null, iso());
      return;
    }
    if (row.status !== 'in_flight') return; // finished already: nothing left to cancel
    let removed = queue.remove((j) => j.d.delivery_id === id).length > 0;
    for (const [key, h] of held) {
      const i = h.jobs.findIndex((j) => j.d.delivery_id === id);
      if (i < 0) continue;
      h.jobs.splice(i, 1);
      heldCount--;
      removed = true;
      if (h.jobs.length === 0) release(key);
    }
    if (removed) deliveries.setStatus(id, 'cancelled', null, iso());
    else cancelRequested.add(id); // running now: its outcome becomes cancelled unless it succeeds
  }

  const isIdle = () => {
    if (queue.running || queue.queued || heldCount || !writer.empty) return false;
    const next = deliveries.nextDueAt();
    return !next || next > iso();
  };

  return {
    fire,
    fireMany,
    replay: (input) =>
      replayAttempt(input, {
        ...deps,
        attempts,
        write: (row) => {
          const stored = { ...row, seq: attempts.insert(row) };
          o.bus.emit('attempt.recorded', toSummary(stored));
          return stored;
        },
      }),
    retryNow,
    cancel,
    async idle() {
      while (!closing && !isIdle()) {
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    start() {
      if (started) return;
      started = true;
      deliveries.resetInFlight();
      poll();
    },
    poke: () => schedulePoll(),
    stats: () => ({ running: queue.running, queued: queue.queued, writes: writer.writes }),
    async close() {
      if (closing) return;
      closing = true;
      if (tick) clearTimeout(tick);
      if (pollScheduled) clearImmediate(pollScheduled);
      for (const h of held.values()) clearTimeout(h.timer);
      abort.abort();
      while (queue.running > 0) await new Promise((r) => setTimeout(r, 5));
      writer.flush();
      deliveries.resetInFlight();
      if (!o.sender) sender.close();
    },
  };
}
