import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/shared/duration';

describe('durations', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    [' 2H ', 7_200_000],
  ])('%s is %i ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms });
  });

  it.each(['', '2', 'h', 'two hours', '-1h', '0s', '2y', '1h 30m'])('refuses %j with a reason', (text) => {
    const r = parseDuration(text);
    expect(r).toMatchObject({ ok: false, code: text === '0s' ? 'zero' : 'invalid' });
  });

  it('refuses more than a year, saying so', () => {
    expect(parseDuration('53w')).toEqual({
      ok: false,
      code: 'too_long',
      error: '"53w" is more than the limit of one year',
    });
  });

  it('formats the clock offset for people', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(93_784_000)).toBe('1d 2h 3m');
    expect(formatDuration(5_000)).toBe('5s');
  });
});
