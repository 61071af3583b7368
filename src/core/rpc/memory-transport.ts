import type { ClientChannel } from '../../shared/rpc-client';
import type { ServerMessage } from '../../shared/envelope';
import type { Dispatch } from './dispatch';
import type { EventBus } from '../live/bus';

/**
 * An in-process transport that still serialises every envelope, so it behaves like
 * the wire. Used by tests and by hosts that embed the core.
 */
export function createMemoryChannel(dispatch: Dispatch, bus: EventBus): ClientChannel & { close(): void } {
  const listeners = new Set<(msg: ServerMessage) => void>();
  const deliver = (msg: unknown) => {
    const copy = JSON.parse(JSON.stringify(msg)) as ServerMessage;
    for (const cb of listeners) cb(copy);
  };
  const unsubscribe = bus.subscribe(deliver);
  return {
    send(envelope) {
      const wire = JSON.parse(JSON.stringify(envelope)) as unknown;
      void dispatch(wire).then(deliver);
    },
    onMessage(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    close: unsubscribe,
  };
}
