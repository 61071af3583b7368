import type { AnyEvent, EventName, Method, PayloadOf } from '../../src/shared/contract';
import type { StudioClient } from '../../src/shared/rpc-client';

/** A client whose answers the test decides; records every call. */
export function fakeClient(answers: Partial<Record<Method, (params: unknown) => unknown>>) {
  const calls: { method: Method; params: unknown }[] = [];
  const listeners = new Set<(e: AnyEvent) => void>();
  const client: StudioClient = {
    call: (async (method: Method, params?: unknown) => {
      calls.push({ method, params });
      const answer = answers[method];
      if (!answer) throw new Error(`unexpected call ${method}`);
      return answer(params);
    }) as StudioClient['call'],
    on: (event, cb) => {
      const l = (e: AnyEvent) => e.event === event && cb(e.payload as never);
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onAny: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    failPending: () => undefined,
  };
  const emit = <E extends EventName>(event: E, payload: PayloadOf<E>) =>
    listeners.forEach((cb) => cb({ event, payload } as AnyEvent));
  return { client, calls, emit };
}
