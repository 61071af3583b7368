import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttemptDetail } from '../../../../shared/contract/inspector';
import { useStudio } from '../../store/studio';
import { useDialogFocus } from '../../components/use-dialog-focus';
import { count } from '../../format';
import { errorText } from '../api-ui/call';
import { lineDiff, withContext } from './diff';

type Mode = 'to' | 'edit';

/** Replay to another URL (localhost suggestions), or edit the body and replay (re-signed, diff shown). */
export function ReplayPanel({
  detail,
  mode,
  onClose,
  onReplayed,
}: {
  detail: AttemptDetail;
  mode: Mode;
  onClose(): void;
  onReplayed(attemptId: string): void;
}) {
  const { t } = useTranslation(['deliveryDetail', 'common']);
  const original = detail.request.bodyPretty ?? detail.request.bodyText;
  const [to, setTo] = useState(detail.request.url);
  const [body, setBody] = useState(original);
  const [targets, setTargets] = useState<{ url: string; local: boolean }[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const c = useStudio.getState().client;
    void c
      ?.call('attempts.recentTargets', {})
      .then((r) => setTargets(r.targets))
      .catch(() => {});
  }, []);

  const jsonError = useMemo(() => {
    if (mode !== 'edit') return null;
    try {
      JSON.parse(body);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  }, [body, mode]);
  const diff = useMemo(() => (mode === 'edit' ? lineDiff(original, body) : null), [mode, original, body]);
  const changed = diff?.some((d) => d.op !== ' ') ?? false;

  const send = async () => {
    const c = useStudio.getState().client;
    if (!c) return;
    setBusy(true);
    setError(null);
    try {
      // An unchanged pretty view is not an edit: the original bytes are replayed as they were.
      const edited = mode === 'edit' && changed ? JSON.stringify(JSON.parse(body)) : undefined;
      const r = await c.call('attempts.replay', {
        attemptId: detail.summary.attemptId,
        ...(to && to !== detail.request.url ? { to } : {}),
        ...(edited !== undefined ? { body: edited } : {}),
      });
      onReplayed(r.attemptId);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const dialog = useDialogFocus<HTMLDivElement>();
  const title = mode === 'edit' ? t('replay.titleEdit') : t('replay.titleTo');
  return (
    <div ref={dialog} className="dl-replay card" role="dialog" aria-label={title}>
      <div className="dl-replay-head">
        <h3>{title}</h3>
        <button type="button" className="ghost" onClick={onClose} aria-label={t('common:action.close')}>
          ✕
        </button>
      </div>
      <label className="dl-field">
        <span>{t('replay.sendTo')}</span>
        <input
          value={to}
          onChange={(e) => setTo(e.target.value)}
          list="dl-targets"
          aria-label={t('replay.target')}
          autoFocus={mode === 'to'}
        />
        <datalist id="dl-targets">
          {targets.map((x) => (
            <option key={x.url} value={x.url}>
              {x.local ? t('replay.local') : ''}
            </option>
          ))}
        </datalist>
      </label>
      {mode === 'edit' && (
        <>
          <label className="dl-field">
            <span>{t('replay.bodyLabel')}</span>
            <textarea
              className="dl-editor"
              spellCheck={false}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              aria-label={t('replay.editedBody')}
              aria-invalid={jsonError !== null}
              rows={14}
              autoFocus
            />
          </label>
          {jsonError && <div className="error">{t('replay.invalidJson', { detail: jsonError })}</div>}
          <div className="dl-diff" aria-label={t('replay.changes')}>
            {!changed && <p className="muted">{t('replay.noChanges')}</p>}
            {changed && diff === null && <p className="muted">{t('replay.tooLarge')}</p>}
            {changed &&
              diff &&
              withContext(diff).map((d, i) =>
                d.op === '…' ? (
                  <div key={i} className="diff-fold">
                    {t('replay.unchanged', { count: d.skipped, n: count(d.skipped) })}
                  </div>
                ) : (
                  <div key={i} className={`diff-${d.op === '+' ? 'add' : d.op === '-' ? 'del' : 'same'}`}>
                    <span aria-hidden>{d.op}</span> {d.text}
                  </div>
                ),
              )}
          </div>
        </>
      )}
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <div className="dl-actions">
        <button type="button" className="primary" onClick={send} disabled={busy || jsonError !== null || !to}>
          {busy ? t('replay.replaying') : t('replay.replay')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common:action.cancel')}
        </button>
      </div>
    </div>
  );
}
