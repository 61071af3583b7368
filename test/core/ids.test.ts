import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../src/core/ids';
import { systemRandom } from '../../src/core/deps';

describe('time-ordered ids', () => {
  it('are UUIDv7-shaped and sort by time', () => {
    const a = timeOrderedId(new Date(1_700_000_000_000), systemRandom);
    const b = timeOrderedId(new Date(1_700_000_000_001), systemRandom);
    const c = timeOrderedId(new Date(1_800_000_000_000), systemRandom);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.slice(0, 13)).toBe('018bcfe5-6800');
    expect([c, b, a].sort()).toEqual([a, b, c]);
  });

  it('take their random part from the injected source', () => {
    const fixed = { uuid: () => '0123456789abcdef0123456789abcdef', token: () => '' };
    expect(timeOrderedId(new Date(0), fixed)).toBe('00000000-0000-7def-8123-456789abcdef');
  });
});
