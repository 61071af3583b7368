import type { RequestEnvelope, ResponseEnvelope, EventEnvelope } from './envelope';

/** The only thing the Electron preload exposes to the renderer (`window.studio`). */
export interface StudioBridge {
  call(envelope: RequestEnvelope): Promise<ResponseEnvelope>;
  onEvent(cb: (event: EventEnvelope) => void): () => void;
}

export const IPC_CALL = 'studio:call';
export const IPC_EVENT = 'studio:event';
