import { useState } from 'react';
import type { WebhookDto } from '../../../../shared/contract/api';
import { CopyButton } from '../../components/CopyButton';
import { Confirm } from '../api-ui/Confirm';
import { useWebhooks } from './webhooks-store';
import { WebhookForm } from './WebhookForm';

type Pending = 'delete' | 'rotate' | null;

/** One webhook: URL, active toggle, secret (reveal / copy / rotate), edit, delete. */
export function WebhookRow({ webhook }: { webhook: WebhookDto }) {
  const { revealed, reveal, hide, rotate, remove, setActive, save, sendTest } = useWebhooks();
  const health = useWebhooks((s) => s.health[webhook.webhookId]);
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const secret = revealed[webhook.eventType];
  const t = webhook.eventType;

  return (
    <>
      <tr>
        <td>
          <code>{t}</code>
        </td>
        <td>
          <code>{webhook.webhookUrl}</code>
          {webhook.authHeader && (
            <div className="muted">Authorization: {webhook.authHeader.replace(/(\S{0,10})\S*$/, '$1…')}</div>
          )}
        </td>
        <td>
          <label>
            <input
              type="checkbox"
              checked={webhook.isActive}
              onChange={(e) => void setActive(t, e.target.checked)}
              aria-label={`Deliver ${t}`}
            />{' '}
            <span className={`pill ${webhook.isActive ? 'on' : 'off'}`}>{webhook.isActive ? 'active' : 'paused'}</span>
          </label>
        </td>
        <td className="wh-health" data-testid={`health-${t}`}>
          {health && health.sample > 0 ? (
            <>
              <span className={health.lastStatus === 'success' ? 'tone-ok' : 'tone-bad'}>
                last {health.lastCode === 0 ? 'no response' : health.lastCode}
              </span>
              <div className="muted">
                {Math.round((health.successRate ?? 0) * 100)}% ok · p50 {health.p50Ms} ms · last {health.sample}
              </div>
            </>
          ) : (
            <span className="muted">no deliveries yet</span>
          )}
        </td>
        <td>
          {secret ? (
            <span className="secret">
              <code aria-label={`Signing secret of ${t}`}>{secret}</code>
              <CopyButton text={secret} label="Copy" title={`Copy the signing secret of ${t}`} />
              <button type="button" className="btn small" onClick={() => hide(t)}>
                Hide
              </button>
            </span>
          ) : (
            <button type="button" className="btn small" onClick={() => void reveal(t)}>
              Reveal secret
            </button>
          )}
        </td>
        <td className="actions">
          <button
            type="button"
            className="btn small"
            onClick={() => void sendTest(t)}
            title="The studio's own sample of this type, marked as a test (the Sonzai API has no test endpoint)"
          >
            Send test event
          </button>{' '}
          <button type="button" className="btn small" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            Edit
          </button>{' '}
          <button type="button" className="btn small" onClick={() => setPending('rotate')}>
            Rotate
          </button>{' '}
          <button type="button" className="btn small danger" onClick={() => setPending('delete')}>
            Delete
          </button>
        </td>
      </tr>
      {pending && (
        <tr>
          <td colSpan={6}>
            <Confirm
              message={
                pending === 'delete'
                  ? `Delete the ${t} webhook? Deliveries for it stop at once.`
                  : `Rotate the ${t} secret? The old secret stops working at once.`
              }
              confirmLabel={pending === 'delete' ? 'Delete webhook' : 'Rotate secret'}
              onCancel={() => setPending(null)}
              onConfirm={() => {
                setPending(null);
                void (pending === 'delete' ? remove(t) : rotate(t));
              }}
            />
          </td>
        </tr>
      )}
      {editing && (
        <tr>
          <td colSpan={6}>
            <WebhookForm
              initial={{ eventType: t, webhookUrl: webhook.webhookUrl, authHeader: webhook.authHeader ?? '' }}
              onCancel={() => setEditing(false)}
              onSave={async (et, url, auth) => {
                const ok = await save(et, url, auth);
                if (ok) setEditing(false);
                return ok;
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}
