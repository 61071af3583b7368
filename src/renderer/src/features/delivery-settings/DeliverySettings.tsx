import { useEffect, useState } from 'react';
import type { InjectionSettings } from '../../../../shared/delivery-settings';
import { useStudio } from '../../store/studio';
import { CheckField, NumberField } from './fields';
import { InjectionEditor } from './InjectionEditor';
import { followSettings, useDeliverySettings } from './store';
import './delivery-settings.css';

const SCHEDULE_TEXT = {
  fast: 'Fast (development): 5 s, 15 s, 1 min, 5 min',
  production: 'Production-like: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h',
  custom: 'Custom delays',
} as const;

function parseDelays(text: string): number[] | null {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 20) return null;
  const ms = parts.map((p) => Math.round(Number(p) * 1000));
  return ms.every((n) => Number.isFinite(n) && n >= 0 && n <= 7 * 24 * 3600 * 1000) ? ms : null;
}

/** Delivery settings: retry schedule, timeout, concurrency, ordering, headers, rotation, failure injection. */
export function DeliverySettings() {
  const connected = useStudio((s) => s.connection === 'connected' && s.client !== null);
  const { settings, webhooks, truncated, error, saved, load, save, saveInjection } = useDeliverySettings();
  const [picked, setPicked] = useState<string>('');
  const [delaysText, setDelaysText] = useState<string | null>(null);
  const [delaysProblem, setDelaysProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!connected) return;
    void load();
    return followSettings();
  }, [connected, load]);

  if (!settings) {
    return (
      <div className="card">
        <h2>Delivery</h2>
        {error ? (
          <div className="error" role="alert">
            {error}
          </div>
        ) : (
          <p className="muted">Loading delivery settings…</p>
        )}
      </div>
    );
  }

  const hook = webhooks.find((w) => w.webhookId === picked) ?? null;
  const commitDelays = () => {
    if (delaysText === null) return;
    const ms = parseDelays(delaysText);
    if (!ms) return setDelaysProblem('1 to 20 delays in seconds, comma-separated, each at most 7 days');
    setDelaysProblem(null);
    void save({ customDelaysMs: ms });
  };

  return (
    <div className="card ds">
      <h2>Delivery</h2>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <p className="muted ds-status" role="status" aria-live="polite">
        {saved ? 'Saved. Applies to the next delivery attempt.' : ''}
      </p>

      <h3>Retries</h3>
      <div className="row ds-row">
        <label htmlFor="ds-schedule">Schedule</label>
        <select
          id="ds-schedule"
          value={settings.schedule}
          onChange={(e) => void save({ schedule: e.target.value as keyof typeof SCHEDULE_TEXT })}
        >
          {(Object.keys(SCHEDULE_TEXT) as (keyof typeof SCHEDULE_TEXT)[]).map((k) => (
            <option key={k} value={k}>
              {SCHEDULE_TEXT[k]}
            </option>
          ))}
        </select>
        <span className="muted ds-hint">±20% jitter; Retry-After on 429/503 wins; 410 stops</span>
      </div>
      {settings.schedule === 'custom' && (
        <div className="row ds-row">
          <label htmlFor="ds-delays">Delays</label>
          <input
            id="ds-delays"
            value={delaysText ?? settings.customDelaysMs.map((m) => m / 1000).join(', ')}
            onChange={(e) => setDelaysText(e.target.value)}
            onBlur={commitDelays}
            onKeyDown={(e) => e.key === 'Enter' && commitDelays()}
            aria-invalid={delaysProblem ? true : undefined}
          />
          <span className={delaysProblem ? 'ds-problem' : 'muted ds-hint'}>
            {delaysProblem ?? 'seconds, comma-separated'}
          </span>
        </div>
      )}
      <NumberField
        id="ds-max-attempts"
        label="Max attempts"
        min={1}
        max={50}
        value={settings.maxAttempts}
        hint="the first try included; then the delivery is exhausted"
        onCommit={(n) => void save({ maxAttempts: n })}
      />
      <NumberField
        id="ds-timeout"
        label="Timeout"
        unit="ms"
        min={100}
        max={120_000}
        value={settings.timeoutMs}
        hint="for the whole response"
        onCommit={(n) => void save({ timeoutMs: n })}
      />

      <h3>Concurrency</h3>
      <NumberField
        id="ds-global"
        label="All endpoints"
        min={1}
        max={512}
        value={settings.globalConcurrency}
        hint="requests in their first 50 ms; slower ones are set apart, so a hanging endpoint never blocks the others"
        onCommit={(n) => void save({ globalConcurrency: n })}
      />
      <NumberField
        id="ds-endpoint"
        label="Per endpoint"
        min={1}
        max={64}
        value={settings.perEndpointConcurrency}
        hint="per app (scheme, host and port, all its routes together); halved per timeout in a row until it answers"
        onCommit={(n) => void save({ perEndpointConcurrency: n })}
      />
      <CheckField
        id="ds-in-order"
        label="In order"
        checked={settings.inOrder}
        hint="one at a time per endpoint, in firing order; a failing delivery holds back the rest"
        onChange={(v) => void save({ inOrder: v })}
      />

      <h3>Headers and signing</h3>
      <CheckField
        id="ds-extra"
        label="Studio headers"
        checked={settings.extraHeaders}
        hint="adds X-Webhook-Studio-Event-Id, -Delivery-Id, -Attempt (production sends none of these)"
        onChange={(v) => void save({ extraHeaders: v })}
      />
      <NumberField
        id="ds-overlap"
        label="Rotation overlap"
        unit="s"
        min={0}
        max={7 * 24 * 3600}
        value={settings.rotationOverlapSeconds}
        hint="after a rotation, also sign with the old secret (0 = off, as production)"
        onCommit={(n) => void save({ rotationOverlapSeconds: n })}
      />

      <h3>Failure injection, every webhook</h3>
      <p className="muted">For QA: injected effects are marked on each attempt.</p>
      <InjectionEditor
        idPrefix="ds-global-inj"
        value={settings.injection}
        onChange={(injection) => void save({ injection })}
      />

      <h3>Failure injection, one webhook</h3>
      {webhooks.length === 0 ? (
        <p className="muted">No webhooks yet. Register one through the mock API, then override its injection here.</p>
      ) : (
        <>
          <div className="row ds-row">
            <label htmlFor="ds-hook">Webhook</label>
            <select id="ds-hook" value={picked} onChange={(e) => setPicked(e.target.value)}>
              <option value="">Choose a webhook…</option>
              {webhooks.map((w) => (
                <option key={w.webhookId} value={w.webhookId}>
                  {w.eventType} → {w.webhookUrl}
                  {w.injection ? ' (overridden)' : ''}
                  {w.isActive ? '' : ' (inactive)'}
                </option>
              ))}
            </select>
            <span className="muted ds-hint">{truncated ? 'showing the first 500' : ''}</span>
          </div>
          {hook && (
            <div className="ds-hook">
              <InjectionEditor
                idPrefix={`ds-hook-${hook.webhookId}`}
                value={hook.injection ?? {}}
                onChange={(injection: InjectionSettings) => void saveInjection(hook.webhookId, injection)}
              />
              <button type="button" disabled={!hook.injection} onClick={() => void saveInjection(hook.webhookId, null)}>
                Use the global setting
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
