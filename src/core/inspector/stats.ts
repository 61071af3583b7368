import type { Stats } from '../../shared/contract/inspector';
import type { Db } from '../store/open';

const WINDOWS = {
  '1h': { seconds: 3600, bucket: 60 },
  '24h': { seconds: 86_400, bucket: 1800 },
  '7d': { seconds: 604_800, bucket: 6 * 3600 },
} as const;

/** Rows read for latency percentiles: the newest ones in the window. */
export const STATS_ROWS_MAX = 50_000;
const LATENCY_EDGES = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000];
const ENDPOINTS_MAX = 12;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Deliveries over time by status, and latency per endpoint, for the charts. */
export function attemptStats(db: Db, window: Stats['window'], now: Date): Stats {
  const w = WINDOWS[window];
  const since = new Date(now.getTime() - w.seconds * 1000).toISOString();
  const rows = db
    .prepare(
      'SELECT created_at, status, webhook_url, duration_ms FROM attempts WHERE created_at >= ? ORDER BY created_at DESC LIMIT ?',
    )
    .all(since, STATS_ROWS_MAX) as { created_at: string; status: string; webhook_url: string; duration_ms: number }[];

  const start = Math.floor((now.getTime() - w.seconds * 1000) / 1000 / w.bucket) * w.bucket;
  const count = Math.ceil(w.seconds / w.bucket) + 1;
  const buckets = Array.from({ length: count }, (_, i) => ({
    t: new Date((start + i * w.bucket) * 1000).toISOString(),
    success: 0,
    failed: 0,
  }));
  const perUrl = new Map<string, number[]>();
  for (const r of rows) {
    const i = Math.floor((Date.parse(r.created_at) / 1000 - start) / w.bucket);
    if (i >= 0 && i < count) buckets[i][r.status === 'success' ? 'success' : 'failed']++;
    if (r.status === 'success' || r.duration_ms > 0) {
      const list = perUrl.get(r.webhook_url) ?? [];
      list.push(r.duration_ms);
      perUrl.set(r.webhook_url, list);
    }
  }
  const latency = [...perUrl.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, ENDPOINTS_MAX)
    .map(([webhookUrl, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      const histogram = [...LATENCY_EDGES, Infinity].map((edge, i) => {
        const lo = i === 0 ? -Infinity : LATENCY_EDGES[i - 1];
        return {
          le: edge === Infinity ? `>${LATENCY_EDGES[LATENCY_EDGES.length - 1]}` : `≤${edge}`,
          count: sorted.filter((d) => d > lo && d <= edge).length,
        };
      });
      return {
        webhookUrl,
        count: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        max: sorted[sorted.length - 1] ?? 0,
        histogram,
      };
    });
  return { window, bucketSeconds: w.bucket, overTime: buckets, latency };
}

/** Recent distinct target URLs, localhost ones first (suggestions for "replay to…"). */
export function recentTargets(db: Db) {
  const rows = db
    .prepare(
      `SELECT webhook_url AS url, count(*) AS count, max(created_at) AS lastAt FROM
         (SELECT webhook_url, created_at FROM attempts ORDER BY seq DESC LIMIT 2000)
       GROUP BY webhook_url ORDER BY lastAt DESC LIMIT 20`,
    )
    .all() as { url: string; count: number; lastAt: string }[];
  const isLocal = (u: string) => {
    try {
      return ['localhost', '127.0.0.1', '[::1]', '0.0.0.0'].includes(new URL(u).hostname);
    } catch {
      return false;
    }
  };
  return rows
    .map((r) => ({ ...r, local: isLocal(r.url) }))
    .sort((a, b) => Number(b.local) - Number(a.local) || b.lastAt.localeCompare(a.lastAt));
}
