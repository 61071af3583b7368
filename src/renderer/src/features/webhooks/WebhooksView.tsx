import { useEffect, useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { useStudio } from '../../store/studio';
import '../api-ui/api-ui.css';
import { useWebhooks } from './webhooks-store';
import { WebhookForm } from './WebhookForm';
import { WebhookRow } from './WebhookRow';
import { Confirm } from '../api-ui/Confirm';
import { FireOutcome } from '../events/FireOutcome';

const HEALTH_REFRESH_MS = 1000;

/** "agent.message, agent.wakeup" → both types (commas or spaces). */
export function splitTypes(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}
import { OneInboxWebhooks } from '../oneinbox/OneInboxWebhooks';
import { PlatformSwitch, type Platform } from '../oneinbox/PlatformSwitch';

/** Webhooks per project: list, register, edit, delete, pause, reveal / copy / rotate secrets. */
export function WebhooksView() {
  const client = useStudio((s) => s.client);
  const connection = useStudio((s) => s.connection);
  const { projects, projectId, webhooks, loading, error, issued, load, selectProject, dismissIssued } = useWebhooks();
  const { register, pendingReplace, cancelReplace, test } = useWebhooks();
  const [platform, setPlatform] = useState<Platform>('sonzai');

  useEffect(() => {
    if (!client || connection !== 'connected') return;
    void load();
    // Health follows the deliveries, at most once a second.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const offs = [
      client.on('webhooks.changed', (p) => {
        if (p.projectId === useWebhooks.getState().projectId) void useWebhooks.getState().refresh();
      }),
      client.on('attempt.recorded', () => {
        timer ??= setTimeout(() => {
          timer = null;
          void useWebhooks.getState().refreshHealth();
        }, HEALTH_REFRESH_MS);
      }),
    ];
    return () => {
      if (timer) clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [client, connection, load]);

  if (platform === 'oneinbox')
    return (
      <section className="area">
        <header className="area-head">
          <h1>Webhooks</h1>
          <PlatformSwitch value={platform} onChange={setPlatform} />
        </header>
        <OneInboxWebhooks />
      </section>
    );
  return (
    <section className="area">
      <header className="area-head">
        <h1>Webhooks</h1>
        <PlatformSwitch value={platform} onChange={setPlatform} />
        <label>
          Project{' '}
          <select value={projectId ?? ''} onChange={(e) => void selectProject(e.target.value)} aria-label="Project">
            {projects.map((p) => (
              <option key={p.projectId} value={p.projectId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </header>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {issued && (
        <div className="notice" role="status">
          {issued.message}
          {issued.secrets.map((s) => (
            <div key={s.eventType}>
              Signing secret of <code>{s.eventType}</code> (shown once): <code>{s.secret}</code>{' '}
              <CopyButton text={s.secret} label="Copy secret" />
            </div>
          ))}{' '}
          <button type="button" className="btn small" onClick={dismissIssued}>
            Dismiss
          </button>
        </div>
      )}
      {test && <FireOutcome fired={test} label="Test event" />}
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>Register a webhook</h2>
        <WebhookForm
          onSave={(types, url, auth) => register(splitTypes(types), url, auth)}
          hint="Several event types to one URL: separate them with commas (one registration each, as the Sonzai API requires)."
        />
        {pendingReplace && (
          <Confirm
            message={`${pendingReplace.replaces
              .map((r) => `${r.eventType} already sends to ${r.webhookUrl}`)
              .join('; ')}. Replace with ${pendingReplace.webhookUrl}?`}
            confirmLabel="Replace"
            onCancel={cancelReplace}
            onConfirm={() =>
              void register(pendingReplace.eventTypes, pendingReplace.webhookUrl, pendingReplace.authHeader, true)
            }
          />
        )}
      </div>
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>Registered {loading && <span className="muted">· loading…</span>}</h2>
        {webhooks.length === 0 ? (
          <div className="empty" role="status">
            <h2>No webhooks in this project yet</h2>
            <p>
              Register one above, or from your code with the Sonzai SDK pointed at this studio (
              <code>client.webhooks.register(&quot;agent.message&quot;, …)</code>).
            </p>
          </div>
        ) : (
          <table className="tbl">
            <thead>
              <tr>
                <th>Event type</th>
                <th>URL</th>
                <th>Delivery</th>
                <th>Health</th>
                <th>Signing secret</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {webhooks.map((w) => (
                <WebhookRow key={w.webhookId} webhook={w} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
