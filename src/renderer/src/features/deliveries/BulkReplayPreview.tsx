import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AttemptFilter, BulkReplayPlan } from '../../../../shared/contract/inspector';
import { useStudio } from '../../store/studio';
import { useDialogFocus } from '../../components/use-dialog-focus';
import { count } from '../../format';
import { errorText } from '../api-ui/call';

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
  const { t } = useTranslation(['deliveries', 'common']);
  const [includeScheduled, setInclude] = useState(false);
  const [plan, setPlan] = useState<BulkReplayPlan | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const c = useStudio.getState().client;
    if (!c) return;
    let live = true;
    c.call('attempts.bulkReplay.preview', { filter, includeScheduled })
      .then((p) => live && (setPlan(p), setError(null)))
      .catch((err: unknown) => live && setError(err));
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
      aria-label={t('preview.label')}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      {error != null && <p className="error">{errorText(error)}</p>}
      {!plan && error == null && <p className="muted">{t('preview.counting')}</p>}
      {plan && (
        <>
          <p>
            {plan.total === 0 ? (
              <strong>{t('preview.nothing')}</strong>
            ) : (
              <Trans
                t={t}
                i18nKey="preview.headline"
                count={plan.total}
                values={{
                  n: count(plan.total),
                  urls: t('preview.urls', { count: plan.urls.length, n: count(plan.urls.length) }),
                }}
                components={[<strong key="headline" />]}
              />
            )}
          </p>
          {plan.urls.length > 0 && (
            <ul className="dl-bulk-urls">
              {plan.urls.map((u) => (
                <li key={u.url}>
                  <code>{u.url}</code> · {count(u.count)}
                </li>
              ))}
              {plan.total > named && <li className="muted">{t('preview.more', { n: count(plan.total - named) })}</li>}
            </ul>
          )}
          <label className="dl-bulk-scheduled">
            <input type="checkbox" checked={includeScheduled} onChange={(e) => setInclude(e.target.checked)} />{' '}
            {!includeScheduled && plan.skippedScheduled > 0
              ? t('preview.scheduledLeftOut', { n: count(plan.skippedScheduled) })
              : t('preview.scheduled')}
          </label>
          <div className="dl-actions">
            <button
              type="button"
              className="primary"
              disabled={plan.total === 0}
              onClick={() => onStart(includeScheduled)}
            >
              {t('preview.start', { n: count(plan.total) })}
            </button>
            <button type="button" onClick={onClose}>
              {t('common:action.cancel')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
