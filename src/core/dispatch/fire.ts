import { StudioError } from '../../shared/errors';
import type { Db } from '../store/open';
import type { DeliveriesRepo, ReadyDelivery } from './deliveries-repo';
import type { FireInput, FireResult } from './dispatcher-api';
import type { Targets } from './targets';

export const MAX_EVENT_BYTES = 1024 * 1024;
export const MAX_FIRE_BATCH = 1_000;

export interface FiredBatch {
  results: FireResult[];
  /** Stored as in_flight: the caller puts them straight into their lanes. */
  direct: ReadyDelivery[];
}

function checked(input: FireInput): Buffer {
  const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
  if (body.length > MAX_EVENT_BYTES)
    throw new StudioError('invalid_params', `event body is larger than the limit of ${MAX_EVENT_BYTES} bytes`);
  if (!input.eventType) throw new StudioError('invalid_params', 'eventType is required');
  if (!input.eventId) throw new StudioError('invalid_params', 'eventId is required');
  return body;
}

/**
 * Stores fired events and one delivery per active webhook, all in one transaction that
 * has committed when it returns. `room(url, takenSoFar)` says whether a delivery can be
 * taken at once by the running dispatcher (stored in_flight) or waits as pending.
 */
export function createFire(opts: {
  db: Db;
  deliveries: DeliveriesRepo;
  targets: Targets;
  /** A new delivery id. */
  newId: () => string;
  now: () => string;
  room: (url: string, takenSoFar: number) => boolean;
}) {
  const { deliveries } = opts;
  /** The UNIQUE constraint on event_id says "already fired" (no read before each insert). */
  const insertEventOnce = (e: Parameters<DeliveriesRepo['insertEvent']>[0]) => {
    try {
      deliveries.insertEvent(e);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw new StudioError('conflict', `an event with id ${e.event_id} was already fired`);
      throw err;
    }
  };
  /** Nested in `tx`: a savepoint, so a failing `alongside` undoes its own writes and nothing else. */
  const savepoint = opts.db.transaction((run: () => void) => run());
  const tx = opts.db.transaction((inputs: FireInput[], bodies: Buffer[], alongside?: () => void): FiredBatch => {
    const now = opts.now();
    const taken = new Map<string, number>();
    // One read of the targets per (project, event type) in a batch.
    const targets = new Map<string, ReturnType<Targets['activeFor']>>();
    const batch: FiredBatch = { results: [], direct: [] };
    inputs.forEach((input, i) => {
      const body = bodies[i]!;
      insertEventOnce({
        event_id: input.eventId,
        project_id: input.projectId,
        agent_id: input.agentId ?? null,
        user_id: input.userId ?? null,
        event_type: input.eventType,
        body,
        source: input.source ?? 'fire',
        created_at: now,
        platform: input.platform ?? 'sonzai',
      });
      const injection = input.injection ? JSON.stringify(input.injection) : null;
      const result: FireResult = { eventId: input.eventId, deliveries: [] };
      const key = `${input.projectId}\u0000${input.eventType}`;
      let hooks = input.targets?.map((t) => ({ webhook_id: t.webhookId, webhook_url: t.url })) ?? targets.get(key);
      if (!hooks) targets.set(key, (hooks = opts.targets.activeFor(input.projectId, input.eventType)));
      for (const w of hooks) {
        const n = taken.get(w.webhook_url) ?? 0;
        const direct = opts.room(w.webhook_url, n);
        const row = {
          delivery_id: opts.newId(),
          event_id: input.eventId,
          webhook_id: w.webhook_id,
          project_id: input.projectId,
          event_type: input.eventType,
          webhook_url: w.webhook_url,
          status: direct ? ('in_flight' as const) : ('pending' as const),
          next_attempt_at: now,
          injection_json: injection,
          created_at: now,
          platform: input.platform ?? 'sonzai',
        };
        deliveries.insertDelivery(row);
        if (direct) {
          taken.set(w.webhook_url, n + 1);
          batch.direct.push({ ...row, seq: 0, attempt_count: 0, body });
        }
        result.deliveries.push({
          deliveryId: row.delivery_id,
          webhookId: w.webhook_id ?? '',
          webhookUrl: w.webhook_url,
        });
      }
      batch.results.push(result);
    });
    if (alongside) {
      try {
        savepoint(alongside);
      } catch (err) {
        // Best effort, unless SQLite gave up the whole transaction (a full disk can): then nothing is stored.
        if (!opts.db.inTransaction) throw err;
      }
    }
    return batch;
  });

  /** `alongside`: writes that share the transaction, after the events (see `DispatcherApi.fireMany`). */
  return (inputs: FireInput[], alongside?: () => void): FiredBatch => {
    if (inputs.length > MAX_FIRE_BATCH)
      throw new StudioError('invalid_params', `at most ${MAX_FIRE_BATCH} events per batch`);
    return tx(inputs, inputs.map(checked), alongside);
  };
}
