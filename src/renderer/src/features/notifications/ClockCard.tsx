import { useState } from 'react';
import { Clock, FastForward, RotateCcw } from 'lucide-react';
import { formatDuration, parseDuration } from '../../../../shared/duration';
import { useStudio } from '../../store/studio';
import { useNotifications } from './store';
import { dateTime } from '../../format';

const when = (iso: string) => dateTime(iso);

/** Where the studio clock stands, and the controls that fast-forward it. */
export function ClockCard() {
  const clock = useNotifications((s) => s.overview?.clock);
  const { act, busy } = useNotifications();
  const [custom, setCustom] = useState('');
  const [customError, setCustomError] = useState<string | null>(null);
  const [ran, setRan] = useState<string | null>(null);

  const advance = (ms: number) =>
    act(async () => {
      const r = await useStudio.getState().client!.call('clock.advance', { ms });
      setRan(
        r.executed.length === 0
          ? `Advanced ${formatDuration(ms)}: no wakeup fell due.`
          : `Advanced ${formatDuration(ms)}: ran ${r.executed.length} wakeup${r.executed.length > 1 ? 's' : ''}.`,
      );
    });

  const submitCustom = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = parseDuration(custom);
    if (!parsed.ok) return setCustomError(parsed.error);
    setCustomError(null);
    void advance(parsed.ms);
  };

  if (!clock) return null;
  return (
    <div className="card clock-card" aria-label="Studio clock">
      <div className="clock-face">
        <Clock size={28} aria-hidden />
        <div>
          <div className="clock-now" data-testid="clock-now">
            {when(clock.now)}
          </div>
          <div className="muted">
            {clock.offsetMs > 0 ? `${formatDuration(clock.offsetMs)} ahead of real time` : 'Real time'} ·{' '}
            {clock.pendingWakeups} pending wakeup{clock.pendingWakeups === 1 ? '' : 's'}
            {clock.nextWakeupAt ? ` · next ${when(clock.nextWakeupAt)}` : ''}
          </div>
        </div>
      </div>
      <div className="clock-actions">
        {[
          ['+1 h', 3_600_000],
          ['+6 h', 21_600_000],
          ['+1 day', 86_400_000],
        ].map(([label, ms]) => (
          <button key={label} type="button" disabled={busy} onClick={() => void advance(ms as number)}>
            <FastForward size={14} aria-hidden /> {label}
          </button>
        ))}
        {clock.offsetMs > 0 && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                await useStudio.getState().client!.call('clock.reset', {});
                setRan('Back to real time.');
              })
            }
          >
            <RotateCcw size={14} aria-hidden /> Back to real time
          </button>
        )}
        <form onSubmit={submitCustom} className="inline-form">
          <input
            aria-label="Advance by"
            placeholder="e.g. 1h30m"
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
            aria-invalid={customError ? true : undefined}
          />
          <button type="submit" disabled={busy || !custom}>
            Advance
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
          {ran}
        </div>
      )}
    </div>
  );
}
