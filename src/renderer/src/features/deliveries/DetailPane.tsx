import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AttemptDetail, SignatureInspection } from '../../../../shared/contract/inspector';
import { CopyButton } from '../../components/CopyButton';
import { useStudio } from '../../store/studio';
import { count, duration } from '../../format';
import { errorText } from '../api-ui/call';
import { BodyView, HeaderTable } from './BodyView';
import { codeLabel, codeTone } from './match';
import { ReplayPanel } from './ReplayPanel';
import { SignatureTab } from './SignatureTab';
import type { DetailTab } from './store';
import { Timeline } from './Timeline';

const TABS: DetailTab[] = ['request', 'response', 'signature', 'timeline'];

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
  const { t } = useTranslation('deliveryDetail');
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
      setCurlError(errorText(err));
    }
  };

  return (
    <section className="dl-detail" aria-label={t('detail.label', { id: s.attemptId })}>
      <header className="dl-detail-head">
        <div>
          <div className="dl-detail-title">
            <span className={`dl-code big tone-${codeTone(s)}`}>{codeLabel(s.responseCode)}</span>
            <strong>{s.eventType}</strong>
            <span className="muted">
              {' '}
              {t('detail.summary', {
                kind: t(`detail.kind.${s.kind}`),
                n: s.attemptNumber,
                duration: duration(s.durationMs),
              })}
            </span>
          </div>
          <div className="muted dl-detail-sub">
            <code>{s.attemptId}</code> <CopyButton text={s.attemptId} label={t('detail.copyId')} /> ·{' '}
            {detail.request.method} <code>{detail.request.url}</code>
          </div>
          {s.errorMessage && <div className="error dl-inline-error">{s.errorMessage}</div>}
          {s.injected.length > 0 && (
            <div className="dl-injected">
              {t('detail.injected')}{' '}
              {s.injected.map((x) => (
                <span key={x} className="pill pill-injected">
                  {x}
                </span>
              ))}
            </div>
          )}
        </div>
        <div className="dl-actions">
          <button type="button" className="primary" onClick={onReplay} title={t('detail.replayTitle')}>
            {t('detail.replay')}
          </button>
          <button type="button" onClick={() => onReplayMode('to')}>
            {t('detail.replayTo')}
          </button>
          <button type="button" onClick={() => onReplayMode('edit')}>
            {t('detail.editReplay')}
          </button>
          <button type="button" onClick={loadCurl}>
            {t('detail.copyCurl')}
          </button>
        </div>
      </header>
      {curl !== null && (
        <div className="dl-curl">
          <div className="dl-body-bar">
            <span className="muted">{t('curl.hint')}</span>
            <CopyButton text={curl} label={t('curl.copy')} title={t('curl.copyTitle')} />
            <button type="button" className="ghost" onClick={() => setCurl(null)} aria-label={t('curl.close')}>
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
            onNotice(t('detail.replayedAs', { id }));
            onOpen(id);
          }}
        />
      )}
      <div className="tabs" role="tablist" aria-label={t('tabs.label')}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'active' : ''}
            onClick={() => onTab(id)}
          >
            {t(`tabs.${id}`)}
            {id === 'timeline' && <span className="count">{count(detail.timeline.length)}</span>}
            {id === 'signature' && signature && s.platform !== 'oneinbox' && (
              <span aria-hidden> {signature.current.ok ? t('mark.ok') : t('mark.bad')}</span>
            )}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel">
        {tab === 'request' && (
          <>
            <HeaderTable headers={detail.request.headers} />
            <BodyView
              which="request"
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
              <Trans
                t={t}
                i18nKey="response.status"
                values={{ code: codeLabel(detail.response.status), duration: duration(s.durationMs) }}
                components={{ strong: <strong /> }}
              />
              {detail.response.truncated && <span className="muted"> {t('response.truncated')}</span>}
            </p>
            <HeaderTable headers={detail.response.headers} />
            <BodyView which="response" raw={detail.response.body} pretty={detail.response.bodyPretty} />
          </>
        )}
        {tab === 'signature' &&
          (s.platform === 'oneinbox' ? (
            <p className="muted" role="status">
              {t('oneInboxUnsigned')}
            </p>
          ) : (
            <SignatureTab s={signature} />
          ))}
        {tab === 'timeline' && <Timeline items={detail.timeline} currentId={s.attemptId} onOpen={onOpen} />}
      </div>
    </section>
  );
}
