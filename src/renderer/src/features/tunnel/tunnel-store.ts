import i18next from 'i18next';
import { create } from 'zustand';
import type {
  CaptureDetail,
  CaptureSummary,
  ForwardResult,
  Inbox,
  RelayStatus,
} from '../../../../shared/contract/tunnel';
import { useStudio } from '../../store/studio';

/** Captures kept in the live list (older ones are a page away in the store). */
export const LIVE_LIST_MAX = 500;

interface TunnelState {
  inbox: string;
  captures: CaptureSummary[];
  hasMore: boolean;
  selectedId: string | null;
  detail: CaptureDetail | null;
  inboxes: Inbox[];
  relay: RelayStatus | null;
  replay: ForwardResult | null;
  /** The last failure, as caught: shown through `errorText` when rendering, so it follows a language switch. */
  error: unknown;
  busy: boolean;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  select(captureId: string | null): Promise<void>;
  configure(patch: Partial<Omit<Inbox, 'name' | 'updatedAt'>>): Promise<boolean>;
  replayTo(url: string): Promise<void>;
  connectRelay(p: { url: string; channel: string; token: string }): Promise<void>;
  disconnectRelay(): Promise<void>;
}

function client() {
  const c = useStudio.getState().client;
  if (!c) throw new Error(i18next.t('common:state.notConnected'));
  return c;
}

async function attempt(set: (p: Partial<TunnelState>) => void, fn: () => Promise<void>): Promise<boolean> {
  set({ error: null, busy: true });
  try {
    await fn();
    return true;
  } catch (err) {
    set({ error: err });
    return false;
  } finally {
    set({ busy: false });
  }
}

/** The Inbox & Tunnel area's state: the live capture list, the open capture, inbox and relay. */
export const useTunnel = create<TunnelState>((set, get) => ({
  inbox: 'dev',
  captures: [],
  hasMore: false,
  selectedId: null,
  detail: null,
  inboxes: [],
  relay: null,
  replay: null,
  error: null,
  busy: false,
  async load() {
    await attempt(set, async () => {
      const c = client();
      const [page, inboxes, relay] = await Promise.all([
        c.call('captures.list', { limit: 100 }),
        c.call('inboxes.list'),
        c.call('relay.status'),
      ]);
      set({ captures: page.captures, hasMore: page.hasMore, inboxes, relay });
    });
  },
  async loadMore() {
    const last = get().captures.at(-1);
    if (!last) return;
    await attempt(set, async () => {
      const page = await client().call('captures.list', { limit: 100, beforeSeq: last.seq });
      set({ captures: [...get().captures, ...page.captures], hasMore: page.hasMore });
    });
  },
  async select(captureId) {
    set({ selectedId: captureId, detail: null, replay: null });
    if (!captureId) return;
    await attempt(set, async () => {
      const detail = await client().call('captures.get', { captureId });
      if (get().selectedId === captureId) set({ detail });
    });
  },
  configure(patch) {
    return attempt(set, async () => {
      const inbox = await client().call('inboxes.configure', { name: get().inbox, ...patch });
      set({ inboxes: [...get().inboxes.filter((i) => i.name !== inbox.name), inbox] });
    });
  },
  async replayTo(url) {
    const id = get().selectedId;
    if (!id) return;
    set({ replay: null });
    await attempt(set, async () => {
      set({ replay: await client().call('captures.replay', { captureId: id, url }) });
    });
  },
  async connectRelay(p) {
    await attempt(set, async () => {
      set({ relay: await client().call('relay.connect', { ...p, inbox: get().inbox }) });
    });
  },
  async disconnectRelay() {
    await attempt(set, async () => {
      set({ relay: await client().call('relay.disconnect') });
    });
  },
}));

/** Subscribes the store to live captures and relay health; returns the unsubscribe. */
export function subscribeTunnel(): () => void {
  const c = useStudio.getState().client;
  if (!c) return () => {};
  const offCapture = c.on('capture.recorded', (cap) => {
    const s = useTunnel.getState();
    if (s.captures.some((x) => x.captureId === cap.captureId)) return;
    useTunnel.setState({ captures: [cap, ...s.captures].slice(0, LIVE_LIST_MAX) });
  });
  const offRelay = c.on('relay.status', (relay) => useTunnel.setState({ relay }));
  return () => {
    offCapture();
    offRelay();
  };
}
