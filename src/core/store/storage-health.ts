import type { Db } from './open';
import { storageProblem } from '../http/problem';

/** Whether the studio's disk takes writes: shown as a banner in the UI and by `status` in the CLI. */
export interface StorageHealth {
  ok: boolean;
  /** What failed, said for a person (null when ok). */
  detail: string | null;
  /** When the first refused write of this spell happened (ISO; null when ok). */
  since: string | null;
}

const OK: StorageHealth = { ok: true, detail: null, since: null };

/**
 * One per store: every writer reports a write the disk refused (`failed`) and a write that
 * went through (`succeeded`); listeners hear each change of state, once.
 */
export function createStorageHealth(now: () => Date) {
  let state = OK;
  const listeners = new Set<(h: StorageHealth) => void>();
  const set = (next: StorageHealth) => {
    state = next;
    for (const l of listeners) l(next);
  };
  return {
    get: (): StorageHealth => state,
    /** Reports `err` if it is the disk's refusal; true if it was. */
    failed(err: unknown): boolean {
      const p = storageProblem(err);
      if (!p) return false;
      if (state.ok || state.detail !== p.detail)
        set({ ok: false, detail: p.detail, since: state.since ?? now().toISOString() });
      return true;
    },
    succeeded(): void {
      if (!state.ok) set(OK);
    },
    onChange(cb: (h: StorageHealth) => void): () => void {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}
export type StorageHealthTracker = ReturnType<typeof createStorageHealth>;

const trackers = new WeakMap<Db, StorageHealthTracker>();

/** The tracker of a connection, created on first use (the studio creates it first, with its clock). */
export function storageHealthFor(db: Db, now: () => Date = () => new Date()): StorageHealthTracker {
  let t = trackers.get(db);
  if (!t) trackers.set(db, (t = createStorageHealth(now)));
  return t;
}
