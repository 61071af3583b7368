import { useEffect } from 'react';
import { useStudio } from '../../store/studio';
import '../api-ui/api-ui.css';
import './requests.css';
import { RequestDetail } from './RequestDetail';
import { useRequests, type RequestFilters } from './requests-store';
import { clockTime } from '../../format';

const statusClass = (s: number) => (s >= 500 ? 'bad' : s >= 400 ? 'warn' : 'on');

/** The mock API's request log, live, with method / status / path filters and lint flags. */
export function RequestsView() {
  const client = useStudio((s) => s.client);
  const connection = useStudio((s) => s.connection);
  const { rows, filters, paused, detail, error, load, setFilters, setPaused, open, close, clear, add } = useRequests();

  useEffect(() => {
    if (!client || connection !== 'connected') return;
    void load();
    return client.on('apiRequest.logged', add);
  }, [client, connection, load, add]);

  return (
    <section className="area">
      <header className="area-head">
        <h1>API log</h1>
        <div>
          <button type="button" className="btn" onClick={() => setPaused(!paused)} aria-pressed={paused}>
            {paused ? 'Resume live' : 'Pause live'}
          </button>{' '}
          <button type="button" className="btn danger" onClick={() => void clear()}>
            Clear log
          </button>
        </div>
      </header>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <div className="inline-form req-filters" role="search">
        <label>
          Method
          <select value={filters.method} onChange={(e) => setFilters({ method: e.target.value })}>
            <option value="">any</option>
            {['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select
            value={filters.status}
            onChange={(e) => setFilters({ status: e.target.value as RequestFilters['status'] })}
          >
            <option value="">any</option>
            <option value="2xx">2xx</option>
            <option value="4xx">4xx</option>
            <option value="5xx">5xx</option>
          </select>
        </label>
        <label>
          Path contains
          <input value={filters.path} onChange={(e) => setFilters({ path: e.target.value })} placeholder="/webhooks" />
        </label>
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}>
          <input
            type="checkbox"
            checked={filters.lintOnly}
            onChange={(e) => setFilters({ lintOnly: e.target.checked })}
          />
          Only flagged by lint
        </label>
      </div>
      {detail && <RequestDetail detail={detail} onClose={close} />}
      {rows.length === 0 ? (
        <div className="empty" role="status">
          <h2>No requests yet</h2>
          <p>Calls your code makes to the mock API (SONZAI_BASE_URL) show up here as they happen.</p>
        </div>
      ) : (
        <table className="tbl">
          <thead>
            <tr>
              <th>Time</th>
              <th>Method</th>
              <th>Path</th>
              <th>Status</th>
              <th>ms</th>
              <th>Lint</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.seq}
                className={`req-row ${detail?.seq === r.seq ? 'selected' : ''}`}
                tabIndex={0}
                onClick={() => void open(r.seq)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    void open(r.seq);
                  }
                }}
              >
                <td className="muted">{clockTime(r.createdAt)}</td>
                <td>{r.method}</td>
                <td>
                  <code>{r.path}</code>
                  {r.query && <code className="muted">?{r.query}</code>}
                </td>
                <td>
                  <span className={`pill ${statusClass(r.status)}`}>{r.status}</span>
                </td>
                <td>{r.durationMs.toFixed(1)}</td>
                <td>
                  {r.lint.length > 0 && (
                    <span className="pill warn" title={r.lint.map((l) => l.message).join('\n')}>
                      ⚠ {r.lint.length}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
