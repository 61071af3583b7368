import { create } from 'zustand';
import type { WebhookInjection } from '../../../../shared/contract';
import type { DeliverySettings, DeliverySettingsPatch, InjectionSettings } from '../../../../shared/delivery-settings';
import { useStudio } from '../../store/studio';
import { errorText } from '../api-ui/call';

interface DeliverySettingsState {
  settings: DeliverySettings | null;
  webhooks: WebhookInjection[];
  truncated: boolean;
  error: string | null;
  saved: boolean;
  load(): Promise<void>;
  save(patch: DeliverySettingsPatch): Promise<void>;
  saveInjection(webhookId: string, injection: InjectionSettings | null): Promise<void>;
}

const client = () => useStudio.getState().client;

/** The delivery settings area's own slice: settings, webhooks and their injection overrides. */
export const useDeliverySettings = create<DeliverySettingsState>((set, get) => ({
  settings: null,
  webhooks: [],
  truncated: false,
  error: null,
  saved: false,
  async load() {
    const c = client();
    if (!c) return;
    try {
      const [settings, inj] = await Promise.all([c.call('delivery.settings.get'), c.call('delivery.injection.get')]);
      set({ settings, webhooks: inj.webhooks, truncated: inj.truncated, error: null });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  async save(patch) {
    const c = client();
    if (!c) return;
    set({ error: null, saved: false });
    try {
      const settings = await c.call('delivery.settings.set', { patch });
      set({ settings, saved: true });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  async saveInjection(webhookId, injection) {
    const c = client();
    if (!c) return;
    set({ error: null, saved: false });
    try {
      const r = await c.call('delivery.injection.set', { webhookId, injection });
      set({
        saved: true,
        webhooks: get().webhooks.map((w) => (w.webhookId === webhookId ? { ...w, injection: r.injection } : w)),
      });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
}));

/** Keeps the slice in step with settings changed elsewhere (another window, the CLI). */
export function followSettings(): () => void {
  const c = client();
  if (!c) return () => {};
  return c.on('settings.changed', (s) => useDeliverySettings.setState({ settings: s.delivery }));
}
