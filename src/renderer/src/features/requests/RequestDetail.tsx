import { useTranslation } from 'react-i18next';
import type { ApiRequestDetail } from '../../../../shared/contract/api';
import { CopyButton } from '../../components/CopyButton';
import { dateTime, duration } from '../../format';

/** The body as sent, indented when it is JSON; null when there is none. */
function pretty(body: string | null): string | null {
  if (body === null || body === '') return null;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** One logged request: lint reasons, headers, request and response bodies. */
export function RequestDetail({ detail, onClose }: { detail: ApiRequestDetail; onClose(): void }) {
  const { t } = useTranslation(['requests', 'common']);
  return (
    <div className="card req-detail" style={{ maxWidth: 'none' }} role="region" aria-label={t('detail.label')}>
      <div className="req-detail-head">
        <h2>
          {detail.method} <code>{detail.path}</code>
          {detail.query && <code className="muted">?{detail.query}</code>} → {detail.status}
        </h2>
        <button type="button" className="btn small" onClick={onClose} aria-label={t('detail.close')}>
          {t('common:action.close')}
        </button>
      </div>
      <p className="muted">
        {dateTime(detail.createdAt)} · {duration(detail.durationMs)}
        {detail.operationId && <> · {detail.operationId}</>}
        {detail.idempotentReplay && <> · {t('detail.replayed')}</>}
      </p>
      {detail.lint.length > 0 && (
        <div className="confirm" role="note">
          <strong>{t('detail.lint')}</strong>
          <ul>
            {detail.lint.map((l) => (
              <li key={l.code + l.message}>{l.message}</li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('detail.requestHeaders')}</h3>
      <pre tabIndex={0} className="req-body">
        {Object.entries(detail.requestHeaders)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n')}
      </pre>
      <h3>
        {t('detail.requestBody')}{' '}
        {detail.requestBodyTruncated && <span className="muted">{t('detail.truncated')}</span>}
        {detail.requestBody && <CopyButton text={detail.requestBody} />}
      </h3>
      <pre tabIndex={0} className="req-body">
        {pretty(detail.requestBody) ?? t('detail.empty')}
      </pre>
      <h3>
        {t('detail.responseBody')}{' '}
        {detail.responseBodyTruncated && <span className="muted">{t('detail.truncated')}</span>}
        {detail.responseBody && <CopyButton text={detail.responseBody} />}
      </h3>
      <pre tabIndex={0} className="req-body">
        {pretty(detail.responseBody) ?? t('detail.empty')}
      </pre>
    </div>
  );
}
