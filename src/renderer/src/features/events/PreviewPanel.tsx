import { Trans, useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { count } from '../../format';
import type { PreviewDto } from '../../../../shared/contract/events';

/** The webhook request's method: HTTP, not a word to translate. */
const METHOD = 'POST';

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The exact request: URL, headers (signature included) and the raw bytes. */
export function PreviewPanel({ preview }: { preview: PreviewDto }) {
  const { t } = useTranslation('events');
  const curl = [
    `curl -X POST ${JSON.stringify(preview.webhook?.url ?? 'http://127.0.0.1:PORT/your-handler')}`,
    ...preview.headers.map((h) => `  -H ${JSON.stringify(`${h.name}: ${h.value}`)}`),
    `  --data-binary ${JSON.stringify(preview.body)}`,
  ].join(' \\\n');
  return (
    <div className="card ev-preview" aria-label={t('preview.label')}>
      <h2>{t('preview.title')}</h2>
      {preview.note && <div className="ev-note">{preview.note}</div>}
      <dl className="facts">
        <dt>{METHOD}</dt>
        <dd>
          <code>{preview.webhook?.url ?? t('preview.noWebhook')}</code>
        </dd>
        {preview.headers.map((h) => (
          <div key={h.name} className="ev-header">
            <dt>{h.name}</dt>
            <dd>
              <code data-testid={`header-${h.name}`}>{h.value}</code>{' '}
              <CopyButton text={h.value} title={t('preview.copyHeader', { name: h.name })} />
            </dd>
          </div>
        ))}
        <dt>{t('preview.body')}</dt>
        <dd>
          <Trans
            t={t}
            i18nKey="preview.size"
            count={preview.bytes}
            values={{ n: count(preview.bytes), eventId: preview.eventId }}
            components={{ code: <code /> }}
          />{' '}
          <CopyButton text={preview.body} label={t('preview.copyRaw')} title={t('preview.copyRawTitle')} />{' '}
          <CopyButton text={curl} label={t('preview.copyCurl')} title={t('preview.copyCurl')} />
        </dd>
      </dl>
      <details>
        <summary>{t('preview.rawBytes')}</summary>
        <pre tabIndex={0} className="ev-raw" data-testid="preview-raw">
          {preview.body}
        </pre>
      </details>
      <pre tabIndex={0} className="ev-pretty">
        {pretty(preview.body)}
      </pre>
      {preview.issues.length > 0 && (
        <ul className="ev-issues" aria-label={t('preview.bodySchemaErrors')}>
          {preview.issues.map((i) => (
            <li key={`${i.pointer}:${i.message}`}>
              <code>{i.path}</code> {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
