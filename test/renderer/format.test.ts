import { afterEach, describe, expect, it } from 'vitest';
import {
  axisTime,
  clockTime,
  count,
  dateTime,
  duration,
  list,
  relativeTime,
  setFormatLocale,
} from '../../src/renderer/src/format';
import { timeLabel } from '../../src/renderer/src/features/deliveries/match';

const AT = '2026-12-04T14:03:07.412Z';
afterEach(() => setFormatLocale(undefined));

describe('one format per kind, in the UI’s locale', () => {
  it('formats moments and counts through Intl in en, ja and zh', () => {
    const cases: [string, string, string][] = [
      ['en-US', '14:03:07.412', 'Dec 4, 2026, 14:03:07'],
      ['ja-JP', '14:03:07.412', '2026年12月4日 14:03:07'],
      ['zh-CN', '14:03:07.412', '2026年12月4日 14:03:07'],
    ];
    for (const [locale, clock, full] of cases) {
      setFormatLocale(locale, 'UTC');
      expect(clockTime(AT), locale).toBe(clock);
      expect(dateTime(AT), locale).toBe(full);
      expect(count(12345), locale).toBe('12,345');
    }
    setFormatLocale('de-DE', 'UTC');
    expect(count(12345)).toBe('12.345');
  });

  it('is the one the deliveries list uses, and says what it cannot read', () => {
    setFormatLocale('en-US', 'UTC');
    expect(timeLabel(AT)).toBe(clockTime(AT));
    expect(dateTime(null)).toBe('—');
    expect(clockTime('not a time')).toBe('not a time');
  });

  it('formats durations, relative times (against the studio clock given) and chart axes per locale', () => {
    setFormatLocale('en-US', 'UTC');
    expect(duration(412)).toBe('412 ms');
    expect(duration(1250)).toBe('1.3 sec');
    expect(duration(90_000)).toBe('1.5 min');
    expect(relativeTime('2026-12-04T16:03:07.412Z', AT)).toBe('in 2 hours');
    expect(relativeTime('2026-12-04T14:02:07.412Z', AT)).toBe('1 minute ago');
    expect(axisTime(AT)).toBe('14:03');
    expect(axisTime(AT, true)).toBe('12/4, 14:03');
    setFormatLocale('ja-JP', 'UTC');
    expect(duration(412)).toBe('412 ms');
    expect(relativeTime('2026-12-04T16:03:07.412Z', AT)).toBe('2 時間後');
    setFormatLocale('zh-CN', 'UTC');
    expect(duration(90_000)).toBe('1.5分钟');
    expect(relativeTime('2026-12-05T14:03:07.412Z', AT)).toBe('明天');
    expect(axisTime(AT, true)).toBe('12/4 14:03');
    expect(list(['agent.message', 'agent.wakeup'])).toBe('agent.message和agent.wakeup');
    setFormatLocale('ja-JP', 'UTC');
    expect(list(['a', 'b', 'c'])).toBe('a、b、c');
    setFormatLocale('en-US', 'UTC');
    expect(list(['a', 'b', 'c'])).toBe('a, b, and c');
  });
});
