import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Clock, FastForward, RotateCcw } from 'lucide-react';
import { formatDuration, parseDuration } from '../../../../shared/duration';
import { useStudio } from '../../store/studio';
import { durationProblem, useNotifications } from './store';
import { count, dateTime, relativeTime } from '../../format';

const when = (iso: string) => dateTime(iso);

/** What the last clock command did: kept as data, worded when shown (a language switch rewords it). */
type Ran = { kind: 'advanced'; ms: number; executed: number } | { kind: 'reset' };

const STEPS = [
  ['plus1h', 3_600_000],
  ['plus6h', 21_600_000],
  ['plus1d', 86_400_000],
] as const;

/** Where the studio clock stands, and the controls that fast-forward it. */
export function ClockCard() {
  const { t } = useTranslation('notifications');
  const clock = useNotifications((s) => s.overview?.clock);
  const { act, busy } = useNotifications();
  const [custom, setCustom] = useState('');
  /** The text the duration field refused, if it did. */
  const [refused, setRefused] = useState<string | null>(null);
  const [ran, setRan] = useState<Ran | null>(null);
  const customError = refused === null ? null : durationProblem(refused);

  const advance = (ms: number) =>
    act(async () => {
      const r = await useStudio.getState().client!.call('clock.advance', { ms });
      setRan({ kind: 'advanced', ms, executed: r.executed.length });
    });

  const submitCustom = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = parseDuration(custom);
    if (!parsed.ok) return setRefused(custom);
    setRefused(null);
    void advance(parsed.ms);
  };

  const ranText = (r: Ran) => {
    if (r.kind === 'reset') return t('clock.backToRealTimeDone');
    const duration = formatDuration(r.ms);
    return r.executed === 0
      ? t('clock.advancedNone', { duration })
      : t('clock.advancedRan', { duration, count: r.executed, n: count(r.executed) });
  };

  if (!clock) return null;
  return (
    <div className="card clock-card" aria-label={t('clock.label')}>
      <div className="clock-face">
        <Clock size={28} aria-hidden />
        <div>
          <div className="clock-now" data-testid="clock-now">
            {when(clock.now)}
          </div>
          <div className="muted">
            {clock.offsetMs > 0 ? t('clock.ahead', { duration: formatDuration(clock.offsetMs) }) : t('clock.realTime')}{' '}
            · {t('clock.pendingWakeups', { count: clock.pendingWakeups, n: count(clock.pendingWakeups) })}
            {clock.nextWakeupAt && (
              <>
                {' '}
                ·{' '}
                {t('clock.next', {
                  time: when(clock.nextWakeupAt),
                  // Relative to the studio clock's now: the wall clock may be days behind it.
                  relative: relativeTime(clock.nextWakeupAt, clock.now),
                })}
              </>
            )}
          </div>
        </div>
      </div>
      <div className="clock-actions">
        {STEPS.map(([key, ms]) => (
          <button key={key} type="button" disabled={busy} onClick={() => void advance(ms)}>
            <FastForward size={14} aria-hidden /> {t(`clock.${key}`)}
          </button>
        ))}
        {clock.offsetMs > 0 && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                await useStudio.getState().client!.call('clock.reset', {});
                setRan({ kind: 'reset' });
              })
            }
          >
            <RotateCcw size={14} aria-hidden /> {t('clock.backToRealTime')}
          </button>
        )}
        <form onSubmit={submitCustom} className="inline-form">
          <input
            aria-label={t('clock.advanceBy')}
            placeholder={t('clock.advanceByPlaceholder')}
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
            aria-invalid={customError ? true : undefined}
          />
          <button type="submit" disabled={busy || !custom}>
            {t('clock.advance')}
          </button>
        </form>
      </div>
      {customError && (
        <div className="field-error" role="alert">
          {customError}
        </div>
      )}
      {ran && (
        <div className="muted" role="status">
          {ranText(ran)}
        </div>
      )}
    </div>
  );
}
