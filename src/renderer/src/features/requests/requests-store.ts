import { create } from 'zustand';
import type { ApiRequestDetail, ApiRequestSummary } from '../../../../shared/contract/api';
import { call } from '../api-ui/call';

/** Rows kept on screen (older ones stay in the store's log). */
export const MAX_ROWS = 500;
/** Live rows are added at most this often (a busy client can log thousands a second). */
export const LIVE_BATCH_MS = 150;

let incoming: ApiRequestSummary[] = [];
let batchTimer: ReturnType<typeof setTimeout> | null = null;

export interface RequestFilters {
  method: string;
  status: '' | '2xx' | '3xx' | '4xx' | '5xx';
  path: string;
  lintOnly: boolean;
}

interface RequestsState {
  rows: ApiRequestSummary[];
  filters: RequestFilters;
  paused: boolean;
  detail: ApiRequestDetail | null;
  /** The last failure, as caught: shown through `errorText` when rendering, so it follows a language switch. */
  error: unknown;
  load(): Promise<void>;
  setFilters(patch: Partial<RequestFilters>): void;
  setPaused(paused: boolean): void;
  open(seq: number): Promise<void>;
  close(): void;
  clear(): Promise<void>;
  /** A request just logged (live): kept if it passes the filters. */
  add(row: ApiRequestSummary): void;
}

export function matches(f: RequestFilters, r: ApiRequestSummary): boolean {
  if (f.method && r.method !== f.method) return false;
  if (f.status && Math.floor(r.status / 100) !== Number(f.status[0])) return false;
  if (f.path && !r.path.includes(f.path)) return false;
  if (f.lintOnly && r.lint.length === 0) return false;
  return true;
}

/** The API log screen's state: the newest requests matching the filters, live. */
export const useRequests = create<RequestsState>((set, get) => ({
  rows: [],
  filters: { method: '', status: '', path: '', lintOnly: false },
  paused: false,
  detail: null,
  error: null,
  load: async () => {
    const f = get().filters;
    try {
      const { requests } = await call('requestLog.list', {
        method: f.method || undefined,
        status: f.status || undefined,
        path: f.path || undefined,
        lintOnly: f.lintOnly || undefined,
        limit: 200,
      });
      set({ rows: requests, error: null });
    } catch (err) {
      set({ error: err });
    }
  },
  setFilters: (patch) => {
    set({ filters: { ...get().filters, ...patch } });
    void get().load();
  },
  setPaused: (paused) => {
    set({ paused });
    if (!paused) void get().load();
  },
  open: async (seq) => {
    try {
      set({ detail: await call('requestLog.get', { seq }), error: null });
    } catch (err) {
      set({ error: err });
    }
  },
  close: () => set({ detail: null }),
  clear: async () => {
    try {
      await call('requestLog.clear', {});
      set({ rows: [], detail: null });
    } catch (err) {
      set({ error: err });
    }
  },
  add: (row) => {
    incoming.push(row);
    batchTimer ??= setTimeout(() => {
      batchTimer = null;
      const batch = incoming;
      incoming = [];
      const s = get();
      if (s.paused) return;
      const seen = new Set(s.rows.map((r) => r.seq));
      const fresh = batch.filter((r) => matches(s.filters, r) && !seen.has(r.seq)).reverse();
      if (fresh.length) set({ rows: [...fresh, ...s.rows].slice(0, MAX_ROWS) });
    }, LIVE_BATCH_MS);
  },
}));
