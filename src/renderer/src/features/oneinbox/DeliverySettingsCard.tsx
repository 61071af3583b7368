import { useState, type FormEvent } from 'react';
import type { OneInboxSettings } from '../../../../shared/contract/oneinbox';
import { oneInboxActions, useOneInbox } from './store';

/** OneInbox's own delivery settings: the receiver's timeout, the per-call override, the user's auth header. */
export function DeliverySettingsCard() {
  const settings = useOneInbox((s) => s.settings);
  // Remounted when the stored settings change, so the form starts from them.
  return settings ? <SettingsForm key={JSON.stringify(settings)} settings={settings} /> : null;
}

function SettingsForm({ settings }: { settings: OneInboxSettings }) {
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
  return (
    <form className="card oi-form" style={{ maxWidth: 'none' }} onSubmit={submit} aria-label="OneInbox delivery">
      <h2>OneInbox delivery</h2>
      <label>
        A receiver must answer 2xx within{' '}
        <input
          aria-label="Timeout in seconds"
          type="number"
          min={0.1}
          max={120}
          step={0.1}
          value={timeout}
          onChange={(e) => setTimeoutS(e.target.value)}
        />{' '}
        s (the docs say “a few seconds”); otherwise it is sent again with backoff.
      </label>
      <label>
        A call’s own <code>webhook_url</code> gets its events{' '}
        <select
          aria-label="Per-call webhook_url"
          value={mode}
          onChange={(e) => setMode(e.target.value as 'instead' | 'also')}
        >
          <option value="instead">instead of the global webhooks</option>
          <option value="also">as well as the global webhooks</option>
        </select>
      </label>
      <label className="oi-optin">
        <input type="checkbox" checked={authOn} onChange={(e) => setAuthOn(e.target.checked)} /> Send an auth header of
        my own with every OneInbox delivery (not something OneInbox sends)
      </label>
      {authOn && (
        <div className="oi-row">
          <input aria-label="Header name" value={name} onChange={(e) => setName(e.target.value)} />
          <input aria-label="Header value" value={value} onChange={(e) => setValue(e.target.value)} />
        </div>
      )}
      <button type="submit" className="btn">
        Save
      </button>
    </form>
  );
}
