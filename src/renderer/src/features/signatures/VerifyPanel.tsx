import type { FormEvent } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { useSignatures } from './store';

const REASON_TITLES: Record<string, string> = {
  valid: 'Valid signature',
  missing_header: 'Header missing',
  malformed_header: 'Header malformed',
  no_v1: 'No v1 signature in the header',
  timestamp_too_old: 'Timestamp outside tolerance (too old)',
  timestamp_too_new: 'Timestamp outside tolerance (in the future)',
  reserialised: 'Body re-serialised',
  body_changed: 'Body changed',
  wrong_secret: 'Wrong secret',
  rotated_secret: 'Secret rotated since',
  prefix_not_stripped: 'whsec_ prefix not stripped',
  key_base64_decoded: 'Key base64-decoded',
  mismatch: 'Signature does not match',
};

/** Verify anything: raw body + header + secret (or a webhook) → verdict and the exact reason. */
export function VerifyPanel() {
  const s = useSignatures();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.verify();
  };
  return (
    <form className="card sig-card" onSubmit={submit} aria-label="Verify a signature">
      <h2>Verify anything</h2>
      <p className="muted">
        Paste the raw body exactly as received, the <code>Sonzai-Signature</code> header and the secret. The studio
        tells you why a check fails: re-serialised JSON, a stale timestamp, a rotated secret, the <code>whsec_</code>{' '}
        prefix, a base64-decoded key…
      </p>
      <label className="sig-field">
        <span>Raw body</span>
        <textarea
          rows={7}
          spellCheck={false}
          value={s.body}
          onChange={(e) => s.set({ body: e.target.value })}
          placeholder='{"event_type":"agent.message",…}'
          aria-label="Raw body"
        />
      </label>
      <label className="sig-field">
        <span>Header</span>
        <input
          value={s.header}
          onChange={(e) => s.set({ header: e.target.value })}
          placeholder="Sonzai-Signature: t=1700000000,v1=6b5f…"
          aria-label="Signature header"
          spellCheck={false}
        />
      </label>
      <div className="sig-row">
        <label className="sig-field">
          <span>Secret</span>
          <input
            value={s.secret}
            onChange={(e) => s.set({ secret: e.target.value, webhookId: '' })}
            placeholder="whsec_…"
            aria-label="Signing secret"
            type="password"
            autoComplete="off"
            disabled={s.webhookId !== ''}
          />
        </label>
        <label className="sig-field">
          <span>or a webhook (its current secret)</span>
          <select value={s.webhookId} onChange={(e) => s.set({ webhookId: e.target.value })} aria-label="Webhook">
            <option value="">— none —</option>
            {s.webhooks.map((w) => (
              <option key={w.webhookId} value={w.webhookId}>
                {w.eventType} → {w.webhookUrl}
              </option>
            ))}
          </select>
        </label>
        <label className="sig-field sig-narrow">
          <span>Tolerance (s)</span>
          <input
            inputMode="numeric"
            value={s.tolerance}
            onChange={(e) => s.set({ tolerance: e.target.value.replace(/\D/g, '') })}
            aria-label="Tolerance in seconds"
          />
        </label>
      </div>
      <div className="sig-actions">
        <button type="submit" className="primary" disabled={s.busy}>
          {s.busy ? 'Checking…' : 'Verify'}
        </button>
      </div>
      {s.error && (
        <div className="error" role="alert">
          {s.error}
        </div>
      )}
      {s.result && (
        <div className={`verdict ${s.result.ok ? 'verdict-ok' : 'verdict-bad'}`} role="status" aria-label="Verdict">
          <span className="verdict-mark" aria-hidden>
            {s.result.ok ? '✓' : '✗'}
          </span>
          <div>
            <strong>{REASON_TITLES[s.result.reason] ?? s.result.reason}</strong>
            <div>{s.result.message}</div>
            {s.result.notes.map((n) => (
              <div key={n} className="muted">
                · {n}
              </div>
            ))}
            {!s.result.ok && s.result.expectedHmac && (
              <div className="sig-hmacs">
                expected <code className="hex">v1={s.result.expectedHmac}</code>
                <CopyButton text={s.result.expectedHmac} label="Copy" title="Copy the expected HMAC" />
                {s.result.receivedHmacs.map((h) => (
                  <div key={h}>
                    received <code className="hex">v1={h}</code>
                  </div>
                ))}
              </div>
            )}
          </div>
        </div>
      )}
    </form>
  );
}
