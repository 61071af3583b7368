import { useState } from 'react';
import type { AttemptDetail, SignatureInspection } from '../../../../shared/contract/inspector';
import { CopyButton } from '../../components/CopyButton';
import { useStudio } from '../../store/studio';
import { BodyView, HeaderTable } from './BodyView';
import { codeLabel, codeTone } from './match';
import { ReplayPanel } from './ReplayPanel';
import { SignatureTab } from './SignatureTab';
import type { DetailTab } from './store';
import { Timeline } from './Timeline';

const TABS: { id: DetailTab; label: string }[] = [
  { id: 'request', label: 'Request' },
  { id: 'response', label: 'Response' },
  { id: 'signature', label: 'Signature' },
  { id: 'timeline', label: 'Timeline' },
];

interface Props {
  detail: AttemptDetail;
  signature: SignatureInspection | null;
  tab: DetailTab;
  onTab(tab: DetailTab): void;
  onOpen(attemptId: string): void;
  onReplay(): void;
  replayMode: 'to' | 'edit' | null;
  onReplayMode(mode: 'to' | 'edit' | null): void;
  onNotice(msg: string): void;
}

/** One attempt: request, response, signature and the delivery's timeline, with replay and export actions. */
export function DetailPane({
  detail,
  signature,
  tab,
  onTab,
  onOpen,
  onReplay,
  replayMode,
  onReplayMode,
  onNotice,
}: Props) {
  const s = detail.summary;
  const [curl, setCurl] = useState<string | null>(null);
  const [curlError, setCurlError] = useState<string | null>(null);

  const loadCurl = async () => {
    const c = useStudio.getState().client;
    if (!c) return;
    try {
      const r = await c.call('attempts.export', { format: 'curl', ids: [s.attemptId] });
      setCurl(r.content);
      setCurlError(null);
    } catch (err) {
      setCurlError((err as Error).message);
    }
  };

  return (
    <section className="dl-detail" aria-label={`Attempt ${s.attemptId}`}>
      <header className="dl-detail-head">
        <div>
          <div className="dl-detail-title">
            <span className={`dl-code big tone-${codeTone(s)}`}>{codeLabel(s.responseCode)}</span>
            <strong>{s.eventType}</strong>
            <span className="muted">
              {' '}
              · {s.kind} #{s.attemptNumber} · {s.durationMs} ms
            </span>
          </div>
          <div className="muted dl-detail-sub">
            <code>{s.attemptId}</code> <CopyButton text={s.attemptId} label="Copy id" /> · POST{' '}
            <code>{detail.request.url}</code>
          </div>
          {s.errorMessage && <div className="error dl-inline-error">{s.errorMessage}</div>}
          {s.injected.length > 0 && (
            <div className="dl-injected">
              Injected faults:{' '}
              {s.injected.map((x) => (
                <span key={x} className="pill pill-injected">
                  {x}
                </span>
              ))}
            </div>
          )}
        </div>
        <div className="dl-actions">
          <button type="button" className="primary" onClick={onReplay} title="Replay to the same URL (r)">
            ↻ Replay
          </button>
          <button type="button" onClick={() => onReplayMode('to')}>
            Replay to…
          </button>
          <button type="button" onClick={() => onReplayMode('edit')}>
            Edit &amp; replay
          </button>
          <button type="button" onClick={loadCurl}>
            Copy as curl
          </button>
        </div>
      </header>
      {curl !== null && (
        <div className="dl-curl">
          <div className="dl-body-bar">
            <span className="muted">curl with the exact bytes and headers (signature included)</span>
            <CopyButton text={curl} label="Copy curl" title="Copy the curl command" />
            <button type="button" className="ghost" onClick={() => setCurl(null)} aria-label="Close curl">
              ✕
            </button>
          </div>
          <pre tabIndex={0} className="dl-pre">
            {curl}
          </pre>
        </div>
      )}
      {curlError && <div className="error">{curlError}</div>}
      {replayMode && (
        <ReplayPanel
          key={`${s.attemptId}-${replayMode}`}
          detail={detail}
          mode={replayMode}
          onClose={() => onReplayMode(null)}
          onReplayed={(id) => {
            onReplayMode(null);
            onNotice(`Replayed as ${id}`);
            onOpen(id);
          }}
        />
      )}
      <div className="tabs" role="tablist" aria-label="Attempt detail">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'active' : ''}
            onClick={() => onTab(t.id)}
          >
            {t.label}
            {t.id === 'timeline' && <span className="count">{detail.timeline.length}</span>}
            {t.id === 'signature' && signature && s.platform !== 'oneinbox' && (
              <span aria-hidden> {signature.current.ok ? '✓' : '✗'}</span>
            )}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel">
        {tab === 'request' && (
          <>
            <HeaderTable headers={detail.request.headers} />
            <BodyView
              label="Request body"
              raw={detail.request.bodyText}
              pretty={detail.request.bodyPretty}
              base64={detail.request.bodyBase64}
              isUtf8={detail.request.isUtf8}
            />
          </>
        )}
        {tab === 'response' && (
          <>
            <p>
              Status <strong>{codeLabel(detail.response.status)}</strong> in {s.durationMs} ms
              {detail.response.truncated && <span className="muted"> · body truncated</span>}
            </p>
            <HeaderTable headers={detail.response.headers} />
            <BodyView label="Response body" raw={detail.response.body} pretty={detail.response.bodyPretty} />
          </>
        )}
        {tab === 'signature' &&
          (s.platform === 'oneinbox' ? (
            <p className="muted" role="status">
              OneInbox documents no signature: this delivery was sent unsigned, as OneInbox sends it. Any auth header
              you turned on is in the request headers.
            </p>
          ) : (
            <SignatureTab s={signature} />
          ))}
        {tab === 'timeline' && <Timeline items={detail.timeline} currentId={s.attemptId} onOpen={onOpen} />}
      </div>
    </section>
  );
}
