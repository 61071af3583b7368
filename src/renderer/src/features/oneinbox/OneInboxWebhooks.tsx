import { useEffect, useState, type FormEvent } from 'react';
import { ONEINBOX_EVENT_TYPES, type OneInboxEventType } from '../../../../shared/contract/oneinbox';
import { useStudio } from '../../store/studio';
import { DeliverySettingsCard } from './DeliverySettingsCard';
import { Notices } from './Notices';
import { oneInboxActions, useOneInbox } from './store';
import './oneinbox.css';

/** A random path segment, for a receiver that has no other way to tell OneInbox's requests apart. */
function secretSegment(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function RegisterForm() {
  const [name, setName] = useState('Call events');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<OneInboxEventType[]>([...ONEINBOX_EVENT_TYPES]);
  const [secretPath, setSecretPath] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const full = secretPath ? `${url.replace(/\/+$/, '')}/${secretSegment()}` : url;
    if (await oneInboxActions.register({ name, url: full, events })) setUrl('');
  };
  const toggle = (t: OneInboxEventType) =>
    setEvents((cur) => (cur.includes(t) ? cur.filter((x) => x !== t) : [...cur, t]));
  return (
    <form className="oi-form" onSubmit={(e) => void submit(e)} aria-label="Register a OneInbox webhook">
      <label>
        Name <input aria-label="Webhook name" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        URL{' '}
        <input
          aria-label="Webhook URL"
          type="url"
          placeholder="http://localhost:3000/webhooks/oneinbox"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          required
        />
      </label>
      <fieldset className="oi-events">
        <legend>Events</legend>
        {ONEINBOX_EVENT_TYPES.map((t) => (
          <label key={t}>
            <input type="checkbox" checked={events.includes(t)} onChange={() => toggle(t)} /> <code>{t}</code>
          </label>
        ))}
      </fieldset>
      <label className="oi-optin">
        <input type="checkbox" checked={secretPath} onChange={(e) => setSecretPath(e.target.checked)} /> Add a secret
        path segment to the URL (a defence of your choosing: OneInbox signs nothing)
      </label>
      <button type="submit" className="btn primary" disabled={events.length === 0}>
        Register
      </button>
    </form>
  );
}

/** OneInbox webhooks, by id: register, pause / resume, send a test, delete; the platform's delivery settings. */
export function OneInboxWebhooks() {
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
        OneInbox documents <strong>no signature</strong>: the studio sends its deliveries unsigned, as OneInbox does. If
        your receiver needs to tell them apart, turn on a defence yourself: a secret path segment in the URL, or an auth
        header (below). Neither is OneInbox’s; both are labelled as yours.
      </div>
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>Register a OneInbox webhook</h2>
        <RegisterForm />
      </div>
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>OneInbox webhooks</h2>
        {webhooks.length === 0 ? (
          <p className="empty" role="status">
            No OneInbox webhooks yet. Register one above, or with <code>POST /v1/webhooks</code>.
          </p>
        ) : (
          <table className="tbl" aria-label="OneInbox webhooks">
            <thead>
              <tr>
                <th>Id</th>
                <th>Name</th>
                <th>URL</th>
                <th>Events</th>
                <th>Status</th>
                <th>
                  <span className="sr-only">Actions</span>
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
                        aria-label={`Active ${w.id}`}
                        checked={w.status === 'active'}
                        onChange={(e) => void oneInboxActions.setStatus(w.id, e.target.checked ? 'active' : 'inactive')}
                      />{' '}
                      {w.status === 'active' ? 'Active' : 'Inactive'}
                    </label>
                    {w.status === 'inactive' && (
                      <div className="muted oi-small">Paused: events are dropped, not kept for later.</div>
                    )}
                    {w.skippedWhileInactive > 0 && (
                      <div className="muted oi-small" data-testid="skipped">
                        {w.skippedWhileInactive} dropped while inactive
                      </div>
                    )}
                  </td>
                  <td className="oi-actions">
                    <button type="button" className="btn small" onClick={() => void oneInboxActions.test(w.id)}>
                      Send test
                    </button>
                    <button type="button" className="btn small" onClick={() => void oneInboxActions.remove(w.id)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {lastTest && (
          <div className="oi-test" role="status" aria-label="Test delivery result">
            Test to <code>{lastTest.webhookId}</code>:{' '}
            {lastTest.error
              ? `failed — ${lastTest.error}`
              : `answered ${lastTest.responseStatus}${lastTest.responseBody ? ` ${lastTest.responseBody.slice(0, 200)}` : ''}`}
          </div>
        )}
      </div>
      <DeliverySettingsCard />
    </div>
  );
}
