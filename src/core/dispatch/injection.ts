import { InjectionSchema, type InjectionSettings } from '../../shared/delivery-settings';
import type { Injection } from './dispatcher-api';
import type { RandomFloat } from './schedule';
import type { Db } from '../store/open';

/**
 * Failure injection for QA. Layers, most specific first: the fired event's own, the
 * webhook's override, the global setting. Each effect is marked in the attempt record
 * (`attempts.injected_json`) with these labels.
 */
export type InjectionLabel = `latency:${number}` | 'drop' | 'duplicate' | 'reorder' | `forced_status:${number}`;

/** Field by field: a more specific layer wins where it sets a value. */
export function mergeInjection(...layers: (Injection | null | undefined)[]): Injection {
  const out: Injection = {};
  for (const layer of [...layers].reverse()) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

export function isEmptyInjection(i: Injection): boolean {
  return Object.values(i).every((v) => v === undefined || v === 0);
}

/** The dice for one attempt, rolled once with the injected random source. */
export interface InjectionPlan {
  latencyMs: number;
  drop: boolean;
  duplicate: boolean;
  forceStatus: number | null;
  reorderWindow: number;
}

export function planInjection(i: Injection, random: RandomFloat): InjectionPlan {
  return {
    latencyMs: i.latencyMs ?? 0,
    drop: (i.dropRate ?? 0) > 0 && random() < i.dropRate!,
    duplicate: (i.duplicateRate ?? 0) > 0 && random() < i.duplicateRate!,
    forceStatus: i.forceStatus ?? null,
    reorderWindow: i.reorderWindow ?? 0,
  };
}

/** The labels an attempt carries for its plan (`duplicate` goes on the second copy only). */
export function labelsFor(plan: InjectionPlan, reordered: boolean): InjectionLabel[] {
  const labels: InjectionLabel[] = [];
  if (plan.latencyMs > 0) labels.push(`latency:${plan.latencyMs}`);
  if (reordered) labels.push('reorder');
  if (plan.drop) labels.push('drop');
  else if (plan.forceStatus !== null) labels.push(`forced_status:${plan.forceStatus}`);
  return labels;
}

/** Fisher–Yates with the injected random source. */
export function shuffle<T>(items: T[], random: RandomFloat): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Per-webhook overrides (migration 005), cached in memory. */
export function createInjectionRepo(db: Db, now: () => string) {
  const all = db.prepare<[], { webhook_id: string; injection_json: string }>(
    'SELECT webhook_id, injection_json FROM webhook_injection',
  );
  const put = db.prepare(
    `INSERT INTO webhook_injection (webhook_id, injection_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(webhook_id) DO UPDATE SET injection_json = excluded.injection_json, updated_at = excluded.updated_at`,
  );
  const del = db.prepare('DELETE FROM webhook_injection WHERE webhook_id = ?');
  const cache = new Map<string, InjectionSettings>();
  for (const row of all.all()) {
    const parsed = InjectionSchema.safeParse(safeJson(row.injection_json));
    if (parsed.success) cache.set(row.webhook_id, parsed.data);
  }
  return {
    get: (webhookId: string): InjectionSettings | null => cache.get(webhookId) ?? null,
    list: () => [...cache.entries()].map(([webhookId, injection]) => ({ webhookId, injection })),
    /** null or an empty injection removes the override. */
    set(webhookId: string, injection: InjectionSettings | null): InjectionSettings | null {
      if (!injection || isEmptyInjection(injection)) {
        del.run(webhookId);
        cache.delete(webhookId);
        return null;
      }
      put.run(webhookId, JSON.stringify(injection), now());
      cache.set(webhookId, injection);
      return injection;
    },
  };
}
export type InjectionRepo = ReturnType<typeof createInjectionRepo>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
