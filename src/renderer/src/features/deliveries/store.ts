import i18next from 'i18next';
import { create } from 'zustand';
import type { AttemptSummary } from '../../../../shared/contract';
import type {
  AttemptDetail,
  AttemptFilter,
  BulkReplayProgress,
  SignatureInspection,
  Stats,
} from '../../../../shared/contract/inspector';
import { useStudio } from '../../store/studio';
import { useGrouped } from './grouped-store';
import { matchesFilter } from './match';

/** Rows fetched per page, and most rows kept in memory (older pages are dropped first). */
export const PAGE_SIZE = 200;
export const ROWS_KEPT = 100_000;

export type DetailTab = 'request' | 'response' | 'signature' | 'timeline';
/** Deliveries (one row per event × webhook, the default) or every attempt. */
export type DeliveriesViewMode = 'deliveries' | 'attempts';

/**
 * A short message under the header: plain text (as the detail pane words it), or what happened
 * here, kept as facts and worded when shown (a live language switch re-words it).
 */
export type Notice =
  | string
  | { kind: 'replayed'; id: string; newId: string }
  | { kind: 'exported'; count: number; format: string }
  | { kind: 'replayFailed' | 'exportFailed' | 'bulkFailed'; error: unknown };

interface DeliveriesState {
  view: DeliveriesViewMode;
  filter: AttemptFilter;
  rows: AttemptSummary[];
  nextCursor: number | null;
  loading: boolean;
  /** What went wrong loading the list (shown through `errorText`), or null. */
  error: unknown;
  /** Live attempts that may match but could not be checked here (body text filter). */
  pendingLive: number;
  selectedId: string | null;
  detail: AttemptDetail | null;
  signature: SignatureInspection | null;
  /** What went wrong opening the selected attempt (shown through `errorText`), or null. */
  detailError: unknown;
  tab: DetailTab;
  bulk: BulkReplayProgress | null;
  stats: Stats | null;
  notice: Notice | null;
  setView(view: DeliveriesViewMode): void;
  setFilter(patch: Partial<AttemptFilter>): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  select(id: string | null): Promise<void>;
  setTab(tab: DetailTab): void;
  /** Newest last, as they arrived. */
  addLive(batch: AttemptSummary[]): void;
  setNotice(msg: Notice | null): void;
}

const client = () => {
  const c = useStudio.getState().client;
  if (!c) throw new Error(i18next.t('common:state.notConnected'));
  return c;
};

let loadToken = 0;

/** The deliveries view: the filtered list (paged on seq), the selection and its detail. */
export const useDeliveries = create<DeliveriesState>((set, get) => ({
  view: 'deliveries',
  filter: {},
  rows: [],
  nextCursor: null,
  loading: false,
  error: null,
  pendingLive: 0,
  selectedId: null,
  detail: null,
  signature: null,
  detailError: null,
  tab: 'request',
  bulk: null,
  stats: null,
  notice: null,
  setView(view) {
    if (view === get().view) return;
    set({ view });
    void get().reload();
  },
  setFilter(patch) {
    const next = { ...get().filter, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined || next[k] === '') delete next[k];
    set({ filter: next as AttemptFilter });
    void get().reload();
  },
  async reload() {
    const token = ++loadToken;
    // The grouped view has its own rows; both show the store's totals for the filter.
    if (get().view === 'deliveries') {
      set({ loading: false, error: null, pendingLive: 0 });
      return useGrouped.getState().reload(get().filter);
    }
    set({ loading: true, error: null, pendingLive: 0 });
    void useGrouped.getState().refreshCounts(get().filter);
    try {
      const page = await client().call('attempts.list', { filter: get().filter, limit: PAGE_SIZE });
      if (token !== loadToken) return;
      set({ rows: page.attempts, nextCursor: page.nextCursor, loading: false });
    } catch (err) {
      if (token === loadToken) set({ loading: false, error: err, rows: [], nextCursor: null });
    }
  },
  async loadMore() {
    const { nextCursor, loading, filter } = get();
    if (nextCursor === null || loading) return;
    const token = loadToken;
    set({ loading: true });
    try {
      const page = await client().call('attempts.list', { filter, cursor: nextCursor, limit: PAGE_SIZE });
      if (token !== loadToken) return;
      set((s) => ({
        rows: [...s.rows, ...page.attempts].slice(0, ROWS_KEPT),
        nextCursor: page.nextCursor,
        loading: false,
      }));
    } catch (err) {
      if (token === loadToken) set({ loading: false, error: err });
    }
  },
  async select(id) {
    set({ selectedId: id, detailError: null, ...(id === null ? { detail: null, signature: null } : {}) });
    if (id === null) return;
    try {
      const [detail, signature] = await Promise.all([
        client().call('attempts.get', { attemptId: id }),
        client()
          .call('signature.inspect', { attemptId: id })
          .catch(() => null),
      ]);
      if (get().selectedId === id) set({ detail, signature });
    } catch (err) {
      if (get().selectedId === id) set({ detailError: err, detail: null, signature: null });
    }
  },
  setTab: (tab) => set({ tab }),
  addLive(batch) {
    const filter = get().filter;
    const fresh: AttemptSummary[] = [];
    let unsure = 0;
    for (const a of batch) {
      const m = matchesFilter(a, filter);
      if (m === null) unsure++;
      else if (m) fresh.push(a);
    }
    if (unsure) set((s) => ({ pendingLive: s.pendingLive + unsure }));
    if (!fresh.length) return;
    set((s) => {
      const known = new Set(s.rows.slice(0, 500).map((r) => r.attemptId));
      const add = fresh.filter((a) => !known.has(a.attemptId)).reverse();
      return add.length ? { rows: [...add, ...s.rows].slice(0, ROWS_KEPT) } : s;
    });
    // A new try of the open delivery: refresh its timeline.
    const d = get().detail;
    if (
      d &&
      fresh.some((a) =>
        d.timeline.some((t) => t.attemptId === a.replayOf || (a.deliveryId !== null && t.deliveryId === a.deliveryId)),
      )
    )
      void get().select(d.summary.attemptId);
  },
  setNotice: (notice) => set({ notice }),
}));

/** Live attempts are applied in batches: thousands a minute must not re-render per attempt. */
export const LIVE_FLUSH_MS = 250;

/** Subscribes to live attempts and bulk-replay progress; returns the unsubscribe. */
export function subscribeLive(): () => void {
  const c = useStudio.getState().client;
  if (!c) return () => {};
  let buffer: AttemptSummary[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const batch = buffer;
    buffer = [];
    const st = useDeliveries.getState();
    st.addLive(batch);
    if (st.view === 'deliveries') void useGrouped.getState().applyLive(batch, st.filter);
    else void useGrouped.getState().refreshCounts(st.filter);
  };
  const offs = [
    c.on('attempt.recorded', (a) => {
      buffer.push(a);
      timer ??= setTimeout(flush, LIVE_FLUSH_MS);
    }),
    c.on('bulkReplay.progress', (p) => {
      const cur = useDeliveries.getState().bulk;
      if (!cur || cur.jobId === p.jobId) useDeliveries.setState({ bulk: p });
    }),
  ];
  return () => {
    if (timer) clearTimeout(timer);
    offs.forEach((off) => off());
  };
}
