import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Stats } from '../../../../shared/contract/inspector';
import { useStudio } from '../../store/studio';

const tick = (iso: string, window: Stats['window']) => {
  const d = new Date(iso);
  return window === '7d'
    ? d.toLocaleDateString([], { weekday: 'short' }) + ' ' + d.getHours() + 'h'
    : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
};

/** Deliveries over time by status, and latency per endpoint (p50 / p95), drawn with recharts. */
export function Charts() {
  const [window, setWindow] = useState<Stats['window']>('1h');
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const c = useStudio.getState().client;
    if (!c) return;
    let live = true;
    const load = () =>
      c
        .call('attempts.stats', { window })
        .then((s) => live && (setStats(s), setError(null)))
        .catch((err: Error) => live && setError(err.message));
    void load();
    const t = setInterval(load, 5000);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [window]);

  return (
    <div className="dl-charts">
      <div className="dl-charts-head">
        <h3>Deliveries over time</h3>
        <select aria-label="Chart window" value={window} onChange={(e) => setWindow(e.target.value as Stats['window'])}>
          <option value="1h">last hour</option>
          <option value="24h">last 24 h</option>
          <option value="7d">last 7 days</option>
        </select>
      </div>
      {error && <div className="error">{error}</div>}
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
                <Bar dataKey="success" stackId="s" fill="var(--ok)" name="success" />
                <Bar dataKey="failed" stackId="s" fill="var(--bad)" name="failed" />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="chart">
            <h4>Latency per endpoint (ms)</h4>
            {stats.latency.length === 0 ? (
              <p className="muted">No deliveries in this window.</p>
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
