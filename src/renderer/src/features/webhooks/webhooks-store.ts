import { create } from 'zustand';
import type { ProjectDto, WebhookDto } from '../../../../shared/contract/api';
import type { WebhookHealth } from '../../../../shared/contract/deliveries';
import type { FireResultDto } from '../../../../shared/contract/events';
import { call, errorText } from '../api-ui/call';

/**
 * One sentence of what an action did, kept as data and worded when shown (WebhooksView), so a
 * language switch rewords it.
 */
export type ActionNote =
  | { kind: 'registered'; eventTypes: string[]; webhookUrl: string }
  | { kind: 'replaced'; eventType: string; previousUrl: string }
  | { kind: 'updated'; eventType: string; from: string; to: string }
  | { kind: 'saved'; eventType: string }
  | { kind: 'rotated'; eventType: string };

export interface ActionResult {
  notes: ActionNote[];
  secrets: { eventType: string; secret: string }[];
}

export interface PendingReplace {
  eventTypes: string[];
  webhookUrl: string;
  authHeader: string;
  replaces: { eventType: string; webhookUrl: string }[];
}

interface WebhooksState {
  projects: ProjectDto[];
  projectId: string | null;
  webhooks: WebhookDto[];
  loading: boolean;
  error: string | null;
  /** Secrets shown in full, by event type (hidden again on demand). */
  revealed: Record<string, string>;
  /** What the last action did, with any secret it issued (shown once); replaced by the next action. */
  issued: ActionResult | null;
  /** Registrations that would replace a URL, waiting for the user to confirm. */
  pendingReplace: PendingReplace | null;
  /** Health of each webhook over its recent attempts, by webhook id. */
  health: Record<string, WebhookHealth>;
  /** The last test event sent from this screen. */
  test: FireResultDto | null;
  load(): Promise<void>;
  selectProject(projectId: string): Promise<void>;
  refresh(): Promise<void>;
  save(eventType: string, webhookUrl: string, authHeader: string): Promise<boolean>;
  /** Registers one URL for one or more types; asks first (pendingReplace) when that would replace a URL. */
  register(eventTypes: string[], webhookUrl: string, authHeader: string, replace?: boolean): Promise<boolean>;
  cancelReplace(): void;
  refreshHealth(): Promise<void>;
  sendTest(eventType: string): Promise<void>;
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
    pendingReplace: null,
    health: {},
    test: null,
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
      set({ projectId, webhooks: [], revealed: {}, issued: null, pendingReplace: null, health: {}, test: null });
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
        await get().refreshHealth();
      }),
    refreshHealth: async () => {
      const projectId = get().projectId;
      if (!projectId) return;
      try {
        const { webhooks } = await call('webhooks.health', { projectId });
        if (get().projectId === projectId) set({ health: Object.fromEntries(webhooks.map((h) => [h.webhookId, h])) });
      } catch {
        /* health is a bonus: the list stands without it */
      }
    },
    register: async (eventTypes, webhookUrl, authHeader, replace = false) => {
      const projectId = get().projectId;
      if (!projectId) return false;
      const replaces = get()
        .webhooks.filter((w) => eventTypes.includes(w.eventType) && w.webhookUrl !== webhookUrl)
        .map((w) => ({ eventType: w.eventType, webhookUrl: w.webhookUrl }));
      if (replaces.length && !replace) {
        set({ pendingReplace: { eventTypes, webhookUrl, authHeader, replaces } });
        return false;
      }
      set({ error: null, pendingReplace: null });
      const secrets: ActionResult['secrets'] = [];
      const done: string[] = [];
      try {
        for (const eventType of eventTypes) {
          const r = await call('webhooks.upsert', { projectId, eventType, webhookUrl, authHeader: authHeader || null });
          if (r.signingSecret) secrets.push({ eventType, secret: r.signingSecret });
          done.push(eventType);
        }
      } catch (err) {
        set({ error: errorText(err) });
      }
      if (done.length) {
        const notes: ActionNote[] = [
          { kind: 'registered', eventTypes: done, webhookUrl },
          ...replaces
            .filter((r) => done.includes(r.eventType))
            .map((r): ActionNote => ({ kind: 'replaced', eventType: r.eventType, previousUrl: r.webhookUrl })),
        ];
        set({ issued: { notes, secrets } });
      }
      await get().refresh();
      return done.length === eventTypes.length;
    },
    cancelReplace: () => set({ pendingReplace: null }),
    sendTest: (eventType) =>
      guard(async () => {
        const projectId = get().projectId!;
        // The Sonzai API has no test endpoint: the studio sends its own sample, marked as a test.
        const fired = await call('events.fire', { eventType, projectId, source: 'test' });
        set({ test: fired });
      }),
    save: async (eventType, webhookUrl, authHeader) => {
      const projectId = get().projectId;
      if (!projectId) return false;
      set({ error: null });
      try {
        const before = get().webhooks.find((w) => w.eventType === eventType);
        const r = await call('webhooks.upsert', { projectId, eventType, webhookUrl, authHeader: authHeader || null });
        const note: ActionNote =
          before && before.webhookUrl !== webhookUrl
            ? { kind: 'updated', eventType, from: before.webhookUrl, to: webhookUrl }
            : before
              ? { kind: 'saved', eventType }
              : { kind: 'registered', eventTypes: [eventType], webhookUrl };
        set({
          issued: { notes: [note], secrets: r.signingSecret ? [{ eventType, secret: r.signingSecret }] : [] },
        });
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
        set({
          issued: { notes: [{ kind: 'rotated', eventType }], secrets: [{ eventType, secret }] },
          revealed: { ...get().revealed, [eventType]: secret },
        });
        await get().refresh();
      }),
    dismissIssued: () => set({ issued: null }),
  };
});
