import { MailOpen, RadioTower } from 'lucide-react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureSummary } from '../../../../shared/contract/tunnel';
import { useTunnel } from './tunnel-store';
import i18next from 'i18next';
import { clockTime, dateTime, duration } from '../../format';

export function verdictMark(c: CaptureSummary): { mark: string; cls: string } {
  if (c.signature.ok === true) return { mark: '✓', cls: 'sig-ok' };
  if (c.signature.ok === false) return { mark: '✗', cls: 'sig-bad' };
  return { mark: '–', cls: 'sig-none' };
}

/** The inbox's signature verdict in the UI's language, from its code and facts. */
export function verdictText(v: CaptureSummary['signature']): string {
  const facts = {
    secretId: v.secretId ?? '',
    eventType: v.eventType ?? '',
    time: v.timestamp === null ? '' : dateTime(new Date(v.timestamp * 1000).toISOString()),
    count: v.checkedSecrets,
    n: v.checkedSecrets,
  };
  return i18next.t(`tunnel:verdict.${v.code}`, facts);
}

function statusClass(status: number): string {
  if (status >= 200 && status < 300) return 'st-ok';
  if (status >= 500 || status === 0) return 'st-bad';
  return 'st-warn';
}

/** The live list of captures, newest first. Arrow keys move the selection. */
export function CaptureList() {
  const { t } = useTranslation('tunnel');
  const { captures, selectedId, select, hasMore, loadMore } = useTunnel();
  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const i = captures.findIndex((c) => c.captureId === selectedId);
    const next = captures[Math.max(0, Math.min(captures.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) void select(next.captureId);
  };
  if (captures.length === 0) {
    return (
      <div className="empty tunnel-empty" role="status">
        <div className="empty-icon" aria-hidden>
          <MailOpen size={36} />
        </div>
        <h2>{t('list.emptyTitle')}</h2>
        <p>{t('list.emptyText')}</p>
      </div>
    );
  }
  return (
    <div className="capture-list">
      <ul role="listbox" aria-label={t('list.label')} tabIndex={0} onKeyDown={onKey}>
        {captures.map((c) => {
          const v = verdictMark(c);
          return (
            <li
              key={c.captureId}
              role="option"
              aria-selected={c.captureId === selectedId}
              className={c.captureId === selectedId ? 'selected' : ''}
              onClick={() => void select(c.captureId)}
            >
              <span className="cap-method">{c.method}</span>
              <span className="cap-path" title={c.path}>
                {c.path}
                {c.query ? `?${c.query}` : ''}
              </span>
              <span className={`cap-sig ${v.cls}`} title={verdictText(c.signature)}>
                {v.mark}
              </span>
              <span className={`cap-status ${statusClass(c.responseStatus)}`}>{c.responseStatus}</span>
              <span className="cap-time muted">
                {c.via === 'relay' ? <RadioTower size={12} aria-label={t('list.viaRelay')} /> : null}{' '}
                {clockTime(c.receivedAt)} · {duration(c.durationMs)}
              </span>
            </li>
          );
        })}
      </ul>
      {hasMore && (
        <button type="button" className="btn" onClick={() => void loadMore()}>
          {t('list.older')}
        </button>
      )}
    </div>
  );
}
