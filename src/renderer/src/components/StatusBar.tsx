import { useTranslation } from 'react-i18next';
import { useStudio } from '../store/studio';
import { CopyButton } from './CopyButton';

/** Connection state, the mock API URL, the API key and the ready-to-paste env line. */
export function StatusBar() {
  const { t } = useTranslation('shell');
  const { connection, connectionDetail, status } = useStudio();
  const connectionLabel = t(`status.${connection}`);
  const envLine = status ? `SONZAI_BASE_URL=${status.apiBaseUrl} SONZAI_API_KEY=${status.apiKey}` : '';
  return (
    <footer className="statusbar" aria-label={t('status.label')}>
      <span className={`conn conn-${connection}`} title={connectionDetail ?? connectionLabel}>
        <span className="dot" aria-hidden /> {connectionLabel}
      </span>
      {status ? (
        <>
          <span className="field">
            <span className="k">{t('status.api')}</span>{' '}
            <code data-testid="api-url" title={status.apiBaseUrl}>
              {status.apiBaseUrl}
            </code>
            <CopyButton text={status.apiBaseUrl} title={t('status.copyApiUrl')} />
          </span>
          <span className="field">
            <span className="k">{t('status.key')}</span>{' '}
            <code data-testid="api-key" title={status.apiKey}>
              {status.apiKey}
            </code>
            <CopyButton text={status.apiKey} title={t('status.copyApiKey')} />
          </span>
          {status.oneInboxApiKey && (
            <span className="field">
              <span className="k">{t('status.oneInbox')}</span>{' '}
              <code data-testid="oneinbox-key" title={status.oneInboxApiKey}>
                {status.oneInboxApiKey}
              </code>
              <CopyButton
                text={`ONEINBOX_BASE_URL=${status.oneInboxBaseUrl}\nONEINBOX_API_KEY=${status.oneInboxApiKey}`}
                label={t('status.copyOneInboxEnv')}
                title={t('status.copyOneInboxEnvTitle')}
              />
            </span>
          )}
          <span className="field env" title={envLine}>
            <code data-testid="env-line">{envLine}</code>
            <CopyButton text={envLine} label={t('status.copyEnv')} title={t('status.copyEnvTitle')} />
          </span>
        </>
      ) : (
        <span className="field muted">{connectionDetail ?? t('status.waiting')}</span>
      )}
    </footer>
  );
}
