import type { AttemptSummary } from '../../../../shared/contract';
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
  return (
    <ol className="dl-timeline">
      {items.map((t) => (
        <li key={t.attemptId} className={t.attemptId === currentId ? 'current' : ''}>
          <span className={`tl-dot tone-${codeTone(t)}`} aria-hidden />
          <button type="button" className="linkish" onClick={() => onOpen(t.attemptId)}>
            {t.kind === 'replay'
              ? 'Replay'
              : t.kind === 'retry'
                ? `Retry #${t.attemptNumber}`
                : `Try #${t.attemptNumber}`}
          </button>{' '}
          <span className={`dl-code tone-${codeTone(t)}`}>{codeLabel(t.responseCode)}</span>{' '}
          <span className="muted">
            {timeLabel(t.createdAt)} · {t.durationMs} ms{t.replayOf ? ` · replay of ${t.replayOf}` : ''}
            {t.webhookUrl ? ` · ${t.webhookUrl}` : ''}
          </span>
          {t.errorMessage && <div className="tl-error">{t.errorMessage}</div>}
        </li>
      ))}
    </ol>
  );
}
