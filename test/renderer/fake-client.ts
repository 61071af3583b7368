import { vi } from 'vitest';
import type { AnyEvent, EventName, Method, PayloadOf } from '../../src/shared/contract';
import type { StudioClient } from '../../src/shared/rpc-client';
import { useStudio } from '../../src/renderer/src/store/studio';

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

type Handler = (params: Record<string, unknown>) => unknown;

/** A StudioClient answering from handlers, with an `emit` to push live events. */
export function installFakeClient(handlers: Record<string, Handler>) {
  const listeners = new Set<(e: AnyEvent) => void>();
  const call = vi.fn(async (method: string, params?: unknown) => {
    const h = handlers[method];
    if (!h) throw new Error(`no fake for ${method}`);
    return h((params ?? {}) as Record<string, unknown>);
  });
  const client = {
    call,
    on: (event: string, cb: (p: unknown) => void) => {
      const l = (e: AnyEvent) => e.event === event && cb(e.payload);
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onAny: (cb: (e: AnyEvent) => void) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    failPending: () => {},
  } as unknown as StudioClient;
  useStudio.setState({ client, connection: 'connected' });
  return {
    call,
    emit: (e: AnyEvent) => listeners.forEach((l) => l(e)),
  };
}
