import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { OneInboxSettings } from '../../../../shared/contract/oneinbox';
import { oneInboxActions, useOneInbox } from './store';

/** OneInbox's own delivery settings: the receiver's timeout, the per-call override, the user's auth header. */
export function DeliverySettingsCard() {
  const settings = useOneInbox((s) => s.settings);
  // Remounted when the stored settings change, so the form starts from them.
  return settings ? <SettingsForm key={JSON.stringify(settings)} settings={settings} /> : null;
}

function SettingsForm({ settings }: { settings: OneInboxSettings }) {
  const { t } = useTranslation(['oneinbox', 'common']);
  const [timeout, setTimeoutS] = useState(String(settings.timeoutMs / 1000));
  const [mode, setMode] = useState<'instead' | 'also'>(settings.perCallOverride);
  const [authOn, setAuthOn] = useState(!!settings.authHeader);
  const [name, setName] = useState(settings.authHeader?.name ?? 'Authorization');
  const [value, setValue] = useState(settings.authHeader?.value ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void oneInboxActions.saveSettings({
      timeoutMs: Math.round(Number(timeout) * 1000),
      perCallOverride: mode,
      authHeader: authOn ? { name, value } : null,
    });
  };
  // The input and the select sit inside their sentence, where each language puts them.
  const timeoutInput = (
    <input
      aria-label={t('delivery.timeoutLabel')}
      type="number"
      min={0.1}
      max={120}
      step={0.1}
      value={timeout}
      onChange={(e) => setTimeoutS(e.target.value)}
    />
  );
  const modeSelect = (
    <select
      aria-label={t('delivery.perCallLabel')}
      value={mode}
      onChange={(e) => setMode(e.target.value as 'instead' | 'also')}
    >
      <option value="instead">{t('delivery.instead')}</option>
      <option value="also">{t('delivery.also')}</option>
    </select>
  );
  return (
    <form className="card oi-form" style={{ maxWidth: 'none' }} onSubmit={submit} aria-label={t('delivery.title')}>
      <h2>{t('delivery.title')}</h2>
      <label>
        <Trans t={t} i18nKey="delivery.timeout" components={{ input: timeoutInput }} />
      </label>
      <label>
        <Trans t={t} i18nKey="delivery.perCall" components={{ code: <code />, select: modeSelect }} />
      </label>
      <label className="oi-optin">
        <input type="checkbox" checked={authOn} onChange={(e) => setAuthOn(e.target.checked)} />{' '}
        {t('delivery.authHeader')}
      </label>
      {authOn && (
        <div className="oi-row">
          <input aria-label={t('delivery.headerName')} value={name} onChange={(e) => setName(e.target.value)} />
          <input aria-label={t('delivery.headerValue')} value={value} onChange={(e) => setValue(e.target.value)} />
        </div>
      )}
      <button type="submit" className="btn">
        {t('common:action.save')}
      </button>
    </form>
  );
}
