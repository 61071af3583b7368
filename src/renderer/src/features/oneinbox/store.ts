import { create } from 'zustand';
import type {
  OneInboxCall,
  OneInboxEventType,
  OneInboxSettings,
  OneInboxWebhook,
} from '../../../../shared/contract/oneinbox';
import { useStudio } from '../../store/studio';
import { call, errorText } from '../api-ui/call';

export interface TestOutcome {
  webhookId: string;
  responseStatus: number;
  responseBody: string | null;
  error: string | null;
}

/** What just happened, kept as facts and worded when shown (so a language switch follows). */
export type OneInboxNotice =
  | { kind: 'registered'; id: string }
  | { kind: 'settingsSaved' }
  | { kind: 'callStarted'; id: string }
  | { kind: 'busyAfternoon'; calls: number }
  | { kind: 'fired'; eventType: OneInboxEventType; urls: string[] };

interface OneInboxState {
  baseUrl: string;
  apiKey: string;
  settings: OneInboxSettings | null;
  webhooks: OneInboxWebhook[];
  calls: OneInboxCall[];
  error: string | null;
  notice: OneInboxNotice | null;
  lastTest: TestOutcome | null;
}

export const useOneInbox = create<OneInboxState>(() => ({
  baseUrl: '',
  apiKey: '',
  settings: null,
  webhooks: [],
  calls: [],
  error: null,
  notice: null,
  lastTest: null,
}));

const set = useOneInbox.setState;
async function guard(fn: () => Promise<void>): Promise<boolean> {
  set({ error: null });
  try {
    await fn();
    return true;
  } catch (err) {
    set({ error: errorText(err) });
    return false;
  }
}

/** OneInbox's screens: webhooks by id, simulated calls, the platform's delivery settings. */
export const oneInboxActions = {
  load: () =>
    guard(async () => {
      const [st, w, c] = await Promise.all([
        call('oneinbox.status', {}),
        call('oneinbox.webhooks.list', {}),
        call('oneinbox.calls.list', {}),
      ]);
      set({ baseUrl: st.baseUrl, apiKey: st.apiKey, settings: st.settings, webhooks: w.webhooks, calls: c.calls });
    }),
  /** Refetches what changed, live. */
  subscribe(): () => void {
    const client = useStudio.getState().client;
    if (!client) return () => {};
    return client.on('oneinbox.changed', (p) => {
      if (p.what === 'webhooks') void call('oneinbox.webhooks.list', {}).then((r) => set({ webhooks: r.webhooks }));
      else if (p.what === 'calls') void call('oneinbox.calls.list', {}).then((r) => set({ calls: r.calls }));
      else void call('oneinbox.status', {}).then((r) => set({ settings: r.settings }));
    });
  },
  register: (b: { name: string; url: string; events: OneInboxEventType[] }) =>
    guard(async () => {
      const w = await call('oneinbox.webhooks.create', b);
      set({ notice: { kind: 'registered', id: w.id } });
    }),
  setStatus: (id: string, status: 'active' | 'inactive') =>
    guard(async () => {
      await call('oneinbox.webhooks.update', { id, status });
    }),
  remove: (id: string) =>
    guard(async () => {
      await call('oneinbox.webhooks.delete', { id });
    }),
  test: (id: string) =>
    guard(async () => {
      set({ lastTest: null });
      const r = await call('oneinbox.webhooks.test', { id });
      set({ lastTest: { webhookId: id, ...r } });
    }),
  saveSettings: (patch: Partial<OneInboxSettings>) =>
    guard(async () => {
      const settings = await call('oneinbox.settings.set', { patch });
      set({ settings, notice: { kind: 'settingsSaved' } });
    }),
  startCall: (p: {
    toNumber: string;
    fromNumber: string;
    agentId?: string;
    webhookUrl?: string;
    fail?: 'no-answer' | 'busy';
  }) =>
    guard(async () => {
      const c = await call('oneinbox.calls.start', p);
      set({ notice: { kind: 'callStarted', id: c.id } });
    }),
  busyAfternoon: () =>
    guard(async () => {
      const r = await call('oneinbox.scenario.busyAfternoon', {});
      set({ notice: { kind: 'busyAfternoon', calls: r.calls.length } });
    }),
  trigger: (eventType: OneInboxEventType) =>
    guard(async () => {
      const r = await call('oneinbox.trigger', { eventType });
      set({ notice: { kind: 'fired', eventType, urls: r.deliveries.map((d) => d.webhookUrl) } });
    }),
  advanceClock: (ms: number) =>
    guard(async () => {
      await call('clock.advance', { ms });
    }),
  dismiss: () => set({ notice: null, error: null }),
};
