import { create } from 'zustand';
import i18next from 'i18next';
import type { ResultOf } from '../../../../shared/contract';
import { parseDuration } from '../../../../shared/duration';
import { useStudio } from '../../store/studio';
import { errorText } from '../api-ui/call';

type Overview = ResultOf<'proactive.overview'>;

/** The three paged lists of the area. */
export type NotificationList = 'proactive' | 'notifications' | 'wakeups';
export const NOTIFICATIONS_PAGE = 200;

interface NotificationsState {
  projectId: string | null;
  /** Rows skipped in each list (paging). */
  offsets: Record<NotificationList, number>;
  setOffset(list: NotificationList, offset: number): void;
  agentId: string;
  userId: string;
  overview: Overview | null;
  projects: { projectId: string; name: string }[];
  agents: { agentId: string; name: string }[];
  error: string | null;
  busy: boolean;
  setFilter(patch: Partial<Pick<NotificationsState, 'projectId' | 'agentId' | 'userId'>>): void;
  load(): Promise<void>;
  /** Runs a command, shows its error inline, and reloads. */
  act(run: () => Promise<unknown>): Promise<void>;
}

/**
 * Why a duration the user typed (`1h30m`) was refused, in the UI's language (by the code
 * `parseDuration` gives beside its English message); null when it reads.
 */
export function durationProblem(text: string): string | null {
  const parsed = parseDuration(text);
  if (parsed.ok) return null;
  if (parsed.code === 'invalid') return i18next.t('notifications:duration.invalid', { text });
  if (parsed.code === 'zero') return i18next.t('notifications:duration.zero');
  return i18next.t('notifications:duration.tooLong', { text });
}

/** The Notifications area's state: filters, the overview, and the pickers' lists. */
export const useNotifications = create<NotificationsState>((set, get) => ({
  projectId: null,
  offsets: { proactive: 0, notifications: 0, wakeups: 0 },
  setOffset(list, offset) {
    set({ offsets: { ...get().offsets, [list]: Math.max(0, offset) } });
    void get().load();
  },
  agentId: '',
  userId: '',
  overview: null,
  projects: [],
  agents: [],
  error: null,
  busy: false,
  setFilter(patch) {
    set({
      ...patch,
      ...(patch.projectId !== undefined ? { agentId: '', userId: '' } : {}),
      offsets: { proactive: 0, notifications: 0, wakeups: 0 },
    });
    void get().load();
  },
  async load() {
    const client = useStudio.getState().client;
    if (!client) return;
    const { projectId, agentId, userId, offsets } = get();
    try {
      const [overview, projects] = await Promise.all([
        client.call('proactive.overview', {
          ...(projectId ? { projectId } : {}),
          ...(agentId ? { agentId } : {}),
          ...(userId ? { userId } : {}),
          limit: NOTIFICATIONS_PAGE,
          proactiveOffset: offsets.proactive,
          notificationsOffset: offsets.notifications,
          wakeupsOffset: offsets.wakeups,
        }),
        client.call('projects.list'),
      ]);
      const agents = await client.call('agents.list', { projectId: overview.projectId });
      set({
        overview,
        projectId: overview.projectId,
        projects: projects.projects.map((p) => ({ projectId: p.projectId, name: p.name })),
        agents: agents.agents.map((a) => ({ agentId: a.agentId, name: a.name })),
        error: null,
      });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  async act(run) {
    set({ busy: true, error: null });
    try {
      await run();
    } catch (err) {
      set({ error: errorText(err) });
    } finally {
      set({ busy: false });
      await get().load();
    }
  },
}));
