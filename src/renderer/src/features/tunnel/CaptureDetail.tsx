import { useState, type FormEvent } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { curlCommand, fromBase64, prettyJson, showBytes } from './bytes';
import { verdictMark } from './CaptureList';
import { useTunnel } from './tunnel-store';

function Headers({ headers }: { headers: [string, string][] }) {
  if (headers.length === 0) return <p className="muted">No headers.</p>;
  return (
    <table className="headers">
      <tbody>
        {headers.map(([k, v], i) => (
          <tr key={i}>
            <th scope="row">{k}</th>
            <td>
              <code>{v}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Body({ base64, label }: { base64: string; label: string }) {
  const [pretty, setPretty] = useState(true);
  const bytes = fromBase64(base64);
  if (bytes.length === 0) return <p className="muted">Empty body.</p>;
  const shown = showBytes(bytes);
  const json = shown.binary ? null : prettyJson(shown.text);
  return (
    <div className="body-view">
      <div className="body-tools">
        <span className="muted">
          {bytes.length} bytes{shown.binary ? ' · binary, shown as hex' : ''}
          {shown.truncated ? ' · first 64 KiB shown' : ''}
        </span>
        {json && (
          <label>
            <input type="checkbox" checked={pretty} onChange={(e) => setPretty(e.target.checked)} /> pretty JSON
          </label>
        )}
        {!shown.binary && <CopyButton text={shown.text} label="Copy raw" title={`Copy the raw ${label}`} />}
      </div>
      <pre tabIndex={0} aria-label={label}>
        {json && pretty ? json : shown.text}
      </pre>
    </div>
  );
}

function ReplayForm({ initial }: { initial: string }) {
  const { replayTo, replay, busy } = useTunnel();
  const [url, setUrl] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void replayTo(url);
  };
  return (
    <form className="replay" onSubmit={submit}>
      <label htmlFor="replay-url">Replay the exact bytes and headers to</label>
      <div className="inline">
        <input
          id="replay-url"
          type="url"
          required
          placeholder="http://localhost:3000/webhooks"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <button type="submit" className="btn primary" disabled={busy || !url}>
          Replay
        </button>
      </div>
      {replay && (
        <div className="replay-result" role="status">
          {replay.error ? (
            <span className="st-bad">✗ {replay.error}</span>
          ) : (
            <span>
              → <b>{replay.status}</b> in {replay.durationMs} ms
            </span>
          )}
          {!replay.error && <Body base64={replay.bodyBase64} label="replay response body" />}
        </div>
      )}
    </form>
  );
}

/** Everything about one capture: request, signature verdict, the local target's answer, replay. */
export function CaptureDetail() {
  const { detail, selectedId, inboxes, inbox } = useTunnel();
  if (!selectedId) return <p className="muted detail-hint">Select a request to see its headers, body and verdict.</p>;
  if (!detail) return <p className="muted detail-hint">Loading…</p>;
  const v = verdictMark(detail);
  const forwardTo = inboxes.find((i) => i.name === inbox)?.forwardTo ?? '';
  const curl = curlCommand(
    detail.method,
    forwardTo || 'http://localhost:3000/webhooks',
    detail.headers,
    fromBase64(detail.bodyBase64),
  );
  return (
    <div className="capture-detail">
      <h2>
        {detail.method} <code>{detail.path}</code>
        {detail.query && <code className="muted">?{detail.query}</code>}
      </h2>
      <dl className="facts">
        <dt>Received</dt>
        <dd>
          {detail.receivedAt} via {detail.via === 'relay' ? 'the relay' : 'HTTP'} from{' '}
          <code>{detail.sourceAddress}</code>
        </dd>
        <dt>Signature</dt>
        <dd className={v.cls}>
          {v.mark} {detail.signature.message}
        </dd>
        <dt>Answered</dt>
        <dd>
          <b>{detail.responseStatus}</b> in {detail.durationMs} ms
          {detail.forwardTo && (
            <>
              {' '}
              from <code>{detail.forwardTo}</code>
            </>
          )}
          {detail.forwardError && <div className="st-bad">{detail.forwardError}</div>}
        </dd>
        <dt>Capture id</dt>
        <dd>
          <code>{detail.captureId}</code> <CopyButton text={detail.captureId} />
          {curl && (
            <CopyButton text={curl} label="Copy as curl" title="Copy a curl command that resends this request" />
          )}
        </dd>
      </dl>
      <h3>Request headers</h3>
      <Headers headers={detail.headers} />
      <h3>Request body</h3>
      <Body base64={detail.bodyBase64} label="request body" />
      {detail.forwardHeaders && (
        <>
          <h3>Local response ({detail.forwardStatus})</h3>
          <Headers headers={detail.forwardHeaders} />
          <Body base64={detail.forwardBodyBase64 ?? ''} label="local response body" />
        </>
      )}
      <h3>Replay</h3>
      <ReplayForm key={detail.captureId} initial={forwardTo} />
    </div>
  );
}
