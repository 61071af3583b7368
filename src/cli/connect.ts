import WebSocket from 'ws';
import { createStudioClient, type StudioClient } from '../shared/rpc-client';
import type { ServerMessage } from '../shared/envelope';
import type { EventName } from '../shared/contract';
import { dialHost, readRuntime, removeStaleRuntime, studioAnswers } from '../core/runtime-file';
import { WS_PATH } from '../core/rpc/ws-path';
import { CliError, EXIT } from './errors';

export interface Connection {
  client: StudioClient;
  close(): void;
}

/**
 * Connects to the studio running on this data dir, found through its runtime file.
 * `events`: the live events this command follows (the studio sends only those); every event when absent.
 */
export async function connectStudio(dataDir: string, events?: readonly EventName[]): Promise<Connection> {
  const info = readRuntime(dataDir);
  if (!info) {
    throw new CliError(
      `no studio is running for data dir ${dataDir}; start one with \`npm run serve\` or \`webhook-studio serve\``,
      EXIT.notRunning,
    );
  }
  const host = dialHost(info.host);
  const only = events ? `&events=${encodeURIComponent(events.join(','))}` : '';
  const url = `ws://${host}:${info.port}${WS_PATH}?token=${encodeURIComponent(info.token)}${only}`;
  const ws = new WebSocket(url, { headers: { host: `${host}:${info.port}` } });
  const failure = await new Promise<Error | null>((resolve) => {
    ws.once('open', () => resolve(null));
    ws.once('error', (err) => resolve(err));
  });
  if (failure) {
    if (!(await studioAnswers(info))) {
      // The pid lives on in an unrelated process, but nothing of ours listens: a leftover.
      removeStaleRuntime(dataDir);
      throw new CliError(
        `no studio is running for data dir ${dataDir} (removed a stale runtime.json naming pid ${info.pid}, port ${info.port}); start one with \`npm run serve\` or \`webhook-studio serve\``,
        EXIT.notRunning,
      );
    }
    throw new CliError(`cannot reach the studio at ${host}:${info.port}: ${failure.message}`, EXIT.notRunning);
  }
  const listeners = new Set<(m: ServerMessage) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as ServerMessage;
    for (const cb of listeners) cb(msg);
  });
  const client = createStudioClient({
    send: (env) => ws.send(JSON.stringify(env)),
    onMessage: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  });
  ws.on('close', () => client.failPending('the studio closed the connection'));
  return { client, close: () => ws.close() };
}
