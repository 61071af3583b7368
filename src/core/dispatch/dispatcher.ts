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
import { createFire } from './fire';
import type { DeliveryProfiles } from './profile';
import { timeOrderedId } from '../ids';
import { createQueue, type JobSignal } from './queue';
import { storageHealthFor } from '../store/storage-health';
import { createReorderBuffer } from './reorder';
import { replayAttempt } from './replay';
import type { RandomFloat } from './schedule';
import { createSender, type Sender } from './send';
import type { Targets } from './targets';
import { createWriter } from './writer';

/** Limits of the in-memory side: everything else waits in SQLite. */
export const MAX_IN_MEMORY = 10_000;
export const PREFETCH_PER_ENDPOINT = 2_000;
export const POLL_BATCH = 500;
/** The due loop looks at the store at least this often (ms). */
export const MAX_TICK_MS = 1_000;

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  /** Real time for `Sonzai-Signature: t=` (a handler rejects t more than 300 s from its clock); default `clock`. */
  signingClock?: Clock;
  random: Random;
  /** [0, 1): jitter and injection dice. */
  randomFloat?: RandomFloat;
  bus: EventBus;
  targets: Targets;
  injections: InjectionRepo;
  settings: () => DeliverySettings;
  sender?: Sender;
  /** Platforms other than Sonzai (`profile.ts`). */
  profiles?: DeliveryProfiles;
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
  fireMany(inputs: FireInput[], alongside?: () => void): FireResult[];
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
  setMaxListeners(0, abort.signal); // one listener per delivery waiting out an injected latency
  const cancelRequested = new Set<string>();
  let closing = false;
  let started = false;
  let pollScheduled: NodeJS.Immediate | null = null;
  let tick: NodeJS.Timeout | null = null;
  let tickAt = Infinity; // clock time (ms) the timer fires at

  const health = storageHealthFor(o.db);
  const writer = createWriter({
    db: o.db,
    attempts,
    deliveries,
    onStored(rows, outcomes) {
      health.succeeded(); // a write that needed room went through: a full disk is over
      // Announced to whoever follows attempts (the UI); nobody (a CLI burst alone): not built.
      if (o.bus.wants('attempt.recorded')) for (const row of rows) o.bus.emit('attempt.recorded', toSummary(row));
      // In order, a stored outcome is what lets the endpoint's next delivery go.
      if (o.settings().inOrder) schedulePoll();
      // A retry due before the timer fires moves the timer earlier.
      const soonest = Math.min(...outcomes.map((x) => (x.next_attempt_at ? Date.parse(x.next_attempt_at) : Infinity)));
      if (soonest < tickAt) armTick();
    },
    onTrouble(err) {
      if (err) health.failed(err);
      else health.succeeded();
      console.error(
        err
          ? `webhook-studio: cannot store delivery results (${err.message}); they are kept in memory and stored when the disk takes them again — nothing is sent twice`
          : 'webhook-studio: delivery results are being stored again',
      );
    },
  });

  const deps = {
    sender,
    targets: o.targets,
    clock: o.clock,
    signingClock: o.signingClock ?? o.clock,
    random: randomFloat,
    uuid: () => timeOrderedId(o.clock.now(), o.random),
    settings: o.settings,
    signal: abort.signal,
    profiles: o.profiles,
  };

  const queue = createQueue<Job>({
    keyOf: (j) => j.d.webhook_url,
    limits: () => {
      const s = o.settings();
      return {
        global: s.globalConcurrency,
        perUrl: s.inOrder ? 1 : s.perEndpointConcurrency,
        perOrigin: s.perEndpointConcurrency,
      };
    },
    run: async (job) => {
      const r = await deliverOnce(job.d, job.plan, job.reordered, deps);
      if (!r.outcome) return; // aborted by close: stays claimed, reset to pending on close
      const first = r.attempts[0];
      const signal: JobSignal =
        first && first.response_code > 0
          ? 'answered'
          : first?.error_message?.startsWith('timeout:')
            ? 'timeout'
            : undefined;
      if (cancelRequested.delete(job.d.delivery_id) && r.outcome.status === 'failed') {
        r.outcome.status = 'cancelled';
        r.outcome.next_attempt_at = null;
      }
      writer.push(r);
      return signal;
    },
    // Refill an endpoint's lane only once it has drained to half: each poll then reads
    // many rows at once instead of one row per finished delivery.
    onSettled: (key) => {
      if (queue.load(key) <= laneCap() / 2) schedulePoll();
    },
  });

  const held = createReorderBuffer<Job>({
    keyOf: (j) => j.d.webhook_url,
    shuffle: (jobs) => shuffle(jobs, randomFloat),
    release: (jobs) => {
      for (const job of jobs) queue.push({ ...job, reordered: true });
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

  function enqueue(d: ReadyDelivery): void {
    const plan = planInjection(injectionFor(d), randomFloat);
    const job = { d, plan, reordered: false };
    if (plan.reorderWindow > 1) held.hold(job, plan.reorderWindow);
    else queue.push(job);
  }

  function poll(): void {
    pollScheduled = null;
    if (closing || !started) return;
    const s = o.settings();
    const cap = laneCap();
    const polledAt = o.clock.now();
    const nowIso = polledAt.toISOString();
    for (let round = 0; round < 20; round++) {
      const room = MAX_IN_MEMORY - (queue.queued + queue.running + held.count);
      if (room <= 0) break;
      const busy = [...queue.busyKeys(cap), ...(s.inOrder ? held.keys() : [])];
      const rows = deliveries.due(nowIso, busy, Math.min(room, POLL_BATCH), s.inOrder);
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
    armTick(polledAt);
  }

  /**
   * The timer waits for the next retry that is not due yet. Rows already due but not
   * taken are waiting for busy endpoints: a finishing delivery polls for them, and the
   * tick still looks at least every MAX_TICK_MS.
   */
  function armTick(polledAt?: Date): void {
    if (tick) clearTimeout(tick);
    tick = null;
    if (closing || !started) return;
    // After a poll: anything not due at the poll's own time is still ahead (a timer can
    // fire a millisecond early), so that time is the boundary.
    const now = polledAt ?? o.clock.now();
    const next = deliveries.nextDueAfter(now.toISOString());
    const wait = next ? Date.parse(next) - now.getTime() : MAX_TICK_MS;
    const delay = Math.min(MAX_TICK_MS, Math.max(5, wait));
    tickAt = o.clock.now().getTime() + delay;
    tick = setTimeout(poll, delay);
    tick.unref?.();
  }

  function schedulePoll(): void {
    if (closing || !started || pollScheduled) return;
    pollScheduled = setImmediate(poll);
  }

  /** Several events in one transaction (a burst): all stored, or none, before it returns. */
  function fireMany(inputs: FireInput[], alongside?: () => void): FireResult[] {
    if (closing) throw new StudioError('unavailable', 'the dispatcher is shutting down');
    const { results, direct } = storeFired(inputs, alongside);
    // Taken at once (stored as in_flight in the same transaction): no need to read them back.
    for (const d of direct) enqueue(d);
    // Those not taken at once wait in the store: a lane that drains to half polls for
    // more, start() polls, the tick looks every MAX_TICK_MS. In order, the loop decides.
    if (o.settings().inOrder) schedulePoll();
    return results;
  }

  const storeFired = createFire({
    db: o.db,
    deliveries,
    targets: o.targets,
    newId: () => timeOrderedId(o.clock.now(), o.random),
    now: iso,
    room(url, takenSoFar) {
      if (!started || closing || o.settings().inOrder) return false;
      if (queue.queued + queue.running + held.count + takenSoFar >= MAX_IN_MEMORY) return false;
      return queue.load(url) + takenSoFar < laneCap();
    },
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
    deliveries.setStatus(id, row.attempt_count > 0 ? 'failed' : 'pending', iso());
    schedulePoll();
  }

  function cancel(id: string): void {
    const row = mustGet(id);
    if (row.status === 'pending' || row.status === 'failed') {
      deliveries.setStatus(id, 'cancelled', null);
      return;
    }
    if (row.status !== 'in_flight') return; // finished already: nothing left to cancel
    const removed =
      queue.remove((j) => j.d.delivery_id === id).length > 0 || held.remove((j) => j.d.delivery_id === id);
    if (removed) deliveries.setStatus(id, 'cancelled', null);
    else cancelRequested.add(id); // running now: its outcome becomes cancelled unless it succeeds
  }

  const isIdle = () => {
    if (queue.running || queue.queued || held.count || !writer.empty) return false;
    const next = deliveries.nextDueAt();
    return !next || next > iso();
  };

  return {
    fire: (input) => fireMany([input])[0]!,
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
    poke: () => {
      queue.pump(); // limits may have grown
      schedulePoll();
    },
    stats: () => ({ running: queue.running, queued: queue.queued, writes: writer.writes }),
    async close() {
      if (closing) return;
      closing = true;
      if (tick) clearTimeout(tick);
      if (pollScheduled) clearImmediate(pollScheduled);
      held.clear();
      abort.abort();
      queue.remove(() => true); // not started: they stay claimed and are reset below
      queue.close();
      while (queue.running > 0) await new Promise((r) => setTimeout(r, 5));
      writer.flush();
      try {
        deliveries.resetInFlight();
      } catch {
        /* a full disk: in-flight rows are reset on the next start */
      }
      if (!o.sender) sender.close();
    },
  };
}
