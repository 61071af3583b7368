import { useState } from 'react';
import { BurstOutcome } from './BurstOutcome';
import { eventsActions, useEvents } from './store';
import { count as countLabel } from '../../format';

/** Fire N at a chosen rate, with a live progress bar and cancel. */
export function BurstPanel() {
  const burst = useEvents((s) => s.burst);
  const [count, setCount] = useState('100');
  const [rate, setRate] = useState('50');
  const [vary, setVary] = useState(true);
  const running = burst?.state === 'running';
  const n = Number(count);
  const r = Number(rate);
  const invalid = !Number.isInteger(n) || n < 1 || n > 100_000 || !Number.isFinite(r) || r < 0 || r > 10_000;
  const pct = burst ? Math.round((burst.fired / burst.total) * 100) : 0;
  const perSec = burst && burst.elapsedMs > 0 ? Math.round((burst.fired * 1000) / burst.elapsedMs) : 0;
  return (
    <div className="card ev-burst">
      <h2>Burst</h2>
      <form
        className="ev-inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid && !running) void eventsActions.startBurst(n, r, vary);
        }}
      >
        <label>
          Count{' '}
          <input
            aria-label="Burst count"
            inputMode="numeric"
            value={count}
            onChange={(e) => setCount(e.target.value)}
            size={7}
          />
        </label>
        <label>
          Rate/s{' '}
          <input
            aria-label="Burst rate"
            inputMode="decimal"
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            size={6}
            title="0 = as fast as possible"
          />
        </label>
        <label className="ev-check">
          <input type="checkbox" checked={vary} onChange={(e) => setVary(e.target.checked)} /> fresh sample per event
        </label>
        <button type="submit" disabled={invalid || running}>
          Start burst
        </button>
        {running && (
          <button type="button" onClick={() => void eventsActions.cancelBurst()}>
            Cancel
          </button>
        )}
      </form>
      {invalid && (
        <div className="error">Count must be 1–100,000 and the rate 0–10,000 per second (0 = as fast as possible).</div>
      )}
      {burst && (
        <div className="ev-progress-wrap">
          <div
            className="ev-progress"
            role="progressbar"
            aria-label="Burst progress"
            aria-valuemin={0}
            aria-valuemax={burst.total}
            aria-valuenow={burst.fired}
          >
            <div className={`ev-bar ev-bar-${burst.state}`} style={{ width: `${pct}%` }} />
          </div>
          <div className="ev-progress-text" aria-live="polite">
            {countLabel(burst.fired)} / {countLabel(burst.total)} {burst.eventType} · {countLabel(burst.deliveries)}{' '}
            deliveries · {perSec}/s · {burst.state}
            {burst.error ? ` — ${burst.error}` : ''}
          </div>
          <BurstOutcome />
        </div>
      )}
    </div>
  );
}
