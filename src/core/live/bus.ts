import type { AnyEvent, EventName, PayloadOf } from '../../shared/contract';

/** The core's live updates: every transport subscribes and forwards envelopes. */
export function createEventBus() {
  const listeners = new Set<(e: AnyEvent) => void>();
  /** Listeners that said which events they want; the others get every event. */
  const only = new Map<(e: AnyEvent) => void, ReadonlySet<EventName>>();
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
    /** `events`: only these are wanted (lets emitters skip work for events nobody wants). */
    subscribe(cb: (e: AnyEvent) => void, events?: readonly EventName[]): () => void {
      listeners.add(cb);
      if (events) only.set(cb, new Set(events));
      return () => {
        only.delete(cb);
        return listeners.delete(cb);
      };
    },
    /** Whether anyone would receive this event (an emitter may skip building it if not). */
    wants(event: EventName): boolean {
      for (const cb of listeners) if (only.get(cb)?.has(event) ?? true) return true;
      return false;
    },
    get size() {
      return listeners.size;
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;
