import type { AnyEvent, EventName, PayloadOf } from '../../shared/contract';

/** The core's live updates: every transport subscribes and forwards envelopes. */
export function createEventBus() {
  const listeners = new Set<(e: AnyEvent) => void>();
  return {
    emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
      const envelope = { event, payload } as AnyEvent;
      for (const cb of listeners) {
        try {
          cb(envelope);
        } catch {
          /* a broken listener must not break the emitter or the others */
        }
      }
    },
    subscribe(cb: (e: AnyEvent) => void): () => void {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    get size() {
      return listeners.size;
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;
