import type { BulkReplayProgress } from '../../../../shared/contract/inspector';

/** Progress, cancel and the summary of a bulk replay. */
export function BulkReplayBar({
  p,
  onCancel,
  onDismiss,
}: {
  p: BulkReplayProgress;
  onCancel(): void;
  onDismiss(): void;
}) {
  const pct = p.total ? Math.round((p.done / p.total) * 100) : 100;
  const running = p.state === 'running';
  return (
    <div className="dl-bulk" role="status" aria-live="polite">
      <div className="dl-bulk-text">
        {running ? (
          <strong>
            Replaying failed deliveries… {p.done}/{p.total}
          </strong>
        ) : (
          <strong>
            Bulk replay {p.state === 'cancelled' ? 'cancelled' : 'done'}:{' '}
            {p.total === 0 ? 'nothing failed in this filter. ' : ''}
          </strong>
        )}{' '}
        <span className="tone-ok">✓ {p.succeeded} succeeded</span> ·{' '}
        <span className="tone-bad">✗ {p.failed} still failing</span>
        {p.errors > 0 && <span className="tone-warn"> · {p.errors} could not be replayed</span>}
        {!running && p.done < p.total && <span className="muted"> · {p.total - p.done} not sent</span>}
        {p.lastErrors.length > 0 && <div className="muted">{p.lastErrors.join(' · ')}</div>}
      </div>
      <progress max={Math.max(1, p.total)} value={p.done} aria-label="Bulk replay progress">
        {pct}%
      </progress>
      {running ? (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      ) : (
        <button type="button" className="ghost" onClick={onDismiss} aria-label="Dismiss">
          ✕
        </button>
      )}
    </div>
  );
}
