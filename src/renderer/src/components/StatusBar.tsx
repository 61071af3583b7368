import { useStudio } from '../store/studio';
import { CopyButton } from './CopyButton';

const CONNECTION_LABEL = {
  connecting: 'Connecting…',
  connected: 'Connected',
  disconnected: 'Disconnected — retrying',
  unauthorized: 'Not authorised',
} as const;

/** Connection state, the mock API URL, the API key and the ready-to-paste env line. */
export function StatusBar() {
  const { connection, connectionDetail, status } = useStudio();
  const envLine = status ? `SONZAI_BASE_URL=${status.apiBaseUrl} SONZAI_API_KEY=${status.apiKey}` : '';
  return (
    <footer className="statusbar" aria-label="Studio status">
      <span className={`conn conn-${connection}`} title={connectionDetail ?? CONNECTION_LABEL[connection]}>
        <span className="dot" aria-hidden /> {CONNECTION_LABEL[connection]}
      </span>
      {status ? (
        <>
          <span className="field">
            <span className="k">API</span>{' '}
            <code data-testid="api-url" title={status.apiBaseUrl}>
              {status.apiBaseUrl}
            </code>
            <CopyButton text={status.apiBaseUrl} title="Copy the mock API URL" />
          </span>
          <span className="field">
            <span className="k">Key</span>{' '}
            <code data-testid="api-key" title={status.apiKey}>
              {status.apiKey}
            </code>
            <CopyButton text={status.apiKey} title="Copy the API key" />
          </span>
          {status.oneInboxApiKey && (
            <span className="field">
              <span className="k">OneInbox</span>{' '}
              <code data-testid="oneinbox-key" title={status.oneInboxApiKey}>
                {status.oneInboxApiKey}
              </code>
              <CopyButton
                text={`ONEINBOX_BASE_URL=${status.oneInboxBaseUrl}\nONEINBOX_API_KEY=${status.oneInboxApiKey}`}
                label="Copy OneInbox env"
                title="Copy ONEINBOX_BASE_URL and ONEINBOX_API_KEY"
              />
            </span>
          )}
          <span className="field env" title={envLine}>
            <code data-testid="env-line">{envLine}</code>
            <CopyButton text={envLine} label="Copy env" title="Copy SONZAI_BASE_URL and SONZAI_API_KEY" />
          </span>
        </>
      ) : (
        <span className="field muted">{connectionDetail ?? 'Waiting for the studio…'}</span>
      )}
    </footer>
  );
}
