import { IPC_CALL, IPC_EVENT } from '../shared/bridge';
import type { Dispatch } from '../core/rpc/dispatch';
import type { EventBus } from '../core/live/bus';

/** The slice of Electron's ipcMain this module needs; tests pass a fake. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown,
  ): void;
  removeHandler(channel: string): void;
}
export interface WebContentsLike {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/**
 * Carries contract envelopes between the renderer and the core. Only frames of the
 * studio's own renderer may call; the envelope and its params are validated by the
 * dispatcher like on every other transport.
 */
export function registerIpc(opts: {
  ipcMain: IpcMainLike;
  dispatch: Dispatch;
  bus: EventBus;
  isTrustedUrl: (url: string) => boolean;
  target: () => WebContentsLike | null;
}): () => void {
  opts.ipcMain.handle(IPC_CALL, (event, envelope) => {
    const url = event.senderFrame?.url ?? '';
    if (!opts.isTrustedUrl(url)) {
      return {
        id: 0,
        error: { code: 'invalid_params', message: `calls from ${url || 'an unknown frame'} are refused` },
      };
    }
    return opts.dispatch(envelope);
  });
  const unsubscribe = opts.bus.subscribe((e) => {
    const wc = opts.target();
    if (wc && !wc.isDestroyed()) wc.send(IPC_EVENT, e);
  });
  return () => {
    unsubscribe();
    opts.ipcMain.removeHandler(IPC_CALL);
  };
}
