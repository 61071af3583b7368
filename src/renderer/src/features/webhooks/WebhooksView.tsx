import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { useStudio } from '../../store/studio';
import '../api-ui/api-ui.css';
import { useWebhooks, type ActionNote } from './webhooks-store';
import { WebhookForm } from './WebhookForm';
import { WebhookRow } from './WebhookRow';
import { Confirm } from '../api-ui/Confirm';
import { FireOutcome } from '../events/FireOutcome';
import { count, list } from '../../format';

const HEALTH_REFRESH_MS = 1000;

/** "agent.message, agent.wakeup" → both types (commas or spaces). */
export function splitTypes(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}
import { OneInboxWebhooks } from '../oneinbox/OneInboxWebhooks';
import { PlatformSwitch, type Platform } from '../oneinbox/PlatformSwitch';

const code = { code: <code /> };

/** One sentence of what the last action did. */
function Note({ note }: { note: ActionNote }) {
  const { t } = useTranslation('webhooks');
  switch (note.kind) {
    case 'registered':
      return note.eventTypes.length > 1
        ? t('issued.registeredSeveral', {
            types: list(note.eventTypes),
            url: note.webhookUrl,
            n: count(note.eventTypes.length),
          })
        : t('issued.registered', { types: note.eventTypes[0], url: note.webhookUrl });
    case 'replaced':
      return t('issued.replaced', { eventType: note.eventType, url: note.previousUrl });
    case 'updated':
      return t('issued.updated', { eventType: note.eventType, from: note.from, to: note.to });
    case 'saved':
      return t('issued.saved', { eventType: note.eventType });
    case 'rotated':
      return t('issued.rotated', { eventType: note.eventType });
  }
}

/** Webhooks per project: list, register, edit, delete, pause, reveal / copy / rotate secrets. */
export function WebhooksView() {
  const { t } = useTranslation(['webhooks', 'common']);
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
          <h1>{t('title')}</h1>
          <PlatformSwitch value={platform} onChange={setPlatform} />
        </header>
        <OneInboxWebhooks />
      </section>
    );
  return (
    <section className="area">
      <header className="area-head">
        <h1>{t('title')}</h1>
        <PlatformSwitch value={platform} onChange={setPlatform} />
        <label>
          {t('project')}{' '}
          <select
            value={projectId ?? ''}
            onChange={(e) => void selectProject(e.target.value)}
            aria-label={t('project')}
          >
            {projects.map((p) => (
              <option key={p.projectId} value={p.projectId} translate="no">
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
          {issued.notes.map((note, i) => (
            <span key={i}>
              {i > 0 && ' '}
              <Note note={note} />
            </span>
          ))}
          {issued.secrets.map((s) => (
            <div key={s.eventType}>
              <Trans
                t={t}
                i18nKey="issued.secret"
                values={{ eventType: s.eventType, secret: s.secret }}
                components={code}
              />{' '}
              <CopyButton text={s.secret} label={t('issued.copySecret')} />
            </div>
          ))}{' '}
          <button type="button" className="btn small" onClick={dismissIssued}>
            {t('issued.dismiss')}
          </button>
        </div>
      )}
      {test && <FireOutcome fired={test} label={t('testEvent')} />}
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>{t('register.title')}</h2>
        <WebhookForm onSave={(types, url, auth) => register(splitTypes(types), url, auth)} hint={t('register.hint')} />
        {pendingReplace && (
          <Confirm
            message={
              pendingReplace.replaces.length === 1
                ? t('register.replaceOne', {
                    eventType: pendingReplace.replaces[0].eventType,
                    previousUrl: pendingReplace.replaces[0].webhookUrl,
                    url: pendingReplace.webhookUrl,
                  })
                : t('register.replaceSeveral', {
                    replaces: list(pendingReplace.replaces.map((r) => `${r.eventType} → ${r.webhookUrl}`)),
                    url: pendingReplace.webhookUrl,
                  })
            }
            confirmLabel={t('register.replace')}
            onCancel={cancelReplace}
            onConfirm={() =>
              void register(pendingReplace.eventTypes, pendingReplace.webhookUrl, pendingReplace.authHeader, true)
            }
          />
        )}
      </div>
      <div className="card" style={{ maxWidth: 'none' }}>
        <h2>
          {t('list.title')} {loading && <span className="muted">· {t('list.loading')}</span>}
        </h2>
        {webhooks.length === 0 ? (
          <div className="empty" role="status">
            <h2>{t('list.empty')}</h2>
            <p>
              <Trans t={t} i18nKey="list.emptyHint" components={code} />
            </p>
          </div>
        ) : (
          <table className="tbl">
            <thead>
              <tr>
                <th>{t('list.eventType')}</th>
                <th>{t('list.url')}</th>
                <th>{t('list.delivery')}</th>
                <th>{t('list.health')}</th>
                <th>{t('list.secret')}</th>
                <th>
                  <span className="sr-only">{t('common:table.actions')}</span>
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
