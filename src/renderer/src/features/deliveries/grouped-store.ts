import i18next from 'i18next';
import { create } from 'zustand';
import type { AttemptSummary } from '../../../../shared/contract';
import type {
  DeliveryAttempt,
  DeliveryCounts,
  DeliveryFilter,
  DeliverySummary,
} from '../../../../shared/contract/deliveries';
import { useStudio } from '../../store/studio';

/** Rows fetched per page, and most rows kept (as in the attempt view). */
const PAGE_SIZE = 200;
const ROWS_KEPT = 100_000;

interface GroupedState {
  rows: DeliverySummary[];
  nextCursor: number | null;
  loading: boolean;
  /** What went wrong loading the list (shown through `errorText`), or null. */
  error: unknown;
  /** Totals from the store for the current filter (not the rows loaded). */
  counts: DeliveryCounts | null;
  /** The delivery shown open, with its attempts in order. */
  expandedId: string | null;
  attempts: DeliveryAttempt[] | null;
  reload(filter: DeliveryFilter): Promise<void>;
  loadMore(filter: DeliveryFilter): Promise<void>;
  refreshCounts(filter: DeliveryFilter): Promise<void>;
  expand(deliveryId: string | null): Promise<void>;
  /** Live attempts arrived: refresh the deliveries they belong to (new ones go on top when they match). */
  applyLive(batch: AttemptSummary[], filter: DeliveryFilter): Promise<void>;
}

const client = () => {
  const c = useStudio.getState().client;
  if (!c) throw new Error(i18next.t('common:state.notConnected'));
  return c;
};

let loadToken = 0;
let counting = false;
let countAgain: DeliveryFilter | null = null;

/** Deliveries view, grouped: one row per event × webhook with its final state; expanding one lists its attempts. */
export const useGrouped = create<GroupedState>((set, get) => ({
  rows: [],
  nextCursor: null,
  loading: false,
  error: null,
  counts: null,
  expandedId: null,
  attempts: null,
  async reload(filter) {
    const token = ++loadToken;
    set({ loading: true, error: null });
    void get().refreshCounts(filter);
    try {
      const page = await client().call('deliveries.list', { filter, limit: PAGE_SIZE });
      if (token !== loadToken) return;
      // A delivery opened from a link stays in the list even when it is older than this page.
      const open = get().expandedId;
      const pinned = open && !page.deliveries.some((d) => d.deliveryId === open);
      const keep = pinned ? get().rows.filter((r) => r.deliveryId === open) : [];
      set({ rows: [...keep, ...page.deliveries], nextCursor: page.nextCursor, loading: false });
    } catch (err) {
      if (token === loadToken) set({ loading: false, error: err, rows: [], nextCursor: null });
    }
  },
  async loadMore(filter) {
    const { nextCursor, loading } = get();
    if (nextCursor === null || loading) return;
    const token = loadToken;
    set({ loading: true });
    try {
      const page = await client().call('deliveries.list', { filter, cursor: nextCursor, limit: PAGE_SIZE });
      if (token !== loadToken) return;
      set((s) => ({
        rows: [...s.rows, ...page.deliveries].slice(0, ROWS_KEPT),
        nextCursor: page.nextCursor,
        loading: false,
      }));
    } catch (err) {
      if (token === loadToken) set({ loading: false, error: err });
    }
  },
  async refreshCounts(filter) {
    // One count in flight at a time: live batches arriving meanwhile ask for one more, not one each.
    if (counting) {
      countAgain = filter;
      return;
    }
    counting = true;
    try {
      const counts = await client().call('deliveries.counts', { filter });
      set({ counts });
    } catch {
      set({ counts: null });
    } finally {
      counting = false;
      const again = countAgain;
      countAgain = null;
      if (again) void get().refreshCounts(again);
    }
  },
  async expand(deliveryId) {
    set({ expandedId: deliveryId, attempts: null });
    if (deliveryId === null) return;
    try {
      const [{ attempts }, missing] = await Promise.all([
        client().call('deliveries.attempts', { deliveryId }),
        // Opened from a link: the delivery may not be among the rows loaded.
        get().rows.some((r) => r.deliveryId === deliveryId)
          ? null
          : client().call('deliveries.list', { filter: {}, ids: [deliveryId], limit: 1 }),
      ]);
      if (get().expandedId !== deliveryId) return;
      const add = missing?.deliveries ?? [];
      set((s) => {
        const fresh = add.filter((d) => !s.rows.some((r) => r.deliveryId === d.deliveryId));
        return { attempts, rows: fresh.length ? [...fresh, ...s.rows] : s.rows };
      });
    } catch {
      if (get().expandedId === deliveryId) set({ attempts: [] });
    }
  },
  async applyLive(batch, filter) {
    const ids = [...new Set(batch.map((a) => a.deliveryId).filter((id): id is string => id !== null))];
    if (!ids.length) return;
    const token = loadToken;
    let fresh: DeliverySummary[];
    try {
      fresh = (await client().call('deliveries.list', { filter, ids, limit: ids.length })).deliveries;
    } catch {
      return;
    }
    if (token !== loadToken) return;
    const byId = new Map(fresh.map((d) => [d.deliveryId, d]));
    set((s) => {
      const known = new Set(s.rows.map((r) => r.deliveryId));
      const rows = s.rows.map((r) => byId.get(r.deliveryId) ?? r);
      const add = fresh.filter((d) => !known.has(d.deliveryId)).sort((a, b) => b.seq - a.seq);
      return { rows: [...add, ...rows].slice(0, ROWS_KEPT) };
    });
    void get().refreshCounts(filter);
    const open = get().expandedId;
    if (open && ids.includes(open)) {
      try {
        const { attempts } = await client().call('deliveries.attempts', { deliveryId: open });
        if (get().expandedId === open) set({ attempts });
      } catch {
        /* keep what is shown */
      }
    }
  },
}));
