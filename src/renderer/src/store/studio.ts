import { create } from 'zustand';
import type { StudioStatus } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import type { StudioClient } from '../../../shared/rpc-client';
import type { ConnectionState } from '../transport/ws-channel';

/** The areas in navigation order; their names are in the `shell` catalog (`area.<id>`). */
export const AREAS = [
  { id: 'events' },
  { id: 'deliveries' },
  { id: 'webhooks' },
  { id: 'projects' },
  { id: 'requests' },
  { id: 'tunnel' },
  { id: 'notifications' },
  { id: 'signatures' },
  { id: 'settings' },
] as const;
export type AreaId = (typeof AREAS)[number]['id'];

interface StudioState {
  client: StudioClient | null;
  connection: ConnectionState;
  connectionDetail?: string;
  status: StudioStatus | null;
  settings: Settings | null;
  area: AreaId;
  setArea(area: AreaId): void;
}

/** App-wide state: the connection, the studio's status, the settings and the open area. */
export const useStudio = create<StudioState>((set) => ({
  client: null,
  connection: 'connecting',
  status: null,
  settings: null,
  area: 'events',
  setArea: (area) => set({ area }),
}));

/** Wires a client into the store: initial fetch on every (re)connect, then live events. */
export function attachClient(client: StudioClient): void {
  useStudio.setState({ client });
  const refresh = () => {
    void client.call('studio.status').then((status) => useStudio.setState({ status }));
    void client.call('settings.get').then((settings) => useStudio.setState({ settings }));
  };
  client.on('studio.statusChanged', (status) => useStudio.setState({ status }));
  client.on('settings.changed', (settings) => useStudio.setState({ settings }));
  useStudio.subscribe((s, prev) => {
    if (s.connection === 'connected' && prev.connection !== 'connected') refresh();
  });
  if (useStudio.getState().connection === 'connected') refresh();
}
