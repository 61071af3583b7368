import { useEffect, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ONEINBOX_EVENT_TYPES, type OneInboxEventType } from '../../../../shared/contract/oneinbox';
import { count } from '../../format';
import { useStudio } from '../../store/studio';
import { DeliverySettingsCard } from './DeliverySettingsCard';
import { Notices } from './Notices';
import { oneInboxActions, useOneInbox, type TestOutcome } from './store';
import './oneinbox.css';

/** A random path segment, for a receiver that has no other way to tell OneInbox's requests apart. */
function secretSegment(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function RegisterForm() {
  const { t } = useTranslation('oneinbox');
  // The docs' example name: a value the user sends to the API, not a label, so it stays as it is.
  const [name, setName] = useState('Call events');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<OneInboxEventType[]>([...ONEINBOX_EVENT_TYPES]);
  const [secretPath, setSecretPath] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const full = secretPath ? `${url.replace(/\/+$/, '')}/${secretSegment()}` : url;
    if (await oneInboxActions.register({ name, url: full, events })) setUrl('');
  };
  const toggle = (type: OneInboxEventType) =>
    setEvents((cur) => (cur.includes(type) ? cur.filter((x) => x !== type) : [...cur, type]));
  return (
    <form className="oi-form" onSubmit={(e) => void submit(e)} aria-label={t('webhooks.registerTitle')}>
      <label>
        {t('register.name')}{' '}
        <input aria-label={t('register.nameLabel')} value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        {t('register.url')}{' '}
        <input
          aria-label={t('register.urlLabel')}
          type="url"
          placeholder={t('register.urlPlaceholder')}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          required
        />
      </label>
      <fieldset className="oi-events">
        <legend>{t('register.events')}</legend>
        {ONEINBOX_EVENT_TYPES.map((type) => (
          <label key={type}>
            <input type="checkbox" checked={events.includes(type)} onChange={() => toggle(type)} /> <code>{type}</code>
          </label>
        ))}
      </fieldset>
      <label className="oi-optin">
        <input type="checkbox" checked={secretPath} onChange={(e) => setSecretPath(e.target.checked)} />{' '}
        {t('register.secretPath')}
      </label>
      <button type="submit" className="btn primary" disabled={events.length === 0}>
        {t('register.submit')}
      </button>
    </form>
  );
}

/** What the last test delivery got back: an error, or the status and the start of the body. */
function TestResult({ test }: { test: TestOutcome }) {
  const { t } = useTranslation('oneinbox');
  const code = { code: <code /> };
  const id = test.webhookId;
  const status = String(test.responseStatus);
  if (test.error)
    return <Trans t={t} i18nKey="webhooks.testFailed" values={{ id, error: test.error }} components={code} />;
  if (test.responseBody)
    return (
      <Trans
        t={t}
        i18nKey="webhooks.testAnsweredBody"
        values={{ id, status, body: test.responseBody.slice(0, 200) }}
        components={code}
      />
    );
  return <Trans t={t} i18nKey="webhooks.testAnswered" values={{ id, status }} components={code} />;
}

/** OneInbox webhooks, by id: register, pause / resume, send a test, delete; the platform's delivery settings. */
export function OneInboxWebhooks() {
  const { t } = useTranslation(['oneinbox', 'common']);
  const client = useStudio((s) => s.client);
  const connected = useStudio((s) => s.connection === 'connected');
  const { webhooks, lastTest } = useOneInbox();
  useEffect(() => {
    if (!client || !connected) return;
    void oneInboxActions.load();
    return oneInboxActions.subscribe();
  }, [client, connected]);

  return (
    <div className="oi-area">
      <Notices />
      <div className="notice oi-unsigned" role="note">
        <Trans t={t} i18nKey="webhooks.unsigned" components={{ strong: <strong /> }} />
      </div>
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>{t('webhooks.registerTitle')}</h2>
        <RegisterForm />
      </div>
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>{t('webhooks.title')}</h2>
        {webhooks.length === 0 ? (
          <p className="empty" role="status">
            <Trans t={t} i18nKey="webhooks.empty" components={{ code: <code /> }} />
          </p>
        ) : (
          <table className="tbl" aria-label={t('webhooks.title')}>
            <thead>
              <tr>
                <th>{t('webhooks.id')}</th>
                <th>{t('webhooks.name')}</th>
                <th>{t('webhooks.url')}</th>
                <th>{t('webhooks.events')}</th>
                <th>{t('webhooks.status')}</th>
                <th>
                  <span className="sr-only">{t('common:table.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {webhooks.map((w) => (
                <tr key={w.id} data-webhook-id={w.id}>
                  <td>
                    <code>{w.id}</code>
                  </td>
                  <td>{w.name}</td>
                  <td>
                    <code className="oi-url">{w.url}</code>
                  </td>
                  <td className="oi-ev-list">{w.events.join(', ')}</td>
                  <td>
                    <label className="oi-toggle">
                      <input
                        type="checkbox"
                        role="switch"
                        aria-label={t('webhooks.activeLabel', { id: w.id })}
                        checked={w.status === 'active'}
                        onChange={(e) => void oneInboxActions.setStatus(w.id, e.target.checked ? 'active' : 'inactive')}
                      />{' '}
                      {w.status === 'active' ? t('webhooks.active') : t('webhooks.inactive')}
                    </label>
                    {w.status === 'inactive' && <div className="muted oi-small">{t('webhooks.paused')}</div>}
                    {w.skippedWhileInactive > 0 && (
                      <div className="muted oi-small" data-testid="skipped">
                        {t('webhooks.skipped', { count: w.skippedWhileInactive, n: count(w.skippedWhileInactive) })}
                      </div>
                    )}
                  </td>
                  <td className="oi-actions">
                    <button type="button" className="btn small" onClick={() => void oneInboxActions.test(w.id)}>
                      {t('webhooks.sendTest')}
                    </button>
                    <button type="button" className="btn small" onClick={() => void oneInboxActions.remove(w.id)}>
                      {t('common:action.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {lastTest && (
          <div className="oi-test" role="status" aria-label={t('webhooks.testLabel')}>
            <TestResult test={lastTest} />
          </div>
        )}
      </div>
      <DeliverySettingsCard />
    </div>
  );
}
