import { describe, expect, it } from 'vitest';
import { parseStopWith, watchLaunchers } from '../../src/core/stop-with-launchers';

describe('stop with the launchers', () => {
  it('parses the chain, ignoring init and junk', () => {
    expect(parseStopWith('123, 456,,1,x,0')).toEqual([123, 456]);
    expect(parseStopWith(undefined)).toEqual([]);
  });

  it('calls back once when one of the launchers is gone', async () => {
    const alive = new Set([10, 11]);
    const gone: number[] = [];
    const stop = watchLaunchers([10, 11], (pid) => gone.push(pid), { everyMs: 5, isAlive: (p) => alive.has(p) });
    await new Promise((r) => setTimeout(r, 30));
    expect(gone).toEqual([]);
    alive.delete(11);
    await new Promise((r) => setTimeout(r, 30));
    alive.delete(10);
    await new Promise((r) => setTimeout(r, 30));
    expect(gone).toEqual([11]);
    stop();
  });
});
