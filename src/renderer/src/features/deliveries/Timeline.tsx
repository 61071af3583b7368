import { useTranslation } from 'react-i18next';
import type { AttemptSummary } from '../../../../shared/contract';
import { count, duration } from '../../format';
import { codeLabel, codeTone, timeLabel } from './match';

/** Every try, retry and replay of the delivery, linked: click one to open it. */
export function Timeline({
  items,
  currentId,
  onOpen,
}: {
  items: AttemptSummary[];
  currentId: string;
  onOpen(id: string): void;
}) {
  const { t } = useTranslation('deliveries');
  return (
    <ol className="dl-timeline">
      {items.map((a) => {
        // Facts of their own, one after another: each is worded whole in the catalog.
        const facts = [
          timeLabel(a.createdAt),
          duration(a.durationMs),
          a.replayOf && t('timeline.replayOf', { id: a.replayOf }),
          a.webhookUrl,
        ].filter(Boolean);
        return (
          <li key={a.attemptId} className={a.attemptId === currentId ? 'current' : ''}>
            <span className={`tl-dot tone-${codeTone(a)}`} aria-hidden />
            <button type="button" className="linkish" onClick={() => onOpen(a.attemptId)}>
              {a.kind === 'replay'
                ? t('timeline.replay')
                : a.kind === 'retry'
                  ? t('timeline.retry', { n: count(a.attemptNumber) })
                  : t('timeline.try', { n: count(a.attemptNumber) })}
            </button>{' '}
            <span className={`dl-code tone-${codeTone(a)}`}>{codeLabel(a.responseCode)}</span>{' '}
            <span className="muted">{facts.join(' · ')}</span>
            {a.errorMessage && <div className="tl-error">{a.errorMessage}</div>}
          </li>
        );
      })}
    </ol>
  );
}
