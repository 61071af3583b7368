import WebSocket from 'ws';
import { createStudioClient, type StudioClient } from '../../src/shared/rpc-client';
import type { ServerMessage } from '../../src/shared/envelope';

/** A contract client over a real WebSocket. */
export async function wsClient(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ client: StudioClient; ws: WebSocket }> {
  const ws = new WebSocket(url, { headers });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const listeners = new Set<(m: ServerMessage) => void>();
  ws.on('message', (d) => listeners.forEach((cb) => cb(JSON.parse(d.toString()) as ServerMessage)));
  const client = createStudioClient({
    send: (e) => ws.send(JSON.stringify(e)),
    onMessage: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  });
  return { client, ws };
}
