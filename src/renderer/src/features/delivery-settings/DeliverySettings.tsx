import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InjectionSettings } from '../../../../shared/delivery-settings';
import { count, duration } from '../../format';
import { useStudio } from '../../store/studio';
import { CheckField, NumberField } from './fields';
import { InjectionEditor } from './InjectionEditor';
import { followSettings, useDeliverySettings } from './store';
import './delivery-settings.css';

/** The named schedules' delays (as the dispatcher's `SCHEDULES`), shown through `duration()`. */
const SCHEDULE_DELAYS_MS = {
  fast: [5_000, 15_000, 60_000, 300_000],
  production: [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 43_200_000],
  custom: null,
} as const;
type ScheduleName = keyof typeof SCHEDULE_DELAYS_MS;

/** How many webhooks `delivery.injection.get` lists at most (it says `truncated` beyond). */
const LISTED_WEBHOOKS = 500;

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
  const { t } = useTranslation('deliverySettings');
  const connected = useStudio((s) => s.connection === 'connected' && s.client !== null);
  const { settings, webhooks, truncated, error, saved, load, save, saveInjection } = useDeliverySettings();
  const [picked, setPicked] = useState<string>('');
  const [delaysText, setDelaysText] = useState<string | null>(null);
  const [delaysProblem, setDelaysProblem] = useState(false);

  useEffect(() => {
    if (!connected) return;
    void load();
    return followSettings();
  }, [connected, load]);

  if (!settings) {
    return (
      <div className="card">
        <h2>{t('title')}</h2>
        {error ? (
          <div className="error" role="alert">
            {error}
          </div>
        ) : (
          <p className="muted">{t('loading')}</p>
        )}
      </div>
    );
  }

  const hook = webhooks.find((w) => w.webhookId === picked) ?? null;
  const commitDelays = () => {
    if (delaysText === null) return;
    const ms = parseDelays(delaysText);
    if (!ms) return setDelaysProblem(true);
    setDelaysProblem(false);
    void save({ customDelaysMs: ms });
  };

  const scheduleText = (k: ScheduleName) => {
    if (k === 'custom') return t('retries.custom');
    const delays = SCHEDULE_DELAYS_MS[k].map((ms) => duration(ms)).join(t('retries.listSeparator'));
    return k === 'fast' ? t('retries.fast', { delays }) : t('retries.production', { delays });
  };
  const hookOption = (w: (typeof webhooks)[number]) => {
    const values = { event: w.eventType, url: w.webhookUrl };
    if (w.injection && !w.isActive) return t('injection.optionOverriddenInactive', values);
    if (w.injection) return t('injection.optionOverridden', values);
    if (!w.isActive) return t('injection.optionInactive', values);
    return t('injection.option', values);
  };

  return (
    <div className="card ds">
      <h2>{t('title')}</h2>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <p className="muted ds-status" role="status" aria-live="polite">
        {saved ? t('saved') : ''}
      </p>

      <h3>{t('retries.title')}</h3>
      <div className="row ds-row">
        <label htmlFor="ds-schedule">{t('retries.schedule')}</label>
        <select
          id="ds-schedule"
          value={settings.schedule}
          onChange={(e) => void save({ schedule: e.target.value as ScheduleName })}
        >
          {(Object.keys(SCHEDULE_DELAYS_MS) as ScheduleName[]).map((k) => (
            <option key={k} value={k}>
              {scheduleText(k)}
            </option>
          ))}
        </select>
        <span className="muted ds-hint">{t('retries.scheduleHint')}</span>
      </div>
      {settings.schedule === 'custom' && (
        <div className="row ds-row">
          <label htmlFor="ds-delays">{t('retries.delays')}</label>
          <input
            id="ds-delays"
            value={delaysText ?? settings.customDelaysMs.map((m) => m / 1000).join(', ')}
            onChange={(e) => setDelaysText(e.target.value)}
            onBlur={commitDelays}
            onKeyDown={(e) => e.key === 'Enter' && commitDelays()}
            aria-invalid={delaysProblem ? true : undefined}
          />
          <span className={delaysProblem ? 'ds-problem' : 'muted ds-hint'}>
            {delaysProblem ? t('retries.delaysProblem') : t('retries.delaysHint')}
          </span>
        </div>
      )}
      <NumberField
        id="ds-max-attempts"
        label={t('retries.maxAttempts')}
        min={1}
        max={50}
        value={settings.maxAttempts}
        hint={t('retries.maxAttemptsHint')}
        onCommit={(n) => void save({ maxAttempts: n })}
      />
      <NumberField
        id="ds-timeout"
        label={t('retries.timeout')}
        unit={t('unit.ms')}
        min={100}
        max={120_000}
        value={settings.timeoutMs}
        hint={t('retries.timeoutHint')}
        onCommit={(n) => void save({ timeoutMs: n })}
      />

      <h3>{t('concurrency.title')}</h3>
      <NumberField
        id="ds-global"
        label={t('concurrency.global')}
        min={1}
        max={512}
        value={settings.globalConcurrency}
        hint={t('concurrency.globalHint')}
        onCommit={(n) => void save({ globalConcurrency: n })}
      />
      <NumberField
        id="ds-endpoint"
        label={t('concurrency.endpoint')}
        min={1}
        max={64}
        value={settings.perEndpointConcurrency}
        hint={t('concurrency.endpointHint')}
        onCommit={(n) => void save({ perEndpointConcurrency: n })}
      />
      <CheckField
        id="ds-in-order"
        label={t('concurrency.inOrder')}
        checked={settings.inOrder}
        hint={t('concurrency.inOrderHint')}
        onChange={(v) => void save({ inOrder: v })}
      />

      <h3>{t('headers.title')}</h3>
      <CheckField
        id="ds-extra"
        label={t('headers.extra')}
        checked={settings.extraHeaders}
        hint={t('headers.extraHint')}
        onChange={(v) => void save({ extraHeaders: v })}
      />
      <NumberField
        id="ds-overlap"
        label={t('headers.overlap')}
        unit={t('unit.s')}
        min={0}
        max={7 * 24 * 3600}
        value={settings.rotationOverlapSeconds}
        hint={t('headers.overlapHint')}
        onCommit={(n) => void save({ rotationOverlapSeconds: n })}
      />

      <h3>{t('injection.globalTitle')}</h3>
      <p className="muted">{t('injection.globalHint')}</p>
      <InjectionEditor
        idPrefix="ds-global-inj"
        value={settings.injection}
        onChange={(injection) => void save({ injection })}
      />

      <h3>{t('injection.hookTitle')}</h3>
      {webhooks.length === 0 ? (
        <p className="muted">{t('injection.noWebhooks')}</p>
      ) : (
        <>
          <div className="row ds-row">
            <label htmlFor="ds-hook">{t('injection.webhook')}</label>
            <select id="ds-hook" value={picked} onChange={(e) => setPicked(e.target.value)}>
              <option value="">{t('injection.choose')}</option>
              {webhooks.map((w) => (
                <option key={w.webhookId} value={w.webhookId}>
                  {hookOption(w)}
                </option>
              ))}
            </select>
            <span className="muted ds-hint">
              {truncated ? t('injection.truncated', { n: count(LISTED_WEBHOOKS) }) : ''}
            </span>
          </div>
          {hook && (
            <div className="ds-hook">
              <InjectionEditor
                idPrefix={`ds-hook-${hook.webhookId}`}
                value={hook.injection ?? {}}
                onChange={(injection: InjectionSettings) => void saveInjection(hook.webhookId, injection)}
              />
              <button type="button" disabled={!hook.injection} onClick={() => void saveInjection(hook.webhookId, null)}>
                {t('injection.useGlobal')}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
