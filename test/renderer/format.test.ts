import { afterEach, describe, expect, it } from 'vitest';
import { clockTime, count, dateTime, setFormatLocale } from '../../src/renderer/src/format';
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
});
