import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryCounts } from '../../../../shared/contract/deliveries';
import { useStudio } from '../../store/studio';
import { useEvents } from './store';
import { count } from '../../format';

const REFRESH_MS = 500;

/** What the burst's deliveries became: delivered / retrying / failed, counted by the store as attempts arrive. */
export function BurstOutcome() {
  const { t } = useTranslation('events');
  const client = useStudio((s) => s.client);
  const burst = useEvents((s) => s.burst);
  const events = useEvents((s) => s.burstEvents);
  const [counts, setCounts] = useState<DeliveryCounts | null>(null);
  const done = burst !== null && burst.state !== 'running';
  const first = events?.first;
  const last = done ? events?.last : undefined;
  const eventType = burst?.eventType;

  useEffect(() => {
    if (!client || !first || !eventType) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer = null;
      client
        .call('deliveries.counts', {
          filter: { source: 'burst', eventType, fromEvent: first, ...(last ? { toEvent: last } : {}) },
        })
        .then((c) => live && setCounts(c))
        .catch(() => {});
    };
    refresh();
    const off = client.on('attempt.recorded', (a) => {
      if (a.eventType === eventType) timer ??= setTimeout(refresh, REFRESH_MS);
    });
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      off();
    };
  }, [client, first, last, eventType]);

  if (!burst || !first || !counts) return null;
  const failed = counts.failing - counts.retrying;
  return (
    <div className="ev-outcome-sum" data-testid="burst-outcome" aria-live="polite">
      <span className="tone-ok">{t('outcome.delivered', { n: count(counts.delivered) })}</span> ·{' '}
      <span className="tone-warn">{t('outcome.retrying', { n: count(counts.retrying) })}</span> ·{' '}
      <span className="tone-bad">{t('outcome.failed', { n: count(failed) })}</span>
      <span className="muted">
        {' '}
        {t('outcome.ofDeliveries', { count: counts.deliveries, n: count(counts.deliveries) })}
      </span>
    </div>
  );
}
