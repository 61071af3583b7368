import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Stats } from '../../../../shared/contract/inspector';
import { useStudio } from '../../store/studio';
import { axisTime } from '../../format';
import { errorText } from '../api-ui/call';

/** A bucket's start on the time axis (`format.ts`): the day too when the window spans days. */
const tick = (iso: string, window: Stats['window']) => axisTime(iso, window === '7d');

/** Deliveries over time by status, and latency per endpoint (p50 / p95), drawn with recharts. */
export function Charts() {
  const { t } = useTranslation('deliveries');
  const [window, setWindow] = useState<Stats['window']>('1h');
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const c = useStudio.getState().client;
    if (!c) return;
    let live = true;
    const load = () =>
      c
        .call('attempts.stats', { window })
        .then((s) => live && (setStats(s), setError(null)))
        .catch((err: unknown) => live && setError(err));
    void load();
    const timer = setInterval(load, 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [window]);

  return (
    <div className="dl-charts">
      <div className="dl-charts-head">
        <h3>{t('charts.title')}</h3>
        <select
          aria-label={t('charts.window')}
          value={window}
          onChange={(e) => setWindow(e.target.value as Stats['window'])}
        >
          <option value="1h">{t('charts.lastHour')}</option>
          <option value="24h">{t('charts.last24h')}</option>
          <option value="7d">{t('charts.last7d')}</option>
        </select>
      </div>
      {error != null && <div className="error">{errorText(error)}</div>}
      {stats && (
        <div className="dl-charts-grid">
          <div className="chart">
            <ResponsiveContainer width="100%" height={180}>
              <BarChart data={stats.overTime.map((b) => ({ ...b, label: tick(b.t, stats.window) }))}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                <XAxis dataKey="label" fontSize={11} minTickGap={24} />
                <YAxis allowDecimals={false} fontSize={11} width={36} />
                <Tooltip />
                <Legend />
                <Bar dataKey="success" stackId="s" fill="var(--ok)" name={t('charts.success')} />
                <Bar dataKey="failed" stackId="s" fill="var(--bad)" name={t('charts.failed')} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="chart">
            <h4>{t('charts.latency')}</h4>
            {stats.latency.length === 0 ? (
              <p className="muted">{t('charts.noData')}</p>
            ) : (
              <ResponsiveContainer width="100%" height={160}>
                <BarChart
                  data={stats.latency.map((l) => ({ ...l, name: l.webhookUrl.replace(/^https?:\/\//, '') }))}
                  layout="vertical"
                >
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                  <XAxis type="number" fontSize={11} />
                  <YAxis type="category" dataKey="name" width={170} fontSize={11} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="p50" fill="var(--accent)" name="p50" />
                  <Bar dataKey="p95" fill="var(--warn)" name="p95" />
                </BarChart>
              </ResponsiveContainer>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
