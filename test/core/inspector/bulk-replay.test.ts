import { describe, expect, it } from 'vitest';
import { createBulkReplayer, failedDeliveryTargets } from '../../../src/core/inspector/bulk-replay';
import type { BulkReplayProgress } from '../../../src/shared/contract/inspector';
import { recordingDispatcher, seedAttempts, seededDb } from '../../helpers/seed-attempts';

const clock = { now: () => new Date('2026-01-01T00:00:00Z') };
const random = { uuid: () => 'u', token: () => 'tok' };

function world() {
  const db = seededDb();
  seedAttempts(db, [
    // delivery A: failed twice, never succeeded → replay its latest attempt
    { attemptId: 'a1', deliveryId: 'A', status: 'failed', eventType: 'agent.message' },
    { attemptId: 'a2', deliveryId: 'A', status: 'failed', eventType: 'agent.message', kind: 'retry' },
    // delivery B: failed then succeeded on retry → nothing to replay
    { attemptId: 'b1', deliveryId: 'B', status: 'failed', eventType: 'agent.message' },
    { attemptId: 'b2', deliveryId: 'B', status: 'success', eventType: 'agent.message', kind: 'retry' },
    // delivery C: another event type
    { attemptId: 'c1', deliveryId: 'C', status: 'failed', eventType: 'agent.wakeup' },
    // delivery D: failed, fixed by an earlier replay
    { attemptId: 'd1', deliveryId: 'D', status: 'failed', eventType: 'agent.message' },
    { attemptId: 'd1r', deliveryId: null, status: 'success', kind: 'replay', replayOf: 'd1' },
    ...Array.from({ length: 10 }, (_, i) => ({
      attemptId: `e${i}`,
      deliveryId: `E${i}`,
      status: 'failed' as const,
      eventType: 'agent.mood_change',
    })),
  ]);
  return db;
}

describe('bulk replay', () => {
  it('targets the latest attempt of every failed delivery in the filter, once', () => {
    const db = world();
    expect(failedDeliveryTargets(db, { eventType: 'agent.message' })).toEqual(['a2']);
    expect(failedDeliveryTargets(db, {})).toHaveLength(12);
  });

  it('replays each one, reports progress and ends with a summary', async () => {
    const db = world();
    const { api, calls } = recordingDispatcher(db, (input) =>
      input.attemptId === 'e3' ? new Error('webhook deleted') : input.attemptId === 'e4' ? 'failed' : 'success',
    );
    const events: BulkReplayProgress[] = [];
    const bulk = createBulkReplayer({ db, dispatcher: api, clock, random, emit: (p) => events.push(p) });
    const first = bulk.start({ eventType: 'agent.mood_change' });
    expect(first).toMatchObject({ state: 'running', total: 10, done: 0 });
    const end = await bulk.wait(first.jobId);
    expect(end).toMatchObject({ state: 'done', total: 10, done: 10, succeeded: 8, failed: 1, errors: 1 });
    expect(end.lastErrors).toEqual(['e3: webhook deleted']);
    expect(calls.map((c) => c.attemptId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `e${i}`).sort());
    expect(events.map((e) => e.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]);
    expect(events.at(-1)?.state).toBe('done');
    // Deliveries fixed by the replay are not offered again; the one whose replay failed
    // is offered through its newest attempt, and the one that errored as before.
    const again = failedDeliveryTargets(db, { eventType: 'agent.mood_change' });
    expect(again).toHaveLength(2);
    expect(again).toContain('e3');
    expect(again.find((id) => id !== 'e3')).toMatch(/^rpl_\d+_e4$/);
  });

  it('stops when cancelled and says so in the summary', async () => {
    const db = world();
    const { api, calls } = recordingDispatcher(db);
    const bulk = createBulkReplayer({
      db,
      dispatcher: api,
      clock,
      random,
      emit: (p) => {
        if (p.done === 2 && p.state === 'running') bulk.cancel(p.jobId);
      },
    });
    const job = bulk.start({ eventType: 'agent.mood_change' });
    const end = await bulk.wait(job.jobId);
    expect(end.state).toBe('cancelled');
    expect(end.done).toBeLessThan(10);
    expect(calls.length).toBe(end.done);
    expect(() => bulk.cancel('bulk_nope')).toThrow(/no bulk replay/);
  });
});
