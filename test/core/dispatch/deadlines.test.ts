import { describe, expect, it } from 'vitest';
import { createDeadlines, type DeadlineTimers } from '../../../src/core/dispatch/deadlines';

/** A clock and a timer queue moved by hand. */
function manual() {
  let t = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: DeadlineTimers = {
    setTimeout(fn, ms) {
      pending.set(++seq, { at: t + ms, fn });
      return seq;
    },
    clearTimeout(h) {
      pending.delete(h as number);
    },
  };
  return {
    now: () => t,
    timers,
    armed: () => pending.size,
    /** Moves the clock to `to`, running the timers due on the way, in order. */
    advance(to: number) {
      for (;;) {
        const next = [...pending].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > to) break;
        pending.delete(next[0]);
        t = next[1].at;
        next[1].fn();
      }
      t = to;
    },
  };
}

describe('deadlines: one timer for every request in flight', () => {
  it('expires a request when its time is up, not before', () => {
    const m = manual();
    const d = createDeadlines(m.now, m.timers);
    const expired: string[] = [];
    d.watch(100, () => expired.push('a'));
    m.advance(99);
    expect(expired).toEqual([]);
    m.advance(100);
    expect(expired).toEqual(['a']);
    expect(d.size).toBe(0);
  });

  it('keeps one timer for many requests and expires each at its own time', () => {
    const m = manual();
    const d = createDeadlines(m.now, m.timers);
    const expired: string[] = [];
    d.watch(100, () => expired.push('a'));
    m.advance(10);
    d.watch(100, () => expired.push('b'));
    m.advance(20);
    d.watch(50, () => expired.push('c')); // shorter: due first, at 70
    expect(m.armed()).toBe(1);
    m.advance(70);
    expect(expired).toEqual(['c']);
    m.advance(100);
    expect(expired).toEqual(['c', 'a']);
    m.advance(110);
    expect(expired).toEqual(['c', 'a', 'b']);
    expect(m.armed()).toBe(0);
  });

  it('never expires a request that finished, and drops the timer when none is left', () => {
    const m = manual();
    const d = createDeadlines(m.now, m.timers);
    const expired: string[] = [];
    const stopA = d.watch(100, () => expired.push('a'));
    const stopB = d.watch(100, () => expired.push('b'));
    stopA();
    stopA(); // twice is harmless
    expect(d.size).toBe(1);
    expect(m.armed()).toBe(1);
    stopB();
    expect(d.size).toBe(0);
    expect(m.armed()).toBe(0);
    m.advance(1_000);
    expect(expired).toEqual([]);
  });

  it('looks again later when its timer fires before the first deadline (the first one finished)', () => {
    const m = manual();
    const d = createDeadlines(m.now, m.timers);
    const expired: string[] = [];
    const stopA = d.watch(100, () => expired.push('a'));
    m.advance(50);
    d.watch(100, () => expired.push('b')); // due at 150
    stopA();
    m.advance(149);
    expect(expired).toEqual([]);
    m.advance(150);
    expect(expired).toEqual(['b']);
  });

  it('a request finished by its own expiry (destroy → error → stop) is not counted twice', () => {
    const m = manual();
    const d = createDeadlines(m.now, m.timers);
    let stop: () => void = () => {};
    stop = d.watch(10, () => stop());
    d.watch(20, () => {});
    m.advance(10);
    expect(d.size).toBe(1);
    m.advance(20);
    expect(d.size).toBe(0);
  });

  it('clear drops every deadline', () => {
    const m = manual();
    const d = createDeadlines(m.now, m.timers);
    const expired: string[] = [];
    const stop = d.watch(100, () => expired.push('a'));
    d.clear();
    stop();
    expect(d.size).toBe(0);
    expect(m.armed()).toBe(0);
    m.advance(1_000);
    expect(expired).toEqual([]);
  });
});
