import { useEffect, useState } from 'react';
import type { AttemptFilter, BulkReplayPlan } from '../../../../shared/contract/inspector';
import { useStudio } from '../../store/studio';
import { useDialogFocus } from '../../components/use-dialog-focus';
import { count } from '../../format';

/**
 * Before a bulk replay: how many deliveries it sends and to which URLs, and the choice to
 * include deliveries whose automatic retry is still scheduled (left out by default: the
 * handler would get the event twice).
 */
export function BulkReplayPreview({
  filter,
  onStart,
  onClose,
}: {
  filter: AttemptFilter;
  onStart(includeScheduled: boolean): void;
  onClose(): void;
}) {
  const [includeScheduled, setInclude] = useState(false);
  const [plan, setPlan] = useState<BulkReplayPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const c = useStudio.getState().client;
    if (!c) return;
    let live = true;
    c.call('attempts.bulkReplay.preview', { filter, includeScheduled })
      .then((p) => live && (setPlan(p), setError(null)))
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [filter, includeScheduled]);
  const named = plan?.urls.reduce((n, u) => n + u.count, 0) ?? 0;
  const dialog = useDialogFocus<HTMLDivElement>();
  return (
    <div
      ref={dialog}
      className="dl-bulk dl-bulk-preview"
      role="dialog"
      aria-label="Replay failed deliveries"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      {error && <p className="error">{error}</p>}
      {!plan && !error && <p className="muted">Counting failed deliveries…</p>}
      {plan && (
        <>
          <p>
            <strong>
              {plan.total === 0
                ? 'No failed delivery to replay in this filter.'
                : `Replay ${count(plan.total)} failed ${plan.total === 1 ? 'delivery' : 'deliveries'}`}
            </strong>
            {plan.total > 0 && ` to ${plan.urls.length} ${plan.urls.length === 1 ? 'URL' : 'URLs'}:`}
          </p>
          {plan.urls.length > 0 && (
            <ul className="dl-bulk-urls">
              {plan.urls.map((u) => (
                <li key={u.url}>
                  <code>{u.url}</code> · {count(u.count)}
                </li>
              ))}
              {plan.total > named && <li className="muted">and {plan.total - named} more to other URLs</li>}
            </ul>
          )}
          <label className="dl-bulk-scheduled">
            <input type="checkbox" checked={includeScheduled} onChange={(e) => setInclude(e.target.checked)} /> Also
            replay deliveries whose automatic retry is still scheduled
            {!includeScheduled && plan.skippedScheduled > 0 && ` (${plan.skippedScheduled} left out)`}
          </label>
          <div className="dl-actions">
            <button
              type="button"
              className="primary"
              disabled={plan.total === 0}
              onClick={() => onStart(includeScheduled)}
            >
              Replay {count(plan.total)}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
    </div>
  );
}
