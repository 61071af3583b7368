import { useVirtualizer } from '@tanstack/react-virtual';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryAttempt, DeliverySummary } from '../../../../shared/contract/deliveries';
import { ROW_HEIGHT } from './AttemptList';
import { attemptKindLabel, lastLabel, STATE_LABEL, STATE_TONE, triesLabel } from './delivery-labels';
import { codeLabel, codeTone, timeLabel } from './match';
import { dateTime, duration } from '../../format';

export const ATTEMPT_ROW_HEIGHT = 28;

interface Props {
  rows: DeliverySummary[];
  expandedId: string | null;
  attempts: DeliveryAttempt[] | null;
  cursorId: string | null;
  selectedAttemptId: string | null;
  onCursor(deliveryId: string): void;
  onToggle(deliveryId: string): void;
  onOpenAttempt(attemptId: string): void;
  onNearEnd(): void;
}

/**
 * Deliveries, one row per event × webhook (virtualised); the open one lists its attempts below it.
 * A tree grid for assistive technology: delivery rows (level 1) expand into attempt rows (level 2).
 */
export function DeliveryList(p: Props) {
  const { t } = useTranslation(['deliveries', 'common']);
  const { rows, expandedId, attempts, cursorId } = p;
  const parent = useRef<HTMLDivElement>(null);
  const openRows = expandedId ? Math.max(1, attempts?.length ?? 1) : 0;
  // eslint-disable-next-line react-hooks/incompatible-library -- the list re-renders on scroll by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: (i) => ROW_HEIGHT + (rows[i]?.deliveryId === expandedId ? openRows * ATTEMPT_ROW_HEIGHT + 6 : 0),
    getItemKey: (i) => rows[i]?.deliveryId ?? i,
    overscan: 8,
    initialRect: { width: 800, height: 600 },
  });
  useEffect(() => virtualizer.measure(), [virtualizer, expandedId, openRows]);
  const items = virtualizer.getVirtualItems();
  const last = items.length ? items[items.length - 1].index : -1;
  const cursor = rows.findIndex((r) => r.deliveryId === cursorId);

  useEffect(() => {
    if (last >= rows.length - 20) p.onNearEnd();
  }, [last, rows.length, p]);

  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body || document.activeElement.closest('nav'))
      parent.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    if (cursor >= 0) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, virtualizer]);

  return (
    <div
      ref={parent}
      className="dl-list"
      role="treegrid"
      aria-label={t('deliveryList.label')}
      aria-activedescendant={cursor >= 0 ? `dlv-${rows[cursor].deliveryId}` : undefined}
      tabIndex={0}
      data-testid="delivery-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const d = rows[item.index];
          const open = d.deliveryId === expandedId;
          return (
            <div
              key={d.deliveryId}
              role="none"
              className="dl-group"
              style={{ transform: `translateY(${item.start}px)`, height: item.size }}
            >
              <div
                id={`dlv-${d.deliveryId}`}
                role="row"
                aria-level={1}
                aria-selected={open}
                aria-expanded={open}
                className={`dl-row dl-drow${d.deliveryId === cursorId ? ' cursor' : ''}${open ? ' selected' : ''}`}
                style={{ height: ROW_HEIGHT }}
                onClick={() => {
                  p.onCursor(d.deliveryId);
                  p.onToggle(d.deliveryId);
                }}
              >
                <span role="gridcell" className={`dl-state tone-${STATE_TONE[d.state]}`}>
                  {open ? <ChevronDown size={12} aria-hidden /> : <ChevronRight size={12} aria-hidden />}
                  {STATE_LABEL[d.state]}
                </span>
                <span role="gridcell" className="dl-type">
                  {d.eventType}
                  {d.source === 'test' && <span className="pill pill-test"> {t('deliveryList.test')}</span>}
                </span>
                <span role="gridcell" className="dl-url" title={d.webhookUrl}>
                  {d.webhookUrl}
                </span>
                <span role="gridcell" className="dl-kind">
                  {triesLabel(d)}
                </span>
                <span role="gridcell" className="dl-ms" title={lastLabel(d)}>
                  {lastLabel(d)}
                </span>
                <span
                  role="gridcell"
                  className="dl-time"
                  title={dateTime(d.nextAttemptAt ?? d.last?.createdAt ?? d.createdAt)}
                >
                  {d.nextAttemptAt
                    ? t('deliveryList.next', { time: timeLabel(d.nextAttemptAt) })
                    : timeLabel(d.last?.createdAt ?? d.createdAt)}
                </span>
              </div>
              {open && (
                <div
                  role="rowgroup"
                  className="dl-attempts"
                  aria-label={t('deliveryList.attemptsOf', { event: d.eventType, url: d.webhookUrl })}
                >
                  {attempts === null && (
                    <div role="row" aria-level={2} className="muted">
                      <span role="gridcell">{t('common:state.loading')}</span>
                    </div>
                  )}
                  {attempts?.map((a) => (
                    <div key={a.attemptId} role="row" aria-level={2} style={{ height: ATTEMPT_ROW_HEIGHT }}>
                      <span role="gridcell" className="dl-attempt-cell">
                        <button
                          type="button"
                          className={`dl-attempt${a.attemptId === p.selectedAttemptId ? ' selected' : ''}`}
                          onClick={() => p.onOpenAttempt(a.attemptId)}
                        >
                          <span className={`dl-code tone-${codeTone(a)}`}>{codeLabel(a.responseCode)}</span>
                          <span className="dl-attempt-kind">{attemptKindLabel(a)}</span>
                          <span className="dl-ms">{duration(a.durationMs)}</span>
                          <span className="dl-time">{timeLabel(a.createdAt)}</span>
                          {a.errorMessage && (
                            <span className="muted dl-attempt-err" lang="en">
                              {a.errorMessage}
                            </span>
                          )}
                        </button>
                      </span>
                    </div>
                  ))}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
