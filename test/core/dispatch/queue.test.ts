import { describe, expect, it } from 'vitest';
import { createQueue, originOf, type JobSignal } from '../../../src/core/dispatch/queue';

interface Job {
  url: string;
  n: number;
}

/** A queue whose jobs finish when the test says, with the signal the test gives. */
function harness(limits = { global: 64, perUrl: 8, perOrigin: 8 }) {
  let t = 0;
  const pending = new Map<Job, (s: JobSignal) => void>();
  const q = createQueue<Job>({
    keyOf: (j) => j.url,
    limits: () => limits,
    now: () => t,
    run: (job) => new Promise<JobSignal>((resolve) => pending.set(job, resolve)),
  });
  const runningAt = (origin: string) => [...pending.keys()].filter((j) => originOf(j.url) === origin).length;
  async function finish(pred: (j: Job) => boolean, signal: JobSignal) {
    for (const [job, resolve] of [...pending]) {
      if (!pred(job)) continue;
      pending.delete(job);
      resolve(signal);
    }
    await new Promise((r) => setImmediate(r));
  }
  return { q, runningAt, finish, advance: (ms: number) => (t += ms) };
}

describe('the fair queue', () => {
  it('shares one origin’s slots among its URLs', () => {
    const h = harness();
    for (let i = 0; i < 40; i++) h.q.push({ url: `http://127.0.0.1:9000/route${i % 5}`, n: i });
    expect(h.runningAt('http://127.0.0.1:9000')).toBe(8);
    for (let i = 0; i < 10; i++) h.q.push({ url: `http://127.0.0.1:9001/x`, n: i });
    expect(h.runningAt('http://127.0.0.1:9001')).toBe(8);
  });

  it('halves an origin’s slots per consecutive timeout, down to 1, and gives them back once it answers', async () => {
    const h = harness();
    const hang = 'http://127.0.0.1:9000';
    for (let i = 0; i < 100; i++) h.q.push({ url: `${hang}/hook`, n: i });
    expect(h.runningAt(hang)).toBe(8);
    await h.finish(() => true, 'timeout'); // 8 timeouts in a row
    expect(h.runningAt(hang)).toBe(1);
    await h.finish(() => true, 'timeout');
    expect(h.runningAt(hang)).toBe(1);
    await h.finish(() => true, 'answered');
    expect(h.runningAt(hang)).toBe(8);
    await h.finish((j) => j.n % 2 === 0, 'timeout');
    expect(h.runningAt(hang)).toBeLessThan(8);
  });

  it('counts only young requests against the global limit: hanging ones are moved apart after 50 ms', () => {
    const h = harness({ global: 4, perUrl: 2, perOrigin: 2 });
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) h.q.push({ url: `http://127.0.0.1:${9000 + i}/h`, n: j });
    expect(h.q.running).toBe(4); // the global limit, at first
    h.q.push({ url: 'http://127.0.0.1:8000/healthy', n: 0 });
    expect(h.runningAt('http://127.0.0.1:8000')).toBe(0);
    h.advance(50);
    h.q.pump();
    expect(h.q.slow).toBe(4);
    expect(h.runningAt('http://127.0.0.1:8000')).toBe(1);
    expect(h.q.running).toBe(8); // 2 more of each hanging origin's share, and the healthy one
  });
});
