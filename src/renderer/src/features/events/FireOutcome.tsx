import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliverySummary } from '../../../../shared/contract/deliveries';
import type { FireResultDto } from '../../../../shared/contract/events';
import { formatRoute } from '../../store/route';
import { useStudio } from '../../store/studio';
import { STATE_LABEL, STATE_TONE } from '../deliveries/delivery-labels';
import { codeLabel } from '../deliveries/match';
import { clockTime, count, duration } from '../../format';

/** The state of a delivery the list has not returned yet: just created, not tried. */
const NOT_LISTED_YET: DeliverySummary['state'] = 'scheduled';

/** What each delivery of the last fire became, live: state, response code, latency, a link to it. */
export function FireOutcome({ fired, label }: { fired: FireResultDto; label?: string }) {
  const { t } = useTranslation('events');
  const title = label ?? t('fire.fired');
  const client = useStudio((s) => s.client);
  const [rows, setRows] = useState<Record<string, DeliverySummary>>({});
  const ids = fired.deliveries.map((d) => d.deliveryId);
  const key = ids.join(',');

  useEffect(() => {
    if (!client || !key) return;
    const wanted = key.split(',');
    let live = true;
    const refresh = () =>
      client
        .call('deliveries.list', { filter: {}, ids: wanted, limit: wanted.length })
        .then((r) => live && setRows(Object.fromEntries(r.deliveries.map((d) => [d.deliveryId, d]))))
        .catch(() => {});
    void refresh();
    const off = client.on('attempt.recorded', (a) => {
      if (a.deliveryId && wanted.includes(a.deliveryId)) void refresh();
    });
    return () => {
      live = false;
      off();
    };
  }, [client, key]);

  return (
    <div className="card ev-fired" role="status" aria-label={title}>
      <div>
        {title} <code>{fired.eventType}</code> <code>{fired.eventId}</code> ·{' '}
        {t('fire.bytes', { count: fired.bytes, n: count(fired.bytes) })} ·{' '}
        {fired.deliveries.length === 0
          ? t('fire.nothingDelivered')
          : t('fire.deliveries', { count: fired.deliveries.length, n: count(fired.deliveries.length) })}
      </div>
      {fired.deliveries.length > 0 && (
        <ul className="ev-outcomes">
          {fired.deliveries.map((d) => {
            const r = rows[d.deliveryId];
            const state = r?.state ?? NOT_LISTED_YET;
            return (
              <li key={d.deliveryId} data-testid="fire-outcome">
                <code className="ev-outcome-url">{d.webhookUrl}</code>{' '}
                <span className={`dl-state tone-${STATE_TONE[state]}`}>{STATE_LABEL[state]}</span>
                {r?.last && (
                  <>
                    {' '}
                    <span className="ev-outcome-code">← {codeLabel(r.last.responseCode)}</span>{' '}
                    {t('fire.took', { duration: duration(r.last.durationMs) })}
                  </>
                )}
                {r?.nextAttemptAt && <> · {t('fire.nextTry', { time: clockTime(r.nextAttemptAt) })}</>}{' '}
                <a href={formatRoute({ area: 'deliveries', item: { kind: 'delivery', id: d.deliveryId } })}>
                  {t('fire.openInDeliveries')}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
