import { CronExpressionParser } from 'cron-parser';

/**
 * Recurring schedules' cadences, pure. The SDK documents a cadence as
 * `{simple: {...}}` or `{cron: "..."}` with a required `timezone`; the studio reads
 * `simple` as `{frequency: hourly|daily|weekly|monthly|yearly, at?: "HH:MM",
 * days_of_week?: [0-6], day_of_month?: 1-31, month?: 1-12, minute?: 0-59}` and turns it
 * into a cron expression; cron expressions (5 fields) are read by cron-parser, in the
 * schedule's IANA timezone. An active window `{hours: {start, end}, days_of_week}` keeps
 * only the occurrences inside it (local time; `end` before `start` wraps past midnight).
 */
export class CadenceError extends Error {
  constructor(
    readonly location: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Cadence {
  type: 'simple' | 'cron';
  cron: string;
  timezone: string;
  /** The cadence as given (its JSON is `ScheduleDTO.cadence`). */
  spec: Record<string, unknown>;
}

export interface ActiveWindow {
  start?: number; // minutes of the day
  end?: number;
  days?: number[];
  spec: Record<string, unknown>;
}

const FREQUENCIES = ['hourly', 'daily', 'weekly', 'monthly', 'yearly'] as const;
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function validTimezone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || !tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function hhmm(v: unknown, location: string): [number, number] {
  if (v === undefined) return [9, 0];
  const m = typeof v === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(v) : null;
  if (!m) throw new CadenceError(location, 'expected a time "HH:MM" (24 h)');
  return [Number(m[1]), Number(m[2])];
}

function intIn(v: unknown, lo: number, hi: number, location: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    throw new CadenceError(location, `expected an integer from ${lo} to ${hi}`);
  }
  return v;
}

function days(v: unknown, location: string): number[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > 7)
    throw new CadenceError(location, 'expected 1–7 days (0 = Sunday)');
  return [...new Set(v.map((d, i) => intIn(d, 0, 6, `${location}[${i}]`)))].sort();
}

/** Reads a cadence (`body.cadence`); throws `CadenceError` with the field at fault. */
export function parseCadence(input: unknown, location = 'body.cadence'): Cadence {
  if (!isObj(input)) throw new CadenceError(location, 'expected {simple: {...}} or {cron: "..."} with a timezone');
  const tz = input.timezone;
  if (!validTimezone(tz))
    throw new CadenceError(`${location}.timezone`, 'expected an IANA timezone (e.g. "UTC", "Asia/Tokyo")');
  const keys = Object.keys(input).filter((k) => k !== 'timezone');
  if (keys.length !== 1 || (keys[0] !== 'simple' && keys[0] !== 'cron')) {
    throw new CadenceError(location, 'expected exactly one of simple or cron, beside timezone');
  }
  let cron: string;
  if (keys[0] === 'cron') {
    if (typeof input.cron !== 'string' || input.cron.length > 200 || input.cron.trim().split(/\s+/).length !== 5) {
      throw new CadenceError(`${location}.cron`, 'expected a 5-field cron expression');
    }
    cron = input.cron.trim();
  } else {
    const s = input.simple;
    const at = `${location}.simple`;
    if (!isObj(s)) throw new CadenceError(at, 'expected an object');
    const allowed = new Set(['frequency', 'at', 'days_of_week', 'day_of_month', 'month', 'minute']);
    const extra = Object.keys(s).find((k) => !allowed.has(k));
    if (extra) throw new CadenceError(`${at}.${extra}`, 'unexpected property');
    if (!FREQUENCIES.includes(s.frequency as (typeof FREQUENCIES)[number])) {
      throw new CadenceError(`${at}.frequency`, `expected one of ${FREQUENCIES.join(', ')}`);
    }
    const [h, m] = hhmm(s.at, `${at}.at`);
    switch (s.frequency) {
      case 'hourly':
        cron = `${s.minute === undefined ? 0 : intIn(s.minute, 0, 59, `${at}.minute`)} * * * *`;
        break;
      case 'daily':
        cron = `${m} ${h} * * *`;
        break;
      case 'weekly':
        cron = `${m} ${h} * * ${(s.days_of_week === undefined ? [1] : days(s.days_of_week, `${at}.days_of_week`)).join(',')}`;
        break;
      case 'monthly':
        cron = `${m} ${h} ${s.day_of_month === undefined ? 1 : intIn(s.day_of_month, 1, 31, `${at}.day_of_month`)} * *`;
        break;
      default:
        cron = `${m} ${h} ${s.day_of_month === undefined ? 1 : intIn(s.day_of_month, 1, 31, `${at}.day_of_month`)} ${
          s.month === undefined ? 1 : intIn(s.month, 1, 12, `${at}.month`)
        } *`;
    }
  }
  try {
    CronExpressionParser.parse(cron, { tz, currentDate: new Date(0) });
  } catch (err) {
    throw new CadenceError(`${location}.cron`, `not a valid cron expression: ${(err as Error).message}`);
  }
  return { type: keys[0], cron, timezone: tz, spec: input };
}

function minutesOf(v: unknown, location: string): number {
  if (typeof v === 'number') return intIn(v, 0, 24, location) * 60;
  const [h, m] = hhmm(v, location);
  return h * 60 + m;
}

/** Reads an active window (`body.active_window`), or undefined for none. */
export function parseActiveWindow(input: unknown, location = 'body.active_window'): ActiveWindow | undefined {
  if (input === undefined || input === null) return undefined;
  if (!isObj(input)) throw new CadenceError(location, 'expected {hours: {start, end}, days_of_week}');
  const extra = Object.keys(input).find((k) => k !== 'hours' && k !== 'days_of_week');
  if (extra) throw new CadenceError(`${location}.${extra}`, 'unexpected property');
  const w: ActiveWindow = { spec: input };
  if (input.hours !== undefined) {
    if (!isObj(input.hours)) throw new CadenceError(`${location}.hours`, 'expected {start, end}');
    w.start = minutesOf(input.hours.start, `${location}.hours.start`);
    w.end = minutesOf(input.hours.end, `${location}.hours.end`);
  }
  if (input.days_of_week !== undefined) w.days = days(input.days_of_week, `${location}.days_of_week`);
  return w;
}

/** Wall-clock parts of an instant in a timezone. */
export function localParts(at: Date, tz: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: get('second'),
    weekday,
  };
}

/** `2026-12-07T09:00:00+09:00`: the instant in the schedule's timezone (`next_fire_at_local`). */
export function localIso(at: Date, tz: string): string {
  const p = localParts(at, tz);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), p.hour, p.minute, Number(p.second));
  const offsetMin = Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${p.year}-${p.month}-${p.day}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}:${p.second}${off}`;
}

function inWindow(at: Date, tz: string, w: ActiveWindow | undefined): boolean {
  if (!w) return true;
  const p = localParts(at, tz);
  if (w.days && !w.days.includes(p.weekday)) return false;
  if (w.start === undefined || w.end === undefined || w.start === w.end) return true;
  const m = p.hour * 60 + p.minute;
  return w.start < w.end ? m >= w.start && m < w.end : m >= w.start || m < w.end;
}

/** How many cron occurrences one look-ahead may inspect (a window that never matches ends the search). */
const MAX_SCAN = 5000;

/**
 * The next `limit` occurrences strictly after `after`, inside the active window, not
 * before `startsAt` and not after `endsAt` (and, with `until`, none past the first one
 * after `until`). One cron iterator serves the whole list.
 */
export function nextOccurrences(
  c: Cadence,
  w: ActiveWindow | undefined,
  after: Date,
  limit: number,
  bounds: { startsAt?: Date | null; endsAt?: Date | null; until?: Date } = {},
): Date[] {
  let from = after;
  if (bounds.startsAt && bounds.startsAt.getTime() - 1 > from.getTime()) from = new Date(bounds.startsAt.getTime() - 1);
  const it = CronExpressionParser.parse(c.cron, { tz: c.timezone, currentDate: from });
  const out: Date[] = [];
  for (let i = 0; i < MAX_SCAN && out.length < limit; i++) {
    const next = it.next().toDate();
    if (bounds.endsAt && next.getTime() > bounds.endsAt.getTime()) break;
    if (inWindow(next, c.timezone, w)) {
      out.push(next);
      // With `until`: every occurrence up to it, and the first one after it.
      if (bounds.until && next.getTime() > bounds.until.getTime()) break;
    }
  }
  return out;
}
