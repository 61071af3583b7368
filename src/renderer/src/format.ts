/**
 * One format per kind, for every area: a moment in a list (time of day, to the millisecond),
 * a moment on its own (date and time), a count, a duration. All through `Intl` in the UI's
 * locale (the browser's or the OS's today; the chosen language once the catalogs land).
 */
let locale: string | undefined;
let timeZone: string | undefined;
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

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
