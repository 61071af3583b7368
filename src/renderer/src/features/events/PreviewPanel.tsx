import { CopyButton } from '../../components/CopyButton';
import type { PreviewDto } from '../../../../shared/contract/events';

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The exact request: URL, headers (signature included) and the raw bytes. */
export function PreviewPanel({ preview }: { preview: PreviewDto }) {
  const curl = [
    `curl -X POST ${JSON.stringify(preview.webhook?.url ?? 'http://127.0.0.1:PORT/your-handler')}`,
    ...preview.headers.map((h) => `  -H ${JSON.stringify(`${h.name}: ${h.value}`)}`),
    `  --data-binary ${JSON.stringify(preview.body)}`,
  ].join(' \\\n');
  return (
    <div className="card ev-preview" aria-label="Request preview">
      <h2>Exact request</h2>
      {preview.note && <div className="ev-note">{preview.note}</div>}
      <dl className="facts">
        <dt>POST</dt>
        <dd>
          <code>{preview.webhook?.url ?? '— no webhook —'}</code>
        </dd>
        {preview.headers.map((h) => (
          <div key={h.name} className="ev-header">
            <dt>{h.name}</dt>
            <dd>
              <code data-testid={`header-${h.name}`}>{h.value}</code>{' '}
              <CopyButton text={h.value} title={`Copy ${h.name}`} />
            </dd>
          </div>
        ))}
        <dt>Body</dt>
        <dd>
          {preview.bytes} bytes, event <code>{preview.eventId}</code>{' '}
          <CopyButton text={preview.body} label="Copy raw body" title="Copy the exact body bytes" />{' '}
          <CopyButton text={curl} label="Copy as curl" title="Copy as curl" />
        </dd>
      </dl>
      <details>
        <summary>Raw bytes (what is signed)</summary>
        <pre tabIndex={0} className="ev-raw" data-testid="preview-raw">
          {preview.body}
        </pre>
      </details>
      <pre tabIndex={0} className="ev-pretty">
        {pretty(preview.body)}
      </pre>
      {preview.issues.length > 0 && (
        <ul className="ev-issues" aria-label="Body schema errors">
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
