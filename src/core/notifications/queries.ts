import type { ClockDto, ProactiveEntry, ProjectNotificationDto, WakeupDto } from '../../shared/contract/notifications';
import type { Db } from '../store/open';

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
}

/** Project-wide, read-only views over the proactive tables for the Notifications screen. */
export function createNotificationQueries(db: Db) {
  // Optional filters as `(? IS NULL OR col = ?)`: one prepared statement each, indexes still used by project.
  const proactive = db.prepare<
    [string, string | null, string | null, string | null, string | null, number],
    ProactiveRowJ
  >(
    `SELECT p.*, a.name AS agent_name FROM proactive_notifications p LEFT JOIN agents a ON a.agent_id = p.agent_id
     WHERE p.project_id = ? AND (? IS NULL OR p.agent_id = ?) AND (? IS NULL OR p.user_id = ?)
     ORDER BY p.seq DESC LIMIT ?`,
  );
  const project = db.prepare<[string, string | null, string | null, number], ProjectRowJ>(
    `SELECT * FROM project_notifications WHERE project_id = ? AND (? IS NULL OR agent_id = ?) ORDER BY seq DESC LIMIT ?`,
  );
  const wakeups = db.prepare<[string, string | null, string | null, string | null, string | null, number], WakeupRowJ>(
    `SELECT w.*, a.name AS agent_name FROM wakeups w LEFT JOIN agents a ON a.agent_id = w.agent_id
     WHERE w.project_id = ? AND (? IS NULL OR w.agent_id = ?) AND (? IS NULL OR w.user_id = ?)
     ORDER BY (w.status = 'pending') DESC, w.scheduled_at DESC LIMIT ?`,
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
      return proactive.all(f.projectId, a, a, u, u, f.limit).map((r) => ({
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
      return project.all(f.projectId, a, a, f.limit).map((r) => {
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
      return wakeups.all(f.projectId, a, a, u, u, f.limit).map(toWakeupDto);
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
