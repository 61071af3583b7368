import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { inboxDefaults, type Inbox } from '../../../../shared/contract/tunnel';
import { EXAMPLE_TARGET } from './bytes';
import { useTunnel } from './tunnel-store';

/** The inbox's answer: forward to a local URL, or a fixed status, body and delay. */
export function InboxConfig() {
  const { inboxes, inbox } = useTunnel();
  const current = inboxes.find((i) => i.name === inbox) ?? inboxDefaults(inbox, '');
  // A new key when the stored config changes re-seeds the form from it.
  return <InboxForm key={`${current.name}@${current.updatedAt}`} current={current} />;
}

function InboxForm({ current }: { current: Inbox }) {
  const { t } = useTranslation(['tunnel', 'common']);
  const { configure, busy } = useTunnel();
  const [forwardTo, setForwardTo] = useState(current.forwardTo ?? '');
  const [status, setStatus] = useState(String(current.responseStatus));
  const [body, setBody] = useState(current.responseBody);
  const [delay, setDelay] = useState(String(current.delayMs));
  const [timeout, setTimeoutMs] = useState(String(current.forwardTimeoutMs));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await configure({
      forwardTo: forwardTo.trim() === '' ? null : forwardTo.trim(),
      responseStatus: Number(status),
      responseBody: body,
      delayMs: Number(delay),
      forwardTimeoutMs: Number(timeout),
    });
  };

  return (
    <form className="card inbox-config" onSubmit={submit} aria-label={t('config.label')}>
      <h2>
        <Trans
          t={t}
          i18nKey="config.title"
          values={{ name: current.name }}
          components={{ code: <code className="muted" /> }}
        />
      </h2>
      <label className="row">
        <span>{t('config.forwardTo')}</span>
        <input
          type="url"
          placeholder={t('config.forwardPlaceholder', { url: EXAMPLE_TARGET })}
          value={forwardTo}
          onChange={(e) => setForwardTo(e.target.value)}
        />
      </label>
      <label className="row">
        <span>{t('config.timeout')}</span>
        <input type="number" min={100} max={120000} value={timeout} onChange={(e) => setTimeoutMs(e.target.value)} />
      </label>
      <fieldset disabled={forwardTo.trim() !== ''} className="fixed-answer">
        <legend className="muted">{t('config.fixed')}</legend>
        <label className="row">
          <span>{t('config.status')}</span>
          <input type="number" min={100} max={599} value={status} onChange={(e) => setStatus(e.target.value)} />
        </label>
        <label className="row">
          <span>{t('config.body')}</span>
          <textarea rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        <label className="row">
          <span>{t('config.delay')}</span>
          <input type="number" min={0} max={60000} value={delay} onChange={(e) => setDelay(e.target.value)} />
        </label>
      </fieldset>
      <button type="submit" className="btn primary" disabled={busy}>
        {t('common:action.save')}
      </button>
    </form>
  );
}
