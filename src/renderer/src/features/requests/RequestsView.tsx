import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store/studio';
import '../api-ui/api-ui.css';
import './requests.css';
import { RequestDetail } from './RequestDetail';
import { useRequests, type RequestFilters } from './requests-store';
import { clockTime, count } from '../../format';
import { errorText } from '../api-ui/call';

const statusClass = (s: number) => (s >= 500 ? 'bad' : s >= 400 ? 'warn' : 'on');
/** The mark on a row lint flagged. */
const WARNING = '⚠';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const STATUS_CLASSES = ['2xx', '4xx', '5xx'] as const;
/** Milliseconds to a tenth, grouped as the locale groups digits. */
const tenths = (ms: number) => count(Math.round(ms * 10) / 10);

/** The mock API's request log, live, with method / status / path filters and lint flags. */
export function RequestsView() {
  const { t } = useTranslation('requests');
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
        <h1>{t('title')}</h1>
        <div>
          <button type="button" className="btn" onClick={() => setPaused(!paused)} aria-pressed={paused}>
            {paused ? t('resume') : t('pause')}
          </button>{' '}
          <button type="button" className="btn danger" onClick={() => void clear()}>
            {t('clear')}
          </button>
        </div>
      </header>
      {error != null && (
        <div className="error" role="alert">
          {errorText(error)}
        </div>
      )}
      <div className="inline-form req-filters" role="search">
        <label>
          {t('filters.method')}
          <select value={filters.method} onChange={(e) => setFilters({ method: e.target.value })}>
            <option value="">{t('filters.any')}</option>
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          {t('filters.status')}
          <select
            value={filters.status}
            onChange={(e) => setFilters({ status: e.target.value as RequestFilters['status'] })}
          >
            <option value="">{t('filters.any')}</option>
            {STATUS_CLASSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filters.path')}
          <input value={filters.path} onChange={(e) => setFilters({ path: e.target.value })} placeholder="/webhooks" />
        </label>
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}>
          <input
            type="checkbox"
            checked={filters.lintOnly}
            onChange={(e) => setFilters({ lintOnly: e.target.checked })}
          />
          {t('filters.lintOnly')}
        </label>
      </div>
      {detail && <RequestDetail detail={detail} onClose={close} />}
      {rows.length === 0 ? (
        <div className="empty" role="status">
          <h2>{t('empty.title')}</h2>
          <p>{t('empty.text')}</p>
        </div>
      ) : (
        <table className="tbl">
          <thead>
            <tr>
              <th>{t('table.time')}</th>
              <th>{t('table.method')}</th>
              <th>{t('table.path')}</th>
              <th>{t('table.status')}</th>
              <th>{t('table.ms')}</th>
              <th>{t('table.lint')}</th>
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
                <td>{tenths(r.durationMs)}</td>
                <td>
                  {r.lint.length > 0 && (
                    <span className="pill warn" title={r.lint.map((l) => l.message).join('\n')}>
                      <span aria-hidden>
                        {WARNING} {count(r.lint.length)}
                      </span>
                      <span className="sr-only">
                        {t('table.lintCount', { count: r.lint.length, n: count(r.lint.length) })}
                      </span>
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
