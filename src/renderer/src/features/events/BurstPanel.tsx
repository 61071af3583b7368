import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BurstOutcome } from './BurstOutcome';
import { eventsActions, useEvents } from './store';
import { count as countLabel } from '../../format';

const MAX_COUNT = 100_000;
const MAX_RATE = 10_000;

/** Fire N at a chosen rate, with a live progress bar and cancel. */
export function BurstPanel() {
  const { t } = useTranslation(['events', 'common']);
  const burst = useEvents((s) => s.burst);
  const [count, setCount] = useState('100');
  const [rate, setRate] = useState('50');
  const [vary, setVary] = useState(true);
  const running = burst?.state === 'running';
  const n = Number(count);
  const r = Number(rate);
  const invalid = !Number.isInteger(n) || n < 1 || n > MAX_COUNT || !Number.isFinite(r) || r < 0 || r > MAX_RATE;
  const pct = burst ? Math.round((burst.fired / burst.total) * 100) : 0;
  const perSec = burst && burst.elapsedMs > 0 ? Math.round((burst.fired * 1000) / burst.elapsedMs) : 0;
  return (
    <div className="card ev-burst">
      <h2>{t('burst.title')}</h2>
      <form
        className="ev-inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid && !running) void eventsActions.startBurst(n, r, vary);
        }}
      >
        <label>
          {t('burst.count')}{' '}
          <input
            aria-label={t('burst.countLabel')}
            inputMode="numeric"
            value={count}
            onChange={(e) => setCount(e.target.value)}
            size={7}
          />
        </label>
        <label>
          {t('burst.rate')}{' '}
          <input
            aria-label={t('burst.rateLabel')}
            inputMode="decimal"
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            size={6}
            title={t('burst.rateHint')}
          />
        </label>
        <label className="ev-check">
          <input type="checkbox" checked={vary} onChange={(e) => setVary(e.target.checked)} /> {t('burst.fresh')}
        </label>
        <button type="submit" disabled={invalid || running}>
          {t('burst.start')}
        </button>
        {running && (
          <button type="button" onClick={() => void eventsActions.cancelBurst()}>
            {t('common:action.cancel')}
          </button>
        )}
      </form>
      {invalid && (
        <div className="error">
          {t('burst.invalid', { maxCount: countLabel(MAX_COUNT), maxRate: countLabel(MAX_RATE) })}
        </div>
      )}
      {burst && (
        <div className="ev-progress-wrap">
          <div
            className="ev-progress"
            role="progressbar"
            aria-label={t('burst.progressLabel')}
            aria-valuemin={0}
            aria-valuemax={burst.total}
            aria-valuenow={burst.fired}
          >
            <div className={`ev-bar ev-bar-${burst.state}`} style={{ width: `${pct}%` }} />
          </div>
          <div className="ev-progress-text" aria-live="polite">
            {t('burst.progress', {
              count: burst.deliveries,
              fired: countLabel(burst.fired),
              total: countLabel(burst.total),
              eventType: burst.eventType,
              n: countLabel(burst.deliveries),
              rate: countLabel(perSec),
              state: t(`burst.state.${burst.state}`),
            })}
            {burst.error && <> — {burst.error}</>}
          </div>
          <BurstOutcome />
        </div>
      )}
    </div>
  );
}
