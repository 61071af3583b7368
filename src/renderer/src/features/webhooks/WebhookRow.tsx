import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookDto } from '../../../../shared/contract/api';
import { CopyButton } from '../../components/CopyButton';
import { Confirm } from '../api-ui/Confirm';
import { useWebhooks } from './webhooks-store';
import { WebhookForm } from './WebhookForm';
import { count, duration } from '../../format';

type Pending = 'delete' | 'rotate' | null;

/** One webhook: URL, active toggle, secret (reveal / copy / rotate), edit, delete. */
export function WebhookRow({ webhook }: { webhook: WebhookDto }) {
  const { t } = useTranslation(['webhooks', 'common']);
  const { revealed, reveal, hide, rotate, remove, setActive, save, sendTest } = useWebhooks();
  const health = useWebhooks((s) => s.health[webhook.webhookId]);
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const secret = revealed[webhook.eventType];
  const type = webhook.eventType;

  return (
    <>
      <tr>
        <td>
          <code>{type}</code>
        </td>
        <td>
          <code>{webhook.webhookUrl}</code>
          {webhook.authHeader && (
            <div className="muted">
              {t('row.authorization', { value: webhook.authHeader.replace(/(\S{0,10})\S*$/, '$1…') })}
            </div>
          )}
        </td>
        <td>
          <label>
            <input
              type="checkbox"
              checked={webhook.isActive}
              onChange={(e) => void setActive(type, e.target.checked)}
              aria-label={t('row.deliver', { eventType: type })}
            />{' '}
            <span className={`pill ${webhook.isActive ? 'on' : 'off'}`}>
              {webhook.isActive ? t('row.active') : t('row.paused')}
            </span>
          </label>
        </td>
        <td className="wh-health" data-testid={`health-${type}`}>
          {health && health.sample > 0 ? (
            <>
              <span className={health.lastStatus === 'success' ? 'tone-ok' : 'tone-bad'}>
                {health.lastCode === 0 ? t('row.lastNoResponse') : t('row.lastCode', { code: health.lastCode ?? '—' })}
              </span>
              <div className="muted">
                {t('row.healthSummary', {
                  rate: Math.round((health.successRate ?? 0) * 100),
                  p50: duration(health.p50Ms ?? NaN),
                  sample: count(health.sample),
                })}
              </div>
            </>
          ) : (
            <span className="muted">{t('row.noDeliveries')}</span>
          )}
        </td>
        <td>
          {secret ? (
            <span className="secret">
              <code aria-label={t('row.secretOf', { eventType: type })}>{secret}</code>
              <CopyButton
                text={secret}
                label={t('common:action.copy')}
                title={t('row.copySecretOf', { eventType: type })}
              />
              <button type="button" className="btn small" onClick={() => hide(type)}>
                {t('row.hide')}
              </button>
            </span>
          ) : (
            <button type="button" className="btn small" onClick={() => void reveal(type)}>
              {t('row.reveal')}
            </button>
          )}
        </td>
        <td className="actions">
          <button
            type="button"
            className="btn small"
            onClick={() => void sendTest(type)}
            title={t('row.sendTestTitle')}
          >
            {t('row.sendTest')}
          </button>{' '}
          <button type="button" className="btn small" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            {t('row.edit')}
          </button>{' '}
          <button type="button" className="btn small" onClick={() => setPending('rotate')}>
            {t('row.rotate')}
          </button>{' '}
          <button type="button" className="btn small danger" onClick={() => setPending('delete')}>
            {t('common:action.delete')}
          </button>
        </td>
      </tr>
      {pending && (
        <tr>
          <td colSpan={6}>
            <Confirm
              message={
                pending === 'delete'
                  ? t('row.confirmDelete', { eventType: type })
                  : t('row.confirmRotate', { eventType: type })
              }
              confirmLabel={pending === 'delete' ? t('row.deleteWebhook') : t('row.rotateSecret')}
              onCancel={() => setPending(null)}
              onConfirm={() => {
                setPending(null);
                void (pending === 'delete' ? remove(type) : rotate(type));
              }}
            />
          </td>
        </tr>
      )}
      {editing && (
        <tr>
          <td colSpan={6}>
            <WebhookForm
              initial={{ eventType: type, webhookUrl: webhook.webhookUrl, authHeader: webhook.authHeader ?? '' }}
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
