import { useEffect, useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { useStudio } from '../../store/studio';
import '../api-ui/api-ui.css';
import { useWebhooks } from './webhooks-store';
import { WebhookForm } from './WebhookForm';
import { WebhookRow } from './WebhookRow';
import { OneInboxWebhooks } from '../oneinbox/OneInboxWebhooks';
import { PlatformSwitch, type Platform } from '../oneinbox/PlatformSwitch';

/** Webhooks per project: list, register, edit, delete, pause, reveal / copy / rotate secrets. */
export function WebhooksView() {
  const client = useStudio((s) => s.client);
  const connection = useStudio((s) => s.connection);
  const { projects, projectId, webhooks, loading, error, issued, load, selectProject, save, dismissIssued } =
    useWebhooks();
  const [platform, setPlatform] = useState<Platform>('sonzai');

  useEffect(() => {
    if (!client || connection !== 'connected') return;
    void load();
    return client.on('webhooks.changed', (p) => {
      if (p.projectId === useWebhooks.getState().projectId) void useWebhooks.getState().refresh();
    });
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
          {issued.why === 'created' ? 'Registered' : 'Rotated'} <code>{issued.eventType}</code>. Signing secret:{' '}
          <code>{issued.secret}</code> <CopyButton text={issued.secret} label="Copy secret" />{' '}
          <button type="button" className="btn small" onClick={dismissIssued}>
            Dismiss
          </button>
        </div>
      )}
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>Register a webhook</h2>
        <WebhookForm onSave={save} />
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
                <th>Signing secret</th>
                <th />
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
