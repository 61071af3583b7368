import { ChartLine, MailOpen } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store/studio';
import { Confirm } from '../api-ui/Confirm';
import { errorText } from '../api-ui/call';
import { AttemptList } from './AttemptList';
import { BulkReplayBar } from './BulkReplayBar';
import { BulkReplayPreview } from './BulkReplayPreview';
import { Charts } from './Charts';
import { countsLabel } from './delivery-labels';
import { DeliveryList } from './DeliveryList';
import { DetailPane } from './DetailPane';
import { FilterBar } from './FilterBar';
import { useGrouped } from './grouped-store';
import { subscribeLive, useDeliveries, type Notice } from './store';
import './deliveries.css';
import { count } from '../../format';

/** Exports write at most this many attempts. */
const EXPORT_LIMIT = 1000;
const EXPORT_FORMATS = ['har', 'json'] as const;

function download(filename: string, mimeType: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');

/** Whether the delivery of an attempt already succeeded (by what this view knows of it). */
function alreadySucceeded(attemptId: string): boolean {
  const { detail } = useDeliveries.getState();
  if (detail?.timeline.some((t) => t.attemptId === attemptId))
    return detail.timeline.some((t) => t.status === 'success');
  const g = useGrouped.getState();
  if (g.attempts?.some((a) => a.attemptId === attemptId)) return g.attempts.some((a) => a.status === 'success');
  const row = useDeliveries.getState().rows.find((r) => r.attemptId === attemptId);
  return row?.status === 'success';
}

/**
 * The inspector: deliveries (one row per event × webhook, their final state, attempts
 * inside) or every attempt; live, filterable, virtualised, with detail, replay, export, charts.
 * The keyboard cursor follows an item (its id), not a position: rows arriving live never move it.
 */
export function DeliveriesView() {
  const { t } = useTranslation(['deliveries', 'common']);
  const client = useStudio((s) => s.client);
  const connection = useStudio((s) => s.connection);
  const st = useDeliveries();
  const g = useGrouped();
  const grouped = st.view === 'deliveries';
  const [cursorId, setCursorId] = useState<string | null>(null);
  const [replayMode, setReplayMode] = useState<'to' | 'edit' | null>(null);
  const [showCharts, setShowCharts] = useState(false);
  const [bulkPreview, setBulkPreview] = useState(false);
  const [confirmReplay, setConfirmReplay] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!client) return;
    void useDeliveries.getState().reload();
    return subscribeLive();
  }, [client, connection]);

  // "/" focuses the search from anywhere in the area, also when nothing has focus.
  useEffect(() => {
    const onSlash = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.target !== document.body && e.target !== document.documentElement) return;
      e.preventDefault();
      search.current?.focus();
    };
    window.addEventListener('keydown', onSlash);
    return () => window.removeEventListener('keydown', onSlash);
  }, []);

  useEffect(() => {
    if (!st.notice) return;
    const timer = setTimeout(() => useDeliveries.getState().setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [st.notice]);

  const ids = grouped ? g.rows.map((r) => r.deliveryId) : st.rows.map((r) => r.attemptId);
  const found = cursorId === null ? -1 : ids.indexOf(cursorId);
  const cursor = found >= 0 ? found : 0;
  const currentId = ids[cursor] ?? null;

  const replayNow = useCallback(async (attemptId: string) => {
    const c = useStudio.getState().client;
    if (!c) return;
    try {
      const r = await c.call('attempts.replay', { attemptId });
      useDeliveries.getState().setNotice({ kind: 'replayed', id: attemptId, newId: r.attemptId });
      void useDeliveries.getState().select(r.attemptId);
    } catch (err) {
      useDeliveries.getState().setNotice({ kind: 'replayFailed', error: err });
    }
  }, []);
  /** A delivery that already succeeded is replayed only once the user says so. */
  const replaySame = useCallback(
    (attemptId: string) => {
      if (alreadySucceeded(attemptId)) setConfirmReplay(attemptId);
      else void replayNow(attemptId);
    },
    [replayNow],
  );

  const open = (id: string) => {
    if (grouped) void g.expand(g.expandedId === id ? null : id);
    else void st.select(id);
  };

  const onKey = (e: KeyboardEvent) => {
    if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
    if (e.key === '/') {
      e.preventDefault();
      search.current?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'j' || e.key === 'ArrowUp' || e.key === 'k') {
      e.preventDefault();
      const down = e.key === 'ArrowDown' || e.key === 'j';
      const next = ids[Math.max(0, Math.min(ids.length - 1, cursor + (down ? 1 : -1)))];
      if (next === undefined) return;
      setCursorId(next);
      // With the detail open, it follows the cursor.
      if (!grouped && st.selectedId) void st.select(next);
    } else if (e.key === 'Enter' && currentId) {
      e.preventDefault();
      setCursorId(currentId);
      open(currentId);
    } else if (e.key === 'r') {
      const id = st.selectedId ?? (grouped ? g.rows[cursor]?.last?.attemptId : currentId);
      if (id) {
        e.preventDefault();
        replaySame(id);
      }
    } else if (e.key === 'Escape') {
      setReplayMode(null);
      void st.select(null);
    }
  };

  const exportCount = Math.min(g.counts?.attempts ?? EXPORT_LIMIT, EXPORT_LIMIT);
  const filtered = Object.keys(st.filter).length > 0;
  const exportLabel = (format: string) =>
    g.counts
      ? t(filtered ? 'view.exportFiltered' : 'view.exportAttempts', {
          format,
          count: exportCount,
          n: count(exportCount),
        })
      : t('view.export', { format });
  const exportAs = async (format: 'har' | 'json') => {
    const c = useStudio.getState().client;
    if (!c) return;
    try {
      const r = await c.call('attempts.export', { format, filter: st.filter, limit: EXPORT_LIMIT });
      download(r.filename, r.mimeType, r.content);
      st.setNotice({ kind: 'exported', count: r.count, format: format.toUpperCase() });
    } catch (err) {
      st.setNotice({ kind: 'exportFailed', error: err });
    }
  };

  const startBulk = async (includeScheduled: boolean) => {
    setBulkPreview(false);
    const c = useStudio.getState().client;
    if (!c) return;
    try {
      useDeliveries.setState({
        bulk: await c.call('attempts.bulkReplay.start', { filter: st.filter, includeScheduled }),
      });
    } catch (err) {
      st.setNotice({ kind: 'bulkFailed', error: err });
    }
  };

  const empty = grouped ? g.rows.length === 0 && !g.loading : st.rows.length === 0 && !st.loading;
  const loaded = grouped ? g.rows.length : st.rows.length;
  const more = grouped ? g.nextCursor !== null : st.nextCursor !== null;
  const error = grouped ? g.error : st.error;

  const footer = [
    g.counts && countsLabel(g.counts),
    t('foot.loaded', { n: count(loaded) }),
    more && t('foot.more'),
    (grouped ? g.loading : st.loading) && t('foot.loading'),
    t('foot.keys'),
  ].filter((fact): fact is string => typeof fact === 'string');

  const noticeText = (n: Notice): string => {
    if (typeof n === 'string') return n;
    switch (n.kind) {
      case 'replayed':
        return t('notice.replayed', { id: n.id, newId: n.newId });
      case 'exported':
        return t('notice.exported', { count: n.count, n: count(n.count), format: n.format });
      default:
        return t(`notice.${n.kind}`, { error: errorText(n.error) });
    }
  };

  return (
    <section className="area dl-area" onKeyDown={onKey} aria-label={t('view.title')}>
      <header className="area-head">
        <h1>{t('view.title')}</h1>
        <div className="dl-views" role="group" aria-label={t('view.show')}>
          <button type="button" aria-pressed={grouped} onClick={() => st.setView('deliveries')}>
            {t('view.byDelivery')}
          </button>
          <button type="button" aria-pressed={!grouped} onClick={() => st.setView('attempts')}>
            {t('view.attempts')}
          </button>
        </div>
        <div className="dl-actions">
          <button type="button" onClick={() => setShowCharts((v) => !v)} aria-pressed={showCharts}>
            <ChartLine size={14} aria-hidden /> {t('view.charts')}
          </button>
          <button type="button" onClick={() => setBulkPreview(true)} disabled={st.bulk?.state === 'running'}>
            {filtered ? t('view.replayFailedInFilter') : t('view.replayFailed')}
          </button>
          {EXPORT_FORMATS.map((f) => (
            <button key={f} type="button" onClick={() => exportAs(f)}>
              {exportLabel(f.toUpperCase())}
            </button>
          ))}
        </div>
      </header>
      <FilterBar ref={search} filter={st.filter} onChange={st.setFilter} />
      {bulkPreview && (
        <BulkReplayPreview filter={st.filter} onStart={startBulk} onClose={() => setBulkPreview(false)} />
      )}
      {confirmReplay && (
        <Confirm
          message={t('view.confirmReplay')}
          confirmLabel={t('view.replayAnyway')}
          onConfirm={() => {
            const id = confirmReplay;
            setConfirmReplay(null);
            void replayNow(id);
          }}
          onCancel={() => setConfirmReplay(null)}
        />
      )}
      {st.bulk && (
        <BulkReplayBar
          p={st.bulk}
          onCancel={() =>
            client && void client.call('attempts.bulkReplay.cancel', { jobId: st.bulk!.jobId }).catch(() => {})
          }
          onDismiss={() => useDeliveries.setState({ bulk: null })}
        />
      )}
      {st.notice && (
        <div className="dl-notice" role="status">
          {noticeText(st.notice)}
        </div>
      )}
      {showCharts && <Charts />}
      {error != null && (
        <div className="error" role="alert">
          {errorText(error)}
        </div>
      )}
      {!grouped && st.pendingLive > 0 && (
        <button type="button" className="dl-pending" onClick={() => void st.reload()}>
          {t('view.pendingLive', { count: st.pendingLive, n: count(st.pendingLive) })}
        </button>
      )}
      <div className={`dl-split${st.selectedId ? ' with-detail' : ''}`}>
        <div className="dl-list-wrap">
          <div className="dl-list-head" aria-hidden>
            {grouped ? (
              <>
                <span>{t('head.state')}</span>
                <span>{t('head.event')}</span>
                <span className="dl-url">{t('head.url')}</span>
                <span>{t('head.attempts')}</span>
                <span>{t('head.last')}</span>
                <span>{t('head.atOrNext')}</span>
              </>
            ) : (
              <>
                <span>{t('head.code')}</span>
                <span>{t('head.event')}</span>
                <span className="dl-url">{t('head.url')}</span>
                <span />
                <span>{t('head.time')}</span>
                <span>{t('head.at')}</span>
              </>
            )}
          </div>
          {empty ? (
            <div className="empty" role="status">
              <div className="empty-icon" aria-hidden>
                <MailOpen size={36} />
              </div>
              <h2>
                {filtered ? (grouped ? t('empty.noDeliveriesMatch') : t('empty.noAttemptsMatch')) : t('empty.noneYet')}
              </h2>
              <p>{filtered ? t('empty.widen') : t('empty.start')}</p>
            </div>
          ) : grouped ? (
            <DeliveryList
              rows={g.rows}
              expandedId={g.expandedId}
              attempts={g.attempts}
              cursorId={currentId}
              selectedAttemptId={st.selectedId}
              onCursor={setCursorId}
              onToggle={open}
              onOpenAttempt={(id) => void st.select(id)}
              onNearEnd={() => void g.loadMore(st.filter)}
            />
          ) : (
            <AttemptList
              rows={st.rows}
              selectedId={st.selectedId}
              cursor={cursor}
              onCursor={(i) => setCursorId(st.rows[i]?.attemptId ?? null)}
              onOpen={(i) => void st.select(st.rows[i].attemptId)}
              onNearEnd={st.loadMore}
            />
          )}
          <div className="dl-list-foot muted" data-testid="dl-counts">
            {/* Facts of their own, one after another: each is worded whole in the catalog. */}
            {footer.map((fact, i) => (
              <span key={i}>
                {i > 0 && ' · '}
                {fact}
              </span>
            ))}
          </div>
        </div>
        {st.selectedId && (
          <div className="dl-detail-wrap">
            {st.detailError != null && (
              <div className="error" role="alert">
                {errorText(st.detailError)}
              </div>
            )}
            {st.detail ? (
              <DetailPane
                detail={st.detail}
                signature={st.signature}
                tab={st.tab}
                onTab={st.setTab}
                onOpen={(id) => void st.select(id)}
                onReplay={() => replaySame(st.detail!.summary.attemptId)}
                replayMode={replayMode}
                onReplayMode={setReplayMode}
                onNotice={st.setNotice}
              />
            ) : (
              st.detailError == null && <p className="muted">{t('common:state.loading')}</p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
