import { useTranslation } from 'react-i18next';
import type { BulkReplayProgress } from '../../../../shared/contract/inspector';
import { count } from '../../format';

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
  const { t } = useTranslation(['deliveries', 'common']);
  const pct = p.total ? Math.round((p.done / p.total) * 100) : 100;
  const running = p.state === 'running';
  const cancelled = p.state === 'cancelled';
  const nothing = p.total === 0;
  return (
    <div className="dl-bulk" role="status" aria-live="polite">
      <div className="dl-bulk-text">
        <strong>
          {running
            ? t('bulk.running', { done: count(p.done), total: count(p.total) })
            : cancelled
              ? nothing
                ? t('bulk.cancelledNothing')
                : t('bulk.cancelled')
              : nothing
                ? t('bulk.doneNothing')
                : t('bulk.done')}
        </strong>{' '}
        <span className="tone-ok">{t('bulk.succeeded', { n: count(p.succeeded) })}</span> ·{' '}
        <span className="tone-bad">{t('bulk.stillFailing', { n: count(p.failed) })}</span>
        {p.errors > 0 && <span className="tone-warn"> · {t('bulk.errors', { n: count(p.errors) })}</span>}
        {!running && p.done < p.total && (
          <span className="muted"> · {t('bulk.notSent', { n: count(p.total - p.done) })}</span>
        )}
        {p.lastErrors.length > 0 && <div className="muted">{p.lastErrors.join(' · ')}</div>}
      </div>
      <progress max={Math.max(1, p.total)} value={p.done} aria-label={t('bulk.progress')}>
        {pct}%
      </progress>
      {running ? (
        <button type="button" onClick={onCancel}>
          {t('common:action.cancel')}
        </button>
      ) : (
        <button type="button" className="ghost" onClick={onDismiss} aria-label={t('bulk.dismiss')}>
          ✕
        </button>
      )}
    </div>
  );
}
