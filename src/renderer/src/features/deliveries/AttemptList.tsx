import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttemptSummary } from '../../../../shared/contract';
import { codeLabel, codeTone, timeLabel } from './match';
import { dateTime, duration } from '../../format';

export const ROW_HEIGHT = 34;

interface Props {
  rows: AttemptSummary[];
  selectedId: string | null;
  cursor: number;
  onCursor(index: number): void;
  onOpen(index: number): void;
  onNearEnd(): void;
}

/** The deliveries list: only the rows in view (plus a few) are in the DOM. */
export function AttemptList({ rows, selectedId, cursor, onCursor, onOpen, onNearEnd }: Props) {
  const { t } = useTranslation('deliveries');
  const parent = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the list re-renders on scroll by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 800, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const last = items.length ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (last >= rows.length - 20) onNearEnd();
  }, [last, rows.length, onNearEnd]);

  // Keyboard first: the list has focus when the view opens.
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body || document.activeElement.closest('nav'))
      parent.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    if (cursor >= 0 && cursor < rows.length) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, rows.length, virtualizer]);

  return (
    <div
      ref={parent}
      className="dl-list"
      role="listbox"
      aria-label={t('attemptList.label')}
      aria-activedescendant={rows[cursor] ? `att-${rows[cursor].attemptId}` : undefined}
      tabIndex={0}
      data-testid="attempt-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const a = rows[item.index];
          const tone = codeTone(a);
          return (
            <div
              key={a.attemptId}
              id={`att-${a.attemptId}`}
              role="option"
              aria-selected={a.attemptId === selectedId}
              className={`dl-row${item.index === cursor ? ' cursor' : ''}${a.attemptId === selectedId ? ' selected' : ''}`}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              onClick={() => {
                onCursor(item.index);
                onOpen(item.index);
              }}
            >
              <span className={`dl-code tone-${tone}`} title={t(`attemptList.status.${a.status}`)}>
                {codeLabel(a.responseCode)}
              </span>
              <span className="dl-type">{a.eventType}</span>
              <span className="dl-url" title={a.webhookUrl}>
                {a.webhookUrl}
              </span>
              <span className="dl-kind">
                {a.kind !== 'delivery' && (
                  <span className={`pill pill-${a.kind}`}>{t(`attemptList.kind.${a.kind}`)}</span>
                )}
                {a.injected.length > 0 && (
                  <span className="pill pill-injected" title={a.injected.join(', ')}>
                    {t('attemptList.injected')}
                  </span>
                )}
              </span>
              <span className="dl-ms">{duration(a.durationMs)}</span>
              <span className="dl-time" title={dateTime(a.createdAt)}>
                {timeLabel(a.createdAt)}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
