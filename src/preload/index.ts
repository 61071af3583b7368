import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CALL, IPC_EVENT, type StudioBridge } from '../shared/bridge';
import type { EventEnvelope } from '../shared/envelope';

/** The one bridge into the renderer: call(envelope) and onEvent(cb) → unsubscribe. */
const bridge: StudioBridge = {
  call: (envelope) => ipcRenderer.invoke(IPC_CALL, envelope),
  onEvent: (cb) => {
    const listener = (_e: unknown, payload: EventEnvelope) => cb(payload);
    ipcRenderer.on(IPC_EVENT, listener);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, listener);
    };
  },
};

contextBridge.exposeInMainWorld('studio', bridge);
