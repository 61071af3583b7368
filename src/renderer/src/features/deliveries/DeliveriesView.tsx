import { ChartLine, MailOpen } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useStudio } from '../../store/studio';
import { AttemptList } from './AttemptList';
import { BulkReplayBar } from './BulkReplayBar';
import { Charts } from './Charts';
import { DetailPane } from './DetailPane';
import { FilterBar } from './FilterBar';
import { subscribeLive, useDeliveries } from './store';
import './deliveries.css';

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

/** The inspector: live, filterable, virtualised attempts with detail, replay, export and charts. */
export function DeliveriesView() {
  const client = useStudio((s) => s.client);
  const connection = useStudio((s) => s.connection);
  const st = useDeliveries();
  const [cursor, setCursor] = useState(0);
  const [replayMode, setReplayMode] = useState<'to' | 'edit' | null>(null);
  const [showCharts, setShowCharts] = useState(false);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!client) return;
    void useDeliveries.getState().reload();
    return subscribeLive();
  }, [client, connection]);

  useEffect(() => {
    if (!st.notice) return;
    const t = setTimeout(() => useDeliveries.getState().setNotice(null), 4000);
    return () => clearTimeout(t);
  }, [st.notice]);

  const replaySame = useCallback(async (attemptId: string) => {
    const c = useStudio.getState().client;
    if (!c) return;
    try {
      const r = await c.call('attempts.replay', { attemptId });
      useDeliveries.getState().setNotice(`Replayed ${attemptId} as ${r.attemptId}`);
      void useDeliveries.getState().select(r.attemptId);
    } catch (err) {
      useDeliveries.getState().setNotice(`Replay failed: ${(err as Error).message}`);
    }
  }, []);

  const onKey = (e: KeyboardEvent) => {
    if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
    const rows = useDeliveries.getState().rows;
    if (e.key === '/') {
      e.preventDefault();
      search.current?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'j' || e.key === 'ArrowUp' || e.key === 'k') {
      e.preventDefault();
      const down = e.key === 'ArrowDown' || e.key === 'j';
      const next = Math.max(0, Math.min(rows.length - 1, cursor + (down ? 1 : -1)));
      setCursor(next);
      // With the detail open, it follows the cursor.
      if (st.selectedId && rows[next]) void st.select(rows[next].attemptId);
    } else if (e.key === 'Enter' && rows[cursor]) {
      e.preventDefault();
      void st.select(rows[cursor].attemptId);
    } else if (e.key === 'r') {
      const id = st.selectedId ?? rows[cursor]?.attemptId;
      if (id) {
        e.preventDefault();
        void replaySame(id);
      }
    } else if (e.key === 'Escape') {
      setReplayMode(null);
      void st.select(null);
    }
  };

  const exportAs = async (format: 'har' | 'json') => {
    const c = useStudio.getState().client;
    if (!c) return;
    try {
      const r = await c.call('attempts.export', { format, filter: st.filter, limit: 1000 });
      download(r.filename, r.mimeType, r.content);
      st.setNotice(`Exported ${r.count} attempts as ${format.toUpperCase()}`);
    } catch (err) {
      st.setNotice(`Export failed: ${(err as Error).message}`);
    }
  };

  const startBulk = async () => {
    const c = useStudio.getState().client;
    if (!c) return;
    try {
      useDeliveries.setState({ bulk: await c.call('attempts.bulkReplay.start', { filter: st.filter }) });
    } catch (err) {
      st.setNotice(`Bulk replay failed: ${(err as Error).message}`);
    }
  };

  const filtered = Object.keys(st.filter).length > 0;

  return (
    <section className="area dl-area" onKeyDown={onKey} aria-label="Deliveries">
      <header className="area-head">
        <h1>Deliveries</h1>
        <div className="dl-actions">
          <button type="button" onClick={() => setShowCharts((v) => !v)} aria-pressed={showCharts}>
            <ChartLine size={14} aria-hidden /> Charts
          </button>
          <button type="button" onClick={startBulk} disabled={st.bulk?.state === 'running'}>
            ↻ Replay failed{filtered ? ' in filter' : ''}
          </button>
          <button type="button" onClick={() => exportAs('har')}>
            Export HAR
          </button>
          <button type="button" onClick={() => exportAs('json')}>
            Export JSON
          </button>
        </div>
      </header>
      <FilterBar ref={search} filter={st.filter} onChange={st.setFilter} />
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
          {st.notice}
        </div>
      )}
      {showCharts && <Charts />}
      {st.error && (
        <div className="error" role="alert">
          {st.error}
        </div>
      )}
      {st.pendingLive > 0 && (
        <button type="button" className="dl-pending" onClick={() => void st.reload()}>
          {st.pendingLive} new attempt{st.pendingLive > 1 ? 's' : ''} may match your search — refresh
        </button>
      )}
      <div className={`dl-split${st.selectedId ? ' with-detail' : ''}`}>
        <div className="dl-list-wrap">
          <div className="dl-list-head" aria-hidden>
            <span>code</span>
            <span>event</span>
            <span className="dl-url">URL</span>
            <span />
            <span>time</span>
            <span>at</span>
          </div>
          {st.rows.length === 0 && !st.loading ? (
            <div className="empty" role="status">
              <div className="empty-icon" aria-hidden>
                <MailOpen size={36} />
              </div>
              <h2>{filtered ? 'No attempts match these filters' : 'No deliveries yet'}</h2>
              <p>
                {filtered
                  ? 'Clear a filter, or widen the time range.'
                  : 'Register a webhook and fire an event: every attempt shows up here, live.'}
              </p>
            </div>
          ) : (
            <AttemptList
              rows={st.rows}
              selectedId={st.selectedId}
              cursor={cursor}
              onCursor={setCursor}
              onOpen={(i) => void st.select(st.rows[i].attemptId)}
              onNearEnd={st.loadMore}
            />
          )}
          <div className="dl-list-foot muted">
            {st.rows.length.toLocaleString()} loaded{st.nextCursor !== null ? ' · scroll for more' : ''}
            {st.loading ? ' · loading…' : ''} · ↑↓ move · Enter open · r replay · / search
          </div>
        </div>
        {st.selectedId && (
          <div className="dl-detail-wrap">
            {st.detailError && (
              <div className="error" role="alert">
                {st.detailError}
              </div>
            )}
            {st.detail ? (
              <DetailPane
                detail={st.detail}
                signature={st.signature}
                tab={st.tab}
                onTab={st.setTab}
                onOpen={(id) => void st.select(id)}
                onReplay={() => void replaySame(st.detail!.summary.attemptId)}
                replayMode={replayMode}
                onReplayMode={setReplayMode}
                onNotice={st.setNotice}
              />
            ) : (
              !st.detailError && <p className="muted">Loading…</p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
