import type { ServerMessage } from '../../../shared/envelope';
import type { ClientChannel } from '../../../shared/rpc-client';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';

/**
 * The browser face: one WebSocket to the studio that reconnects by itself with
 * backoff (0.5 s doubling to 10 s) and reports its state.
 */
export function wsChannel(
  url: string,
  onState: (s: ConnectionState, detail?: string) => void,
): ClientChannel & { close(): void } {
  const listeners = new Set<(m: ServerMessage) => void>();
  let socket: WebSocket | null = null;
  let delay = 500;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const queue: string[] = [];

  function open() {
    onState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      delay = 500;
      onState('connected');
      for (const m of queue.splice(0)) ws.send(m);
    };
    ws.onmessage = (e) => {
      const msg = JSON.parse(String(e.data)) as ServerMessage;
      listeners.forEach((cb) => cb(msg));
    };
    ws.onclose = () => {
      socket = null;
      if (closed) return;
      // A refused handshake never opens: most often a stale or missing token.
      onState(opened ? 'disconnected' : 'unauthorized', opened ? undefined : 'the studio refused the connection');
      timer = setTimeout(open, delay);
      delay = Math.min(delay * 2, 10_000);
    };
  }
  open();

  return {
    send(envelope) {
      const data = JSON.stringify(envelope);
      if (socket?.readyState === WebSocket.OPEN) socket.send(data);
      else queue.push(data);
    },
    onMessage(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    },
  };
}
