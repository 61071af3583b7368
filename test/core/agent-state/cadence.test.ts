import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  CadenceError,
  localIso,
  nextOccurrences,
  parseActiveWindow,
  parseCadence,
} from '../../../src/core/agent-state/cadence';
import { createSchedulesRepo } from '../../../src/core/agent-state/schedules-repo';
import { createRng } from '../../../src/core/events/prng';
import { migrate } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';

const HOUR = 3_600_000;
const iso = (d: Date) => d.toISOString();

describe('cadences', () => {
  it('reads simple cadences as the documented cron, in the schedule timezone', () => {
    expect(parseCadence({ simple: { frequency: 'daily', at: '09:30' }, timezone: 'Asia/Tokyo' }).cron).toBe(
      '30 9 * * *',
    );
    expect(parseCadence({ simple: { frequency: 'weekly', days_of_week: [5, 1] }, timezone: 'UTC' }).cron).toBe(
      '0 9 * * 1,5',
    );
    expect(
      parseCadence({ simple: { frequency: 'yearly', month: 6, day_of_month: 14, at: '08:00' }, timezone: 'UTC' }).cron,
    ).toBe('0 8 14 6 *');
    const tokyo = parseCadence({ simple: { frequency: 'daily', at: '09:00' }, timezone: 'Asia/Tokyo' });
    const [first] = nextOccurrences(tokyo, undefined, new Date('2026-03-01T00:30:00Z'), 1);
    expect(iso(first)).toBe('2026-03-02T00:00:00.000Z');
    expect(localIso(first, 'Asia/Tokyo')).toBe('2026-03-02T09:00:00+09:00');
  });

  it('keeps local time across a DST change', () => {
    const ny = parseCadence({ simple: { frequency: 'daily', at: '09:00' }, timezone: 'America/New_York' });
    const days = nextOccurrences(ny, undefined, new Date('2026-03-06T00:00:00Z'), 4);
    expect(days.map(iso)).toEqual([
      '2026-03-06T14:00:00.000Z',
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
    expect(days.map((d) => localIso(d, 'America/New_York').slice(11))).toEqual([
      '09:00:00-05:00',
      '09:00:00-05:00',
      '09:00:00-04:00',
      '09:00:00-04:00',
    ]);
  });

  it('an active window keeps only occurrences inside it (wrapping past midnight too)', () => {
    const hourly = parseCadence({ cron: '0 * * * *', timezone: 'UTC' });
    const night = parseActiveWindow({ hours: { start: '22:00', end: '02:00' } });
    const got = nextOccurrences(hourly, night, new Date('2026-01-01T12:00:00Z'), 5).map((d) => d.getUTCHours());
    expect(got).toEqual([22, 23, 0, 1, 22]);
    const weekdays = parseActiveWindow({ days_of_week: [1, 2, 3, 4, 5] });
    for (const d of nextOccurrences(
      parseCadence({ cron: '0 12 * * *', timezone: 'UTC' }),
      weekdays,
      new Date('2026-01-01T00:00:00Z'),
      20,
    )) {
      expect([0, 6]).not.toContain(d.getUTCDay());
    }
  });

  it('refuses what it cannot read, naming the field', () => {
    const bad: [unknown, string][] = [
      [{ simple: { frequency: 'daily' } }, 'body.cadence.timezone'],
      [{ cron: '* * *', timezone: 'UTC' }, 'body.cadence.cron'],
      [{ cron: '99 * * * *', timezone: 'UTC' }, 'body.cadence.cron'],
      [{ simple: { frequency: 'sometimes' }, timezone: 'UTC' }, 'body.cadence.simple.frequency'],
      [{ simple: { frequency: 'daily', at: '25:00' }, timezone: 'UTC' }, 'body.cadence.simple.at'],
      [{ simple: { frequency: 'daily', extra: 1 }, timezone: 'UTC' }, 'body.cadence.simple.extra'],
      [{ simple: {}, cron: '* * * * *', timezone: 'UTC' }, 'body.cadence'],
      ['daily', 'body.cadence'],
    ];
    for (const [input, location] of bad) {
      let err: unknown;
      try {
        parseCadence(input);
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(input)).toBeInstanceOf(CadenceError);
      expect((err as CadenceError).location).toBe(location);
    }
  });
});

describe('schedules come due on the studio clock', () => {
  function repoAt(start: Date) {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS);
    db.prepare(
      "INSERT INTO projects (project_id, name, tenant_id, created_at, updated_at) VALUES ('p', 'P', 't', '', '')",
    ).run();
    db.prepare(
      "INSERT INTO agents (agent_id, project_id, name, created_at, updated_at) VALUES ('a', 'p', 'A', '', '')",
    ).run();
    let now = start.getTime();
    let n = 0;
    const repo = createSchedulesRepo(db, { now: () => new Date(now) }, { uuid: () => `s${++n}`, token: () => 't' });
    return { repo, advance: (ms: number) => (now += ms), now: () => new Date(now) };
  }

  it('property: across random multi-day advances, each occurrence fires exactly once, in order, never early', () => {
    for (let seed = 0; seed < 8; seed++) {
      const rng = createRng(`sched:${seed}`);
      const t = repoAt(new Date(Date.UTC(2026, 0, 1 + seed, rng.int(0, 23), rng.int(0, 59))));
      const cron = rng.pick(['0 * * * *', '15 9 * * *', '0 8 * * 1,3,5', '*/30 6-8 * * *']);
      const tz = rng.pick(['UTC', 'Asia/Tokyo', 'America/New_York', 'Europe/Berlin']);
      const row = t.repo.create(
        { projectId: 'p', agentId: 'a', userId: 'u' },
        {
          cadence: parseCadence({ cron, timezone: tz }),
          checkType: 'c',
          intent: 'i',
        },
      );
      const start = t.now();
      const expected = nextOccurrences(parseCadence({ cron, timezone: tz }), undefined, start, 300);
      const fired: { at: string; ranAt: number; next: string | null }[] = [];
      for (let step = 0; step < 8; step++) {
        t.advance(rng.int(4, 30) * HOUR + rng.int(0, 59) * 60_000);
        const ranAt = t.now().getTime();
        t.repo.runDue(
          t.now(),
          (r, at) => fired.push({ at, ranAt, next: r.next_fire_at }),
          () => false,
        );
      }
      expect(t.now().getTime() - start.getTime()).toBeGreaterThan(24 * HOUR);
      const due = expected.filter((d) => d.getTime() <= t.now().getTime()).map(iso);
      expect(
        fired.map((f) => f.at),
        `seed ${seed} ${cron} ${tz}`,
      ).toEqual(due);
      for (const f of fired) expect(new Date(f.at).getTime()).toBeLessThanOrEqual(f.ranAt);
      for (const [i, f] of fired.entries()) expect(f.next).toBe(iso(expected[i + 1]));
      expect(t.repo.get(row.schedule_id, 'a', 'u')!.next_fire_at).toBe(iso(expected[due.length]));
    }
  });

  it('a muted (inactive) schedule lets its occurrences pass without firing', () => {
    const t = repoAt(new Date('2026-01-01T00:00:00Z'));
    t.repo.create(
      { projectId: 'p', agentId: 'a', userId: 'u' },
      {
        cadence: parseCadence({ cron: '0 * * * *', timezone: 'UTC' }),
        checkType: 'c',
        intent: 'i',
      },
    );
    t.advance(5 * HOUR + 1);
    const fired: string[] = [];
    expect(
      t.repo.runDue(
        t.now(),
        (_r, at) => fired.push(at),
        () => true,
      ),
    ).toBe(0);
    expect(fired).toEqual([]);
    expect(t.repo.list('a', 'u')[0].next_fire_at).toBe('2026-01-01T06:00:00.000Z');
  });
});
