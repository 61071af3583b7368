import type { StudioBridge } from '../../../shared/bridge';
import type { ServerMessage } from '../../../shared/envelope';
import type { ClientChannel } from '../../../shared/rpc-client';

/** The Electron face: envelopes go through the preload's `window.studio` bridge. */
export function bridgeChannel(bridge: StudioBridge): ClientChannel {
  const listeners = new Set<(m: ServerMessage) => void>();
  bridge.onEvent((e) => listeners.forEach((cb) => cb(e)));
  return {
    send(envelope) {
      void bridge.call(envelope).then((res) => listeners.forEach((cb) => cb(res)));
    },
    onMessage(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}
