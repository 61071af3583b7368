import { StudioError } from '../../shared/errors';
import type { StudioContext } from '../context';
import type { Feature } from '../feature';
import type { Proactive } from '../proactive';
import { createNotificationQueries } from './queries';

/**
 * The Notifications area: agent and project notifications, wakeups, and the studio
 * clock that runs them — the same state the mock API serves, seen project-wide.
 */
export function notificationsFeature(ctx: StudioContext, deps: { proactive: Proactive }): Feature {
  const q = createNotificationQueries(ctx.db);
  const { proactive } = deps;
  const projectOf = (id?: string) => {
    const projectId = id ?? ctx.status().projectId;
    if (!ctx.projects.project(projectId)) throw new StudioError('not_found', `no project ${projectId}`);
    return projectId;
  };
  const changed = (projectId: string | null) => ctx.bus.emit('proactive.changed', { projectId });
  const clockOf = (projectId: string) =>
    q.clock(projectId, proactive.clock.now(), (ctx.realClock ?? ctx.clock).now(), proactive.clock.offsetMs());
  const agentOf = ctx.db.prepare<[string, string, string], { agent_id: string }>(
    'SELECT agent_id FROM agents WHERE project_id = ? AND (agent_id = ? OR name = ?) LIMIT 1',
  );
  const firstAgent = ctx.db.prepare<[string], { agent_id: string }>(
    'SELECT agent_id FROM agents WHERE project_id = ? ORDER BY created_at LIMIT 1',
  );
  const unsubscribe = proactive.onWakeupExecuted((w) => changed(w.project_id));

  return {
    name: 'notifications',
    handlers: {
      'proactive.overview': (p) => {
        const projectId = projectOf(p.projectId);
        const f = {
          projectId,
          agentId: p.agentId,
          userId: p.userId,
          limit: p.limit,
          proactiveOffset: p.proactiveOffset,
          notificationsOffset: p.notificationsOffset,
          wakeupsOffset: p.wakeupsOffset,
        };
        return {
          projectId,
          proactive: q.proactive(f),
          projectNotifications: q.projectNotifications(f),
          wakeups: q.wakeups(f),
          users: q.users(projectId),
          clock: clockOf(projectId),
          counts: q.counts(f),
        };
      },
      'proactive.consumeAll': ({ projectId, agentId, userId }) => {
        const id = projectOf(projectId);
        const consumed = proactive.notifications.consumeAll(id, { agentId, userId });
        changed(id);
        return { consumed };
      },
      'proactive.acknowledgeAll': ({ projectId, agentId }) => {
        const id = projectOf(projectId);
        const acknowledged = proactive.notifications.acknowledgeAll(id, { agentId });
        changed(id);
        return { acknowledged };
      },
      'clock.reset': () => {
        proactive.clock.reset();
        changed(null);
        return clockOf(ctx.status().projectId);
      },
      'proactive.consume': ({ messageId }) => {
        const row = proactive.notifications.getProactive(messageId);
        if (!row) throw new StudioError('not_found', `no notification ${messageId}`);
        const consumed = proactive.notifications.consume(messageId);
        changed(row.project_id);
        return { consumed };
      },
      'proactive.acknowledge': ({ projectId, notificationIds }) => {
        const id = projectOf(projectId);
        const acknowledged = proactive.notifications.acknowledge(id, notificationIds);
        changed(id);
        return { acknowledged };
      },
      'wakeups.schedule': (p) => {
        const projectId = projectOf(p.projectId);
        const agent = p.agentId ? agentOf.get(projectId, p.agentId, p.agentId) : firstAgent.get(projectId);
        if (!agent) throw new StudioError('not_found', `no agent ${p.agentId ?? ''} in project ${projectId}`.trim());
        const row = proactive.wakeups.create({
          projectId,
          agentId: agent.agent_id,
          userId: p.userId,
          checkType: p.checkType,
          intent: p.intent,
          scheduledAt: new Date(proactive.clock.now().getTime() + p.delayMs),
        });
        changed(projectId);
        return q.wakeup(row.wakeup_id)!;
      },
      'clock.get': () => clockOf(ctx.status().projectId),
      'clock.advance': ({ ms }) => {
        const now = proactive.clock.advance(ms);
        const ran = proactive.runDueWakeups(now);
        changed(null);
        return {
          clock: clockOf(ctx.status().projectId),
          executed: ran.map((w) => q.wakeup(w.wakeup_id)!).filter(Boolean),
        };
      },
    },
    close: unsubscribe,
  };
}
