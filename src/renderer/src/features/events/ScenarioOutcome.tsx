import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliverySummary } from '../../../../shared/contract/deliveries';
import { formatRoute } from '../../store/route';
import { useStudio } from '../../store/studio';
import { STATE_LABEL, STATE_TONE } from '../deliveries/delivery-labels';
import { codeLabel } from '../deliveries/match';
import { useEvents } from './store';
import { count } from '../../format';

const REFRESH_MS = 500;
/** Rows the summary reads (a scenario has at most 500 steps). */
const MAX_ROWS = 500;

/** One row per step a scenario run fired: what its deliveries became, live, and the counts. */
export function ScenarioOutcome() {
  const { t } = useTranslation('events');
  const client = useStudio((s) => s.client);
  const steps = useEvents((s) => s.runSteps);
  const [rows, setRows] = useState<DeliverySummary[]>([]);
  const first = steps[0]?.eventId;
  const last = steps.at(-1)?.eventId;

  useEffect(() => {
    if (!client || !first || !last) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer = null;
      client
        .call('deliveries.list', {
          filter: { source: 'scenario', fromEvent: first, toEvent: last },
          limit: MAX_ROWS,
        })
        .then((r) => live && setRows(r.deliveries))
        .catch(() => {});
    };
    refresh();
    const off = client.on('attempt.recorded', () => {
      timer ??= setTimeout(refresh, REFRESH_MS);
    });
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      off();
    };
  }, [client, first, last]);

  if (!steps.length) return null;
  const countOf = (state: DeliverySummary['state']) => count(rows.filter((r) => r.state === state).length);
  return (
    <div className="ev-scenario-outcome">
      <div className="ev-outcome-sum" data-testid="scenario-outcome">
        <span className="tone-ok">{t('outcome.delivered', { n: countOf('delivered') })}</span> ·{' '}
        <span className="tone-warn">{t('outcome.retrying', { n: countOf('retrying') })}</span> ·{' '}
        <span className="tone-bad">{t('outcome.failed', { n: countOf('failed') })}</span>
      </div>
      <ol className="ev-outcomes" aria-label={t('outcome.stepsFired')}>
        {steps.map((step) => {
          const mine = rows.filter((r) => r.eventId === step.eventId);
          return (
            <li key={step.eventId} data-testid="scenario-step">
              <code>{step.eventType}</code>{' '}
              {mine.length === 0 && <span className="muted">{rows.length ? t('outcome.noDelivery') : '…'}</span>}
              {mine.map((d) => (
                <span key={d.deliveryId}>
                  <span className={`dl-state tone-${STATE_TONE[d.state]}`}>{STATE_LABEL[d.state]}</span>
                  {d.last && <span className="ev-outcome-code"> ← {codeLabel(d.last.responseCode)}</span>}{' '}
                  <a href={formatRoute({ area: 'deliveries', item: { kind: 'delivery', id: d.deliveryId } })}>
                    {t('outcome.open')}
                  </a>{' '}
                </span>
              ))}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
