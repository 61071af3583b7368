import type { EventName, Method, ParamsOf, PayloadOf, ResultOf, AnyEvent } from './contract';
import type { EventEnvelope, RequestEnvelope, ServerMessage } from './envelope';
import { StudioError } from './errors';

/** What a transport gives the client: a way to send a request and a stream of messages. */
export interface ClientChannel {
  send(envelope: RequestEnvelope): void;
  onMessage(cb: (msg: ServerMessage) => void): () => void;
}

export interface StudioClient {
  call<M extends Method>(
    method: M,
    ...params: ParamsOf<M> extends undefined ? [] | [ParamsOf<M>] : [ParamsOf<M>] | []
  ): Promise<ResultOf<M>>;
  on<E extends EventName>(event: E, cb: (payload: PayloadOf<E>) => void): () => void;
  onAny(cb: (event: AnyEvent) => void): () => void;
  /** Rejects every call still waiting (e.g. when the connection drops). */
  failPending(reason: string): void;
}

function isEventEnvelope(msg: ServerMessage): msg is EventEnvelope {
  return 'event' in msg;
}

/** Correlates responses with requests by id; the same code serves the browser, Electron and the CLI. */
export function createStudioClient(channel: ClientChannel, timeoutMs = 30_000): StudioClient {
  let nextId = 1;
  const pending = new Map<
    string | number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }
  >();
  const listeners = new Set<(event: AnyEvent) => void>();

  channel.onMessage((msg) => {
    if (isEventEnvelope(msg)) {
      for (const cb of listeners) cb(msg);
      return;
    }
    const waiter = pending.get(msg.id);
    if (!waiter) return;
    pending.delete(msg.id);
    clearTimeout(waiter.timer);
    if ('error' in msg) waiter.reject(StudioError.fromBody(msg.error));
    else waiter.resolve(msg.result);
  });

  return {
    call(method, ...rest) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new StudioError('unavailable', `${method} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        try {
          channel.send({ id, method, params: rest[0] ?? {} });
        } catch (err) {
          pending.delete(id);
          clearTimeout(timer);
          reject(new StudioError('unavailable', (err as Error).message));
        }
      });
    },
    on(event, cb) {
      const listener = (e: AnyEvent) => {
        if (e.event === event) cb(e.payload as PayloadOf<typeof event>);
      };
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onAny(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    failPending(reason) {
      for (const [id, waiter] of pending) {
        clearTimeout(waiter.timer);
        waiter.reject(new StudioError('unavailable', reason));
        pending.delete(id);
      }
    },
  };
}
