import { create } from 'zustand';
import type { ProjectDto, WebhookDto } from '../../../../shared/contract/api';
import { call, errorText } from '../api-ui/call';

interface WebhooksState {
  projects: ProjectDto[];
  projectId: string | null;
  webhooks: WebhookDto[];
  loading: boolean;
  error: string | null;
  /** Secrets shown in full, by event type (hidden again on demand). */
  revealed: Record<string, string>;
  /** A secret just issued (registration or rotation), shown once at the top. */
  issued: { eventType: string; secret: string; why: 'created' | 'rotated' } | null;
  load(): Promise<void>;
  selectProject(projectId: string): Promise<void>;
  refresh(): Promise<void>;
  save(eventType: string, webhookUrl: string, authHeader: string): Promise<boolean>;
  remove(eventType: string): Promise<void>;
  setActive(eventType: string, active: boolean): Promise<void>;
  reveal(eventType: string): Promise<void>;
  hide(eventType: string): void;
  rotate(eventType: string): Promise<void>;
  dismissIssued(): void;
}

/** The Webhooks screen's state: one project's webhooks and their secrets. */
export const useWebhooks = create<WebhooksState>((set, get) => {
  const guard = async (fn: () => Promise<void>) => {
    set({ error: null });
    try {
      await fn();
    } catch (err) {
      set({ error: errorText(err) });
    }
  };
  return {
    projects: [],
    projectId: null,
    webhooks: [],
    loading: false,
    error: null,
    revealed: {},
    issued: null,
    load: () =>
      guard(async () => {
        const { projects } = await call('projects.list', {});
        const current = get().projectId;
        const keep = projects.find((p) => p.projectId === current);
        const projectId =
          keep?.projectId ?? projects.find((p) => p.isDefault)?.projectId ?? projects[0]?.projectId ?? null;
        set({ projects, projectId });
        await get().refresh();
      }),
    selectProject: async (projectId) => {
      set({ projectId, webhooks: [], revealed: {}, issued: null });
      await get().refresh();
    },
    refresh: () =>
      guard(async () => {
        const projectId = get().projectId;
        if (!projectId) return;
        set({ loading: true });
        try {
          const { webhooks } = await call('webhooks.list', { projectId });
          if (get().projectId === projectId) set({ webhooks });
        } finally {
          set({ loading: false });
        }
      }),
    save: async (eventType, webhookUrl, authHeader) => {
      const projectId = get().projectId;
      if (!projectId) return false;
      set({ error: null });
      try {
        const r = await call('webhooks.upsert', { projectId, eventType, webhookUrl, authHeader: authHeader || null });
        if (r.signingSecret) set({ issued: { eventType, secret: r.signingSecret, why: 'created' } });
        await get().refresh();
        return true;
      } catch (err) {
        set({ error: errorText(err) });
        return false;
      }
    },
    remove: (eventType) =>
      guard(async () => {
        await call('webhooks.delete', { projectId: get().projectId!, eventType });
        await get().refresh();
      }),
    setActive: (eventType, active) =>
      guard(async () => {
        await call('webhooks.setActive', { projectId: get().projectId!, eventType, active });
        await get().refresh();
      }),
    reveal: (eventType) =>
      guard(async () => {
        const { secret } = await call('webhooks.revealSecret', { projectId: get().projectId!, eventType });
        set({ revealed: { ...get().revealed, [eventType]: secret } });
      }),
    hide: (eventType) => {
      const revealed = { ...get().revealed };
      delete revealed[eventType];
      set({ revealed });
    },
    rotate: (eventType) =>
      guard(async () => {
        const { secret } = await call('webhooks.rotate', { projectId: get().projectId!, eventType });
        set({ issued: { eventType, secret, why: 'rotated' }, revealed: { ...get().revealed, [eventType]: secret } });
        await get().refresh();
      }),
    dismissIssued: () => set({ issued: null }),
  };
});
