import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { useStudio } from '../../store/studio';
import { errorText } from '../api-ui/call';
import { CaptureDetail } from './CaptureDetail';
import { CaptureList } from './CaptureList';
import { InboxConfig } from './InboxConfig';
import { RelayPanel } from './RelayPanel';
import { subscribeTunnel, useTunnel } from './tunnel-store';
import './tunnel.css';

/** The "Inbox & Tunnel" area: live captures with detail and replay, inbox answer, relay. */
export function TunnelView() {
  const { t } = useTranslation('tunnel');
  const client = useStudio((s) => s.client);
  const connection = useStudio((s) => s.connection);
  const status = useStudio((s) => s.status);
  const { error, inbox, inboxes, load } = useTunnel();

  useEffect(() => {
    if (!client || connection !== 'connected') return;
    void load();
    return subscribeTunnel();
  }, [client, connection, load]);

  const inboxUrl = status ? `${status.apiBaseUrl}/inbox/${inbox}` : null;
  return (
    <section className="area tunnel">
      <header className="area-head">
        <h1>{t('title')}</h1>
      </header>
      {error != null && (
        <div className="error" role="alert">
          {errorText(error)}
        </div>
      )}
      <div className="card inbox-url">
        <label className="inbox-pick">
          <span className="muted">{t('inbox')}</span>{' '}
          <input
            list="tunnel-inboxes"
            value={inbox}
            pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}"
            aria-label={t('inboxName')}
            onChange={(e) => useTunnel.setState({ inbox: e.target.value.trim() || 'dev' })}
          />
          <datalist id="tunnel-inboxes">
            {inboxes.map((i) => (
              <option key={i.name} value={i.name} />
            ))}
          </datalist>
        </label>{' '}
        <span className="muted">{t('url')}</span>{' '}
        {inboxUrl ? (
          <>
            <code>{inboxUrl}</code> <CopyButton text={inboxUrl} />
          </>
        ) : (
          <span className="muted">{t('waiting')}</span>
        )}
      </div>
      <div className="tunnel-grid">
        <CaptureList />
        <div className="tunnel-detail">
          <CaptureDetail />
        </div>
      </div>
      <div className="tunnel-settings">
        <InboxConfig />
        <RelayPanel />
      </div>
    </section>
  );
}
