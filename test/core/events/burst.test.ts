import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BURST_SLICE_MS, startBurst } from '../../../src/core/events/burst';
import { systemTimers } from '../../../src/core/events/timers';
import type { BurstProgress } from '../../../src/shared/contract/events';
import { createHarness, type Harness } from './harness';

const clock = { now: () => new Date() };

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

function burst(count: number, rate: number, fireOne = () => ({ deliveries: 1 })) {
  const seen: BurstProgress[] = [];
  const fired: number[] = [];
  const handle = startBurst({
    burstId: 'b1',
    eventType: 'agent.message',
    count,
    rate,
    clock,
    timers: systemTimers,
    fireOne: (i) => {
      fired.push(i);
      return fireOne();
    },
    onProgress: (p) => seen.push(p),
  });
  return { handle, seen, fired };
}

describe('burst', () => {
  it('fires N at rate R, paced by the clock, reporting progress at least 4 times a second', async () => {
    const { handle, seen, fired } = burst(20, 10);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fired.length).toBeGreaterThanOrEqual(10);
    expect(fired.length).toBeLessThanOrEqual(11);
    await vi.advanceTimersByTimeAsync(1500);
    const final = await handle.done;
    expect(final).toMatchObject({ state: 'done', fired: 20, total: 20, deliveries: 20 });
    expect(fired).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // Progress timestamps (elapsedMs) never leave a gap above 250 ms while running.
    const times = seen.map((p) => p.elapsedMs);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeLessThanOrEqual(250);
    expect(seen.at(-1)!.state).toBe('done');
    expect(seen.filter((p) => p.state === 'done')).toHaveLength(1);
  });

  it('keeps reporting while a slow burst waits between events', async () => {
    const { seen, handle } = burst(3, 0.5);
    await vi.advanceTimersByTimeAsync(2000);
    const during = seen.filter((p) => p.elapsedMs <= 2000);
    expect(during.length).toBeGreaterThanOrEqual(8);
    handle.cancel();
  });

  it('cancel stops before the next event and reports cancelled once', async () => {
    const { handle, seen, fired } = burst(100, 10);
    await vi.advanceTimersByTimeAsync(500);
    const before = fired.length;
    handle.cancel();
    await vi.advanceTimersByTimeAsync(5000);
    expect(fired.length).toBe(before);
    expect(await handle.done).toMatchObject({ state: 'cancelled', fired: before });
    expect(seen.filter((p) => p.state !== 'running')).toHaveLength(1);
  });

  it('without a rate fires in chunks, yielding between them', async () => {
    const { handle, fired } = burst(1000, 0);
    expect(fired.length).toBe(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(fired.length).toBe(250);
    await vi.advanceTimersByTimeAsync(10);
    expect((await handle.done).state).toBe('done');
    expect(fired.length).toBe(1000);
  });

  it('stops and says why when firing fails', async () => {
    let n = 0;
    const { handle } = burst(10, 0, () => {
      if (++n === 4) throw new Error('disk full');
      return { deliveries: 0 };
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(await handle.done).toMatchObject({ state: 'failed', fired: 3, error: 'disk full' });
  });
});

describe('burst in groups (fireMany: one transaction per group)', () => {
  it('fires every index once, in order, in groups, and counts only groups that went through', async () => {
    const groups: number[][] = [];
    let failAt = -1;
    const seen: BurstProgress[] = [];
    const handle = startBurst({
      burstId: 'b2',
      eventType: 'agent.message',
      count: 600,
      clock,
      timers: systemTimers,
      fireOne: () => {
        throw new Error('fireOne is not used when fireMany is given');
      },
      fireMany: (indices) => {
        if (indices.includes(failAt)) throw new Error('disk full');
        groups.push(indices);
        return indices.map((i) => ({ eventId: `e${i}`, deliveries: 2 }));
      },
      reportIds: true,
      onProgress: (p) => seen.push(p),
    });
    await vi.advanceTimersByTimeAsync(100);
    const final = await handle.done;
    expect(final).toMatchObject({ state: 'done', fired: 600, deliveries: 1200 });
    expect(groups.flat()).toEqual(Array.from({ length: 600 }, (_, i) => i));
    expect(groups.length).toBeGreaterThan(1); // in groups, not one by one nor all at once
    expect(Math.max(...groups.map((g) => g.length))).toBeLessThanOrEqual(250);
    expect(seen.flatMap((p) => p.eventIds ?? [])).toHaveLength(600);

    // A group that throws is not counted: the burst stops with what was stored before it.
    groups.length = 0;
    failAt = 30;
    const failing = startBurst({
      burstId: 'b3',
      eventType: 'agent.message',
      count: 100,
      clock,
      timers: systemTimers,
      fireOne: () => ({ deliveries: 1 }),
      fireMany: (indices) => {
        if (indices.includes(failAt)) throw new Error('disk full');
        groups.push(indices);
        return indices.map(() => ({ deliveries: 1 }));
      },
      onProgress: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(100);
    const stopped = await failing.done;
    expect(stopped.state).toBe('failed');
    expect(stopped.fired).toBe(groups.flat().length);
    expect(stopped.fired).toBeLessThanOrEqual(30);
  });
});

describe('a burst stays within its slices', () => {
  it('never runs a turn of the event loop much past BURST_SLICE_MS, however its groups fall', async () => {
    // A studio clock that only firing moves: 0.13 ms per event and 1 ms per transaction.
    let ms = Date.parse('2026-03-01T00:00:00Z');
    const slow = { now: () => new Date(ms) };
    const turns: number[] = [0];
    const timers = {
      setTimeout: (fn: () => void, wait: number) => {
        turns.push(0); // every turn of the burst ends by asking for the next one
        return setTimeout(fn, wait);
      },
      clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    const handle = startBurst({
      burstId: 'b4',
      eventType: 'agent.message',
      count: 3000,
      clock: slow,
      timers,
      fireOne: () => ({ deliveries: 1 }),
      fireMany: (indices) => {
        const cost = 1 + indices.length * 0.13;
        ms += cost;
        turns[turns.length - 1] += cost;
        return indices.map(() => ({ deliveries: 1 }));
      },
      onProgress: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect((await handle.done).fired).toBe(3000);
    const busy = turns.filter((t) => t > 0);
    // Before, a group started just inside a slice ran a whole slice more: turns of up to 2 × 20 ms.
    expect(Math.max(...busy)).toBeLessThanOrEqual(BURST_SLICE_MS * 1.25);
    // …and the slices are used: most turns fire most of a slice's worth.
    expect(busy.filter((t) => t >= BURST_SLICE_MS * 0.7).length).toBeGreaterThan(busy.length * 0.8);
  });
});

describe('burst over the contract', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('starts, streams burst.progress, varies the data per event, and can be cancelled', async () => {
    h = createHarness({ clock });
    h.registerWebhook('agent.memory_added');
    const { burstId, total } = await h.call('events.burst.start', {
      eventType: 'agent.memory_added',
      count: 50,
      rate: 20,
    });
    expect(total).toBe(50);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.fired.length).toBeGreaterThanOrEqual(20);
    expect(await h.call('events.burst.cancel', { burstId })).toEqual({ cancelled: true });
    await vi.advanceTimersByTimeAsync(2000);
    const progress = h.events.filter((e) => e.event === 'burst.progress').map((e) => e.payload as BurstProgress);
    expect(progress.at(-1)).toMatchObject({
      burstId,
      state: 'cancelled',
      fired: h.fired.length,
      deliveries: h.fired.length,
    });
    expect(h.fired.length).toBeLessThan(50);
    expect(new Set(h.fired.map((f) => f.eventId)).size).toBe(h.fired.length);
    expect(new Set(h.fired.map((f) => JSON.stringify(JSON.parse(f.bodyText).data))).size).toBeGreaterThan(5);
    expect(h.fired.every((f) => f.source === 'burst')).toBe(true);
    expect(await h.call('events.burst.cancel', { burstId })).toEqual({ cancelled: false });
  });

  it('validates count and rate bounds and fails fast on a bad type', async () => {
    h = createHarness({ clock });
    await expect(h.call('events.burst.start', { eventType: 'agent.message', count: 0 })).rejects.toMatchObject({
      code: 'invalid_params',
    });
    await expect(h.call('events.burst.start', { eventType: 'agent.message', count: 200_000 })).rejects.toMatchObject({
      code: 'invalid_params',
    });
    await expect(h.call('events.burst.start', { eventType: 'nope', count: 5 })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
