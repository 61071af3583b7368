import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { count, dateTime, duration } from '../../format';
import { byteSize, curlCommand, EXAMPLE_TARGET, fromBase64, prettyJson, showBytes } from './bytes';
import { verdictMark, verdictText } from './CaptureList';
import { useTunnel } from './tunnel-store';

/** Whose headers: the request's, or the local target's response. */
type HeadersKind = 'request' | 'response';
/** Which body: the captured request's, the local target's answer, or the replay's answer. */
type BodyKind = 'request' | 'local' | 'replay';
/** The mark before a replay that got no answer (the same glyph as a failed verdict). */
const FAILED = '✗';

function Headers({ headers, kind }: { headers: [string, string][]; kind: HeadersKind }) {
  const { t } = useTranslation(['tunnel', 'common']);
  if (headers.length === 0) return <p className="muted">{t(`headers.none.${kind}`)}</p>;
  return (
    <table className="headers">
      <tbody>
        {headers.map(([k, v], i) => (
          <tr key={i}>
            <th scope="row" translate="no">
              {k}
            </th>
            <td>
              <code>{v}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Body({ base64, kind }: { base64: string; kind: BodyKind }) {
  const { t } = useTranslation(['tunnel', 'common']);
  const [pretty, setPretty] = useState(true);
  const bytes = fromBase64(base64);
  if (bytes.length === 0) return <p className="muted">{t('body.empty')}</p>;
  const shown = showBytes(bytes);
  const json = shown.binary ? null : prettyJson(shown.text);
  const label = t(`body.label.${kind}`);
  return (
    <div className="body-view">
      <div className="body-tools">
        <span className="muted">
          {t('size.bytes', { count: bytes.length, n: count(bytes.length) })}
          {shown.binary && <> · {t('body.binary')}</>}
          {shown.truncated && <> · {t('body.truncated', { size: byteSize(64 * 1024) })}</>}
        </span>
        {json && (
          <label>
            <input type="checkbox" checked={pretty} onChange={(e) => setPretty(e.target.checked)} /> {t('body.pretty')}
          </label>
        )}
        {!shown.binary && (
          <CopyButton text={shown.text} label={t('body.copyRaw')} title={t(`body.copyRawTitle.${kind}`)} />
        )}
      </div>
      <pre tabIndex={0} aria-label={label}>
        {json && pretty ? json : shown.text}
      </pre>
    </div>
  );
}

function ReplayForm({ initial }: { initial: string }) {
  const { t } = useTranslation(['tunnel', 'common']);
  const { replayTo, replay, busy } = useTunnel();
  const [url, setUrl] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void replayTo(url);
  };
  return (
    <form className="replay" onSubmit={submit}>
      <label htmlFor="replay-url">{t('replay.label')}</label>
      <div className="inline">
        <input
          id="replay-url"
          type="url"
          required
          placeholder={EXAMPLE_TARGET}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <button type="submit" className="btn primary" disabled={busy || !url}>
          {t('replay.submit')}
        </button>
      </div>
      {replay && (
        <div className="replay-result" role="status">
          {replay.error ? (
            <span className="st-bad">
              {FAILED} {replay.error}
            </span>
          ) : (
            <span>
              <Trans
                t={t}
                i18nKey="replay.result"
                values={{ status: replay.status ?? '—', duration: duration(replay.durationMs) }}
                components={{ b: <b /> }}
              />
            </span>
          )}
          {!replay.error && <Body base64={replay.bodyBase64} kind="replay" />}
        </div>
      )}
    </form>
  );
}

/** Everything about one capture: request, signature verdict, the local target's answer, replay. */
export function CaptureDetail() {
  const { t } = useTranslation(['tunnel', 'common']);
  const { detail, selectedId, inboxes, inbox } = useTunnel();
  if (!selectedId) return <p className="muted detail-hint">{t('detail.hint')}</p>;
  if (!detail) return <p className="muted detail-hint">{t('common:state.loading')}</p>;
  const v = verdictMark(detail);
  const forwardTo = inboxes.find((i) => i.name === inbox)?.forwardTo ?? '';
  const curl = curlCommand(detail.method, forwardTo || EXAMPLE_TARGET, detail.headers, fromBase64(detail.bodyBase64));
  const answered = { status: detail.responseStatus, duration: duration(detail.durationMs) };
  return (
    <div className="capture-detail">
      <h2>
        {detail.method} <code>{detail.path}</code>
        {detail.query && <code className="muted">?{detail.query}</code>}
      </h2>
      <dl className="facts">
        <dt>{t('detail.received')}</dt>
        <dd>
          <Trans
            t={t}
            i18nKey={detail.via === 'relay' ? 'detail.receivedRelay' : 'detail.receivedHttp'}
            values={{ time: dateTime(detail.receivedAt), source: detail.sourceAddress }}
            components={{ code: <code /> }}
          />
        </dd>
        <dt>{t('detail.signature')}</dt>
        <dd className={v.cls}>
          {v.mark} {verdictText(detail.signature)}
          {(detail.signature.code === 'malformed_header' || detail.signature.code === 'no_v1') && (
            <span className="muted" lang="en">
              {' '}
              ({detail.signature.message})
            </span>
          )}
        </dd>
        <dt>{t('detail.answered')}</dt>
        <dd>
          {detail.forwardTo ? (
            <Trans
              t={t}
              i18nKey="detail.answeredFrom"
              values={{ ...answered, target: detail.forwardTo }}
              components={{ b: <b />, code: <code /> }}
            />
          ) : (
            <Trans t={t} i18nKey="detail.answeredIn" values={answered} components={{ b: <b /> }} />
          )}
          {detail.forwardError && <div className="st-bad">{detail.forwardError}</div>}
        </dd>
        <dt>{t('detail.captureId')}</dt>
        <dd>
          <code>{detail.captureId}</code> <CopyButton text={detail.captureId} />
          {curl && <CopyButton text={curl} label={t('detail.copyCurl')} title={t('detail.copyCurlTitle')} />}
        </dd>
      </dl>
      <h3>{t('detail.requestHeaders')}</h3>
      <Headers headers={detail.headers} kind="request" />
      <h3>{t('detail.requestBody')}</h3>
      <Body base64={detail.bodyBase64} kind="request" />
      {detail.forwardHeaders && (
        <>
          <h3>{t('detail.localResponse', { status: detail.forwardStatus ?? '—' })}</h3>
          <Headers headers={detail.forwardHeaders} kind="response" />
          <Body base64={detail.forwardBodyBase64 ?? ''} kind="local" />
        </>
      )}
      <h3>{t('detail.replay')}</h3>
      <ReplayForm key={detail.captureId} initial={forwardTo} />
    </div>
  );
}
