import type {
  ClockDto,
  NotificationCounts,
  ProactiveEntry,
  ProjectNotificationDto,
  WakeupDto,
} from '../../shared/contract/notifications';
import type { Db } from '../store/open';
import { projectNotificationColumnsSql } from '../proactive/notifications-repo';

interface ProactiveRowJ {
  message_id: string;
  agent_id: string;
  agent_name: string | null;
  user_id: string;
  check_type: string;
  generated_message: string;
  status: 'pending' | 'consumed';
  wakeup_id: string | null;
  intent: string | null;
  created_at: string;
  consumed_at: string | null;
}
interface ProjectRowJ {
  notification_id: string;
  event_type: string;
  status: 'pending' | 'acknowledged';
  agent_id: string | null;
  user_id: string | null;
  created_at: string;
  expires_at: string | null;
  acknowledged_at: string | null;
  payload_json: string;
}
interface WakeupRowJ {
  wakeup_id: string;
  agent_id: string;
  agent_name: string | null;
  user_id: string;
  check_type: string;
  intent: string;
  status: 'pending' | 'executed';
  scheduled_at: string;
  executed_at: string | null;
  generated_message: string | null;
  created_at: string;
}

export function toWakeupDto(r: WakeupRowJ): WakeupDto {
  return {
    wakeupId: r.wakeup_id,
    agentId: r.agent_id,
    agentName: r.agent_name,
    userId: r.user_id,
    checkType: r.check_type,
    intent: r.intent,
    status: r.status,
    scheduledAt: r.scheduled_at,
    executedAt: r.executed_at,
    generatedMessage: r.generated_message,
    createdAt: r.created_at,
  };
}

export interface Filter {
  projectId: string;
  agentId?: string;
  userId?: string;
  limit: number;
  proactiveOffset?: number;
  notificationsOffset?: number;
  wakeupsOffset?: number;
}

/** Project-wide, read-only views over the proactive tables for the Notifications screen. */
export function createNotificationQueries(db: Db) {
  // Optional filters as `(? IS NULL OR col = ?)`: one prepared statement each, indexes still used by project.
  const proactive = db.prepare<
    [string, string | null, string | null, string | null, string | null, number, number],
    ProactiveRowJ
  >(
    `SELECT p.*, a.name AS agent_name FROM proactive_notifications p LEFT JOIN agents a ON a.agent_id = p.agent_id
     WHERE p.project_id = ? AND (? IS NULL OR p.agent_id = ?) AND (? IS NULL OR p.user_id = ?)
     ORDER BY p.seq DESC LIMIT ? OFFSET ?`,
  );
  const project = db.prepare<[string, string | null, string | null, number, number], ProjectRowJ>(
    `SELECT ${projectNotificationColumnsSql('n')} FROM project_notifications n
     WHERE project_id = ? AND (? IS NULL OR agent_id = ?) ORDER BY seq DESC LIMIT ? OFFSET ?`,
  );
  const wakeups = db.prepare<
    [string, string | null, string | null, string | null, string | null, number, number],
    WakeupRowJ
  >(
    `SELECT w.*, a.name AS agent_name FROM wakeups w LEFT JOIN agents a ON a.agent_id = w.agent_id
     WHERE w.project_id = ? AND (? IS NULL OR w.agent_id = ?) AND (? IS NULL OR w.user_id = ?)
     ORDER BY (w.status = 'pending') DESC, w.scheduled_at DESC LIMIT ? OFFSET ?`,
  );
  const countsOf = db.prepare<
    [string, string | null, string | null, string | null, string | null],
    { n: number; pending: number }
  >(
    `SELECT count(*) AS n, coalesce(sum(status = 'pending'), 0) AS pending FROM proactive_notifications
     WHERE project_id = ? AND (? IS NULL OR agent_id = ?) AND (? IS NULL OR user_id = ?)`,
  );
  const projectCounts = db.prepare<[string, string | null, string | null], { n: number; pending: number }>(
    `SELECT count(*) AS n, coalesce(sum(status = 'pending'), 0) AS pending FROM project_notifications
     WHERE project_id = ? AND (? IS NULL OR agent_id = ?)`,
  );
  const wakeupCounts = db.prepare<
    [string, string | null, string | null, string | null, string | null],
    { n: number; pending: number }
  >(
    `SELECT count(*) AS n, coalesce(sum(status = 'pending'), 0) AS pending FROM wakeups
     WHERE project_id = ? AND (? IS NULL OR agent_id = ?) AND (? IS NULL OR user_id = ?)`,
  );
  const wakeupById = db.prepare<[string], WakeupRowJ>(
    `SELECT w.*, a.name AS agent_name FROM wakeups w LEFT JOIN agents a ON a.agent_id = w.agent_id WHERE w.wakeup_id = ?`,
  );
  const users = db.prepare<[string, string], { user_id: string }>(
    `SELECT user_id FROM proactive_notifications WHERE project_id = ?
     UNION SELECT user_id FROM wakeups WHERE project_id = ? ORDER BY user_id LIMIT 200`,
  );
  const pending = db.prepare<[string], { next: string | null; n: number }>(
    `SELECT min(scheduled_at) AS next, count(*) AS n FROM wakeups WHERE project_id = ? AND status = 'pending'`,
  );

  return {
    proactive(f: Filter): ProactiveEntry[] {
      const a = f.agentId ?? null;
      const u = f.userId ?? null;
      return proactive.all(f.projectId, a, a, u, u, f.limit, f.proactiveOffset ?? 0).map((r) => ({
        messageId: r.message_id,
        agentId: r.agent_id,
        agentName: r.agent_name,
        userId: r.user_id,
        checkType: r.check_type,
        generatedMessage: r.generated_message,
        status: r.status,
        wakeupId: r.wakeup_id,
        intent: r.intent,
        createdAt: r.created_at,
        consumedAt: r.consumed_at,
      }));
    },
    projectNotifications(f: Filter): ProjectNotificationDto[] {
      const a = f.agentId ?? null;
      return project.all(f.projectId, a, a, f.limit, f.notificationsOffset ?? 0).map((r) => {
        let payload: unknown = null;
        try {
          payload = JSON.parse(r.payload_json);
        } catch {
          /* stored by us as JSON; a broken row shows as null */
        }
        return {
          notificationId: r.notification_id,
          eventType: r.event_type,
          status: r.status,
          agentId: r.agent_id,
          userId: r.user_id,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          acknowledgedAt: r.acknowledged_at,
          payload,
        };
      });
    },
    wakeups(f: Filter): WakeupDto[] {
      const a = f.agentId ?? null;
      const u = f.userId ?? null;
      return wakeups.all(f.projectId, a, a, u, u, f.limit, f.wakeupsOffset ?? 0).map(toWakeupDto);
    },
    /** True totals for the filter, whatever page is shown. */
    counts(f: Filter): NotificationCounts {
      const a = f.agentId ?? null;
      const u = f.userId ?? null;
      const p = countsOf.get(f.projectId, a, a, u, u)!;
      const n = projectCounts.get(f.projectId, a, a)!;
      const w = wakeupCounts.get(f.projectId, a, a, u, u)!;
      return {
        proactive: p.n,
        proactivePending: p.pending,
        projectNotifications: n.n,
        projectNotificationsPending: n.pending,
        wakeups: w.n,
        wakeupsPending: w.pending,
      };
    },
    wakeup(id: string): WakeupDto | null {
      const r = wakeupById.get(id);
      return r ? toWakeupDto(r) : null;
    },
    users: (projectId: string) => users.all(projectId, projectId).map((r) => r.user_id),
    clock(projectId: string, now: Date, realNow: Date, offsetMs: number): ClockDto {
      const p = pending.get(projectId);
      return {
        now: now.toISOString(),
        realNow: realNow.toISOString(),
        offsetMs,
        nextWakeupAt: p?.next ?? null,
        pendingWakeups: p?.n ?? 0,
      };
    },
  };
}
