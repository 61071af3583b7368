import { useEffect, useMemo, useState } from 'react';
import type { AttemptDetail } from '../../../../shared/contract/inspector';
import { useStudio } from '../../store/studio';
import { useDialogFocus } from '../../components/use-dialog-focus';
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
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const dialog = useDialogFocus<HTMLDivElement>();
  return (
    <div
      ref={dialog}
      className="dl-replay card"
      role="dialog"
      aria-label={mode === 'edit' ? 'Edit and replay' : 'Replay to another URL'}
    >
      <div className="dl-replay-head">
        <h3>{mode === 'edit' ? 'Edit and replay' : 'Replay to another URL'}</h3>
        <button type="button" className="ghost" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </div>
      <label className="dl-field">
        <span>Send to</span>
        <input
          value={to}
          onChange={(e) => setTo(e.target.value)}
          list="dl-targets"
          aria-label="Replay target URL"
          autoFocus={mode === 'to'}
        />
        <datalist id="dl-targets">
          {targets.map((t) => (
            <option key={t.url} value={t.url}>
              {t.local ? 'localhost' : ''}
            </option>
          ))}
        </datalist>
      </label>
      {mode === 'edit' && (
        <>
          <label className="dl-field">
            <span>Body (JSON) — re-signed with the webhook&apos;s current secret</span>
            <textarea
              className="dl-editor"
              spellCheck={false}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              aria-label="Edited body"
              aria-invalid={jsonError !== null}
              rows={14}
              autoFocus
            />
          </label>
          {jsonError && <div className="error">Not valid JSON: {jsonError}</div>}
          <div className="dl-diff" aria-label="Changes">
            {!changed && <p className="muted">No changes yet: the original bytes will be sent.</p>}
            {changed && diff === null && <p className="muted">Too large to diff.</p>}
            {changed &&
              diff &&
              withContext(diff).map((d, i) =>
                d.op === '…' ? (
                  <div key={i} className="diff-fold">
                    ⋯ {d.skipped} unchanged line{d.skipped > 1 ? 's' : ''}
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
          {busy ? 'Replaying…' : 'Replay'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
