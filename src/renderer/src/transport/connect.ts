import type { StudioBridge } from '../../../shared/bridge';
import { createStudioClient, type StudioClient } from '../../../shared/rpc-client';
import { bridgeChannel } from './bridge-channel';
import { wsChannel, type ConnectionState } from './ws-channel';

const TOKEN_KEY = 'webhook-studio-token';

/** Reads the launch token from `#token=…` once, keeps it for the tab, and hides it from the address bar. */
export function takeToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(loc.hash);
  if (match) {
    const token = decodeURIComponent(match[1]);
    storage.setItem(TOKEN_KEY, token);
    window.history.replaceState(null, '', loc.pathname + loc.search);
    return token;
  }
  return storage.getItem(TOKEN_KEY);
}

/** Electron when the preload bridge is there, the WebSocket otherwise. */
export function connect(onState: (s: ConnectionState, detail?: string) => void): StudioClient {
  const bridge = (window as unknown as { studio?: StudioBridge }).studio;
  if (bridge) {
    onState('connected');
    return createStudioClient(bridgeChannel(bridge));
  }
  const token = takeToken();
  if (!token) onState('unauthorized', 'open the WEBHOOK_STUDIO_UI address the studio printed (it carries the token)');
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/_studio/ws?token=${encodeURIComponent(token ?? '')}`;
  const client = createStudioClient(wsChannel(url, (s, d) => (token ? onState(s, d) : undefined)));
  return client;
}
