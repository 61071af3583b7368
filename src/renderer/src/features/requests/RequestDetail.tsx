import type { ApiRequestDetail } from '../../../../shared/contract/api';
import { CopyButton } from '../../components/CopyButton';
import { dateTime } from '../../format';

function pretty(body: string | null): string {
  if (body === null || body === '') return '(empty)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** One logged request: lint reasons, headers, request and response bodies. */
export function RequestDetail({ detail, onClose }: { detail: ApiRequestDetail; onClose(): void }) {
  return (
    <div className="card req-detail" style={{ maxWidth: 'none' }} role="region" aria-label="Request detail">
      <div className="req-detail-head">
        <h2>
          {detail.method} <code>{detail.path}</code>
          {detail.query && <code className="muted">?{detail.query}</code>} → {detail.status}
        </h2>
        <button type="button" className="btn small" onClick={onClose} aria-label="Close detail">
          Close
        </button>
      </div>
      <p className="muted">
        {dateTime(detail.createdAt)} · {detail.durationMs.toFixed(1)} ms
        {detail.operationId && <> · {detail.operationId}</>}
        {detail.idempotentReplay && <> · replayed (Idempotency-Key)</>}
      </p>
      {detail.lint.length > 0 && (
        <div className="confirm" role="note">
          <strong>Request lint:</strong>
          <ul>
            {detail.lint.map((l) => (
              <li key={l.code + l.message}>{l.message}</li>
            ))}
          </ul>
        </div>
      )}
      <h3>Request headers</h3>
      <pre tabIndex={0} className="req-body">
        {Object.entries(detail.requestHeaders)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n')}
      </pre>
      <h3>
        Request body {detail.requestBodyTruncated && <span className="muted">(truncated)</span>}
        {detail.requestBody && <CopyButton text={detail.requestBody} />}
      </h3>
      <pre tabIndex={0} className="req-body">
        {pretty(detail.requestBody)}
      </pre>
      <h3>
        Response body {detail.responseBodyTruncated && <span className="muted">(truncated)</span>}
        {detail.responseBody && <CopyButton text={detail.responseBody} />}
      </h3>
      <pre tabIndex={0} className="req-body">
        {pretty(detail.responseBody)}
      </pre>
    </div>
  );
}
