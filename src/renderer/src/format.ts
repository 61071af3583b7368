/**
 * One format per kind, for every area: a moment in a list (time of day, to the millisecond),
 * a moment on its own (date and time), a count, a duration. All through `Intl` in the UI's
 * locale: the language chosen in Settings, or the OS or browser language (see i18n/).
 */
let locale: string | undefined;
let timeZone: string | undefined;
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.ListFormat>();

/** The locale (and, for tests, the time zone) every format follows. */
export function setFormatLocale(next: string | undefined, zone?: string): void {
  locale = next;
  timeZone = zone;
  cache.clear();
}

function dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
  return f;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A moment in a list: the time of day to the millisecond, 24-hour (`14:03:07.412`). */
export function clockTime(iso: string | null | undefined): string {
  const d = parse(iso);
  if (!d) return iso ?? '—';
  return dateFormat('clock', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hourCycle: 'h23',
  }).format(d);
}

/** A moment on its own: date and time to the second (`Dec 4, 2026, 14:03:07`). */
export function dateTime(iso: string | null | undefined): string {
  const d = parse(iso);
  if (!d) return iso ?? '—';
  return dateFormat('dateTime', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(d);
}

/** A count, grouped as the locale groups digits (`12,345`). */
export function count(n: number): string {
  let f = cache.get('count') as Intl.NumberFormat | undefined;
  if (!f) cache.set('count', (f = new Intl.NumberFormat(locale)));
  return f.format(n);
}

/** A duration: milliseconds below a second (`412 ms`), then seconds, minutes, hours, in the locale's unit words. */
export function duration(ms: number): string {
  const unit = (u: string, digits: number) => {
    const key = `duration:${u}:${digits}`;
    let f = cache.get(key) as Intl.NumberFormat | undefined;
    if (!f) {
      f = new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: u,
        unitDisplay: 'short',
        maximumFractionDigits: digits,
      });
      cache.set(key, f);
    }
    return f;
  };
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return unit('millisecond', 0).format(Math.round(ms));
  if (ms < 60_000) return unit('second', 1).format(ms / 1000);
  if (ms < 3_600_000) return unit('minute', 1).format(ms / 60_000);
  return unit('hour', 1).format(ms / 3_600_000);
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** A moment relative to `now` (the studio clock's, never the wall's): `in 5 minutes`, `2 hours ago`. */
export function relativeTime(iso: string | null | undefined, now: Date | string): string {
  const d = parse(iso);
  const ref = typeof now === 'string' ? parse(now) : now;
  if (!d || !ref) return iso ?? '—';
  let value = (d.getTime() - ref.getTime()) / 1000;
  let unit: Intl.RelativeTimeFormatUnit = 'second';
  for (const [u, size] of RELATIVE_STEPS) {
    unit = u;
    if (Math.abs(value) < size) break;
    value /= size;
  }
  const key = 'relative';
  let f = cache.get(key) as Intl.RelativeTimeFormat | undefined;
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    cache.set(key, f);
  }
  return f.format(Math.round(value), unit);
}

/** A chart's time axis: hours and minutes (`14:05`); with the day for spans over a day (`12/4 14:00`). */
export function axisTime(iso: string | null | undefined, withDay = false): string {
  const d = parse(iso);
  if (!d) return iso ?? '—';
  return dateFormat(withDay ? 'axisDay' : 'axis', {
    ...(withDay ? { month: 'numeric', day: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
}

/** A list joined as the locale joins one ("a, b, and c"; 「a、b、c」): the items stay as given. */
export function list(items: string[]): string {
  const key = 'list';
  let f = cache.get(key) as Intl.ListFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })));
  return f.format(items);
}
