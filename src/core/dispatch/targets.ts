import type { Db } from '../store/open';
import { onTablesWritten } from '../store/table-watch';

/**
 * Read-only queries over the webhooks and their secrets (written by the mock API). Which
 * webhooks receive an event, and which secrets sign for one right now.
 */
export interface TargetWebhook {
  webhook_id: string;
  project_id: string;
  event_type: string;
  webhook_url: string;
  auth_header: string | null;
}

export interface SigningSecret {
  secret_id: string;
  secret: string;
  created_at: string;
  rotated_at: string | null;
}

export function createTargets(db: Db) {
  const active = db.prepare<[string, string], TargetWebhook>(
    `SELECT webhook_id, project_id, event_type, webhook_url, auth_header FROM webhooks
     WHERE project_id = ? AND event_type = ? AND is_active = 1 ORDER BY webhook_id`,
  );
  const byId = db.prepare<[string], TargetWebhook & { is_active: number }>(
    `SELECT webhook_id, project_id, event_type, webhook_url, auth_header, is_active FROM webhooks WHERE webhook_id = ?`,
  );
  const list = db.prepare<[number], TargetWebhook & { is_active: number }>(
    `SELECT webhook_id, project_id, event_type, webhook_url, auth_header, is_active FROM webhooks
     ORDER BY project_id, event_type LIMIT ?`,
  );
  const current = db.prepare<[string], SigningSecret>(
    `SELECT secret_id, secret, created_at, rotated_at FROM webhook_secrets
     WHERE webhook_id = ? AND rotated_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1`,
  );
  const withCurrent = db.prepare<
    [string],
    TargetWebhook & {
      is_active: number;
      secret_id: string | null;
      secret: string | null;
      secret_created_at: string | null;
    }
  >(
    `SELECT w.webhook_id, w.project_id, w.event_type, w.webhook_url, w.auth_header, w.is_active,
            s.secret_id, s.secret, s.created_at AS secret_created_at
     FROM webhooks w LEFT JOIN webhook_secrets s ON s.webhook_id = w.webhook_id AND s.rotated_at IS NULL
     WHERE w.webhook_id = ? ORDER BY s.created_at DESC, s.rowid DESC LIMIT 1`,
  );
  type WithCurrent = NonNullable<ReturnType<typeof withCurrent.get>>;
  // Each delivery reads its webhook and current secret: kept here between writes, since a
  // statement of its own costs a read transaction (locks on the WAL index) every time. Any
  // write to these tables through this connection empties it, and inside a transaction
  // (whose writes may yet roll back) the store is read as it stands and nothing is kept.
  const kept = new Map<string, WithCurrent | null>();
  onTablesWritten(db, ['webhooks', 'webhook_secrets'], () => kept.clear());
  const webhookAndSecret = (webhookId: string): WithCurrent | null => {
    if (db.inTransaction) return withCurrent.get(webhookId) ?? null;
    let row = kept.get(webhookId);
    if (row === undefined) {
      row = withCurrent.get(webhookId) ?? null;
      if (kept.size >= 1000) kept.clear();
      kept.set(webhookId, row);
    }
    return row;
  };
  const recent = db.prepare<[string, string], SigningSecret>(
    `SELECT secret_id, secret, created_at, rotated_at FROM webhook_secrets
     WHERE webhook_id = ? AND rotated_at IS NOT NULL AND rotated_at >= ? ORDER BY rotated_at DESC, rowid DESC`,
  );

  return {
    /** Active webhooks of a project for one event type. */
    activeFor: (projectId: string, eventType: string): TargetWebhook[] => active.all(projectId, eventType),
    webhook: (webhookId: string) => byId.get(webhookId),
    /** Every webhook (for the injection picker), at most `limit`. */
    all: (limit: number) => list.all(limit),
    /** One read for the hot path: the webhook and the secrets that sign for it now. */
    forDelivery(
      webhookId: string,
      now: Date,
      overlapSeconds: number,
    ): { webhook: TargetWebhook & { is_active: number }; secrets: SigningSecret[] } | null {
      const row = webhookAndSecret(webhookId);
      if (!row) return null;
      const { secret_id, secret, secret_created_at, ...webhook } = row;
      if (!secret_id || secret === null) return { webhook, secrets: [] };
      const cur: SigningSecret = { secret_id, secret, created_at: secret_created_at!, rotated_at: null };
      if (overlapSeconds <= 0) return { webhook, secrets: [cur] };
      const since = new Date(now.getTime() - overlapSeconds * 1000).toISOString();
      return { webhook, secrets: [cur, ...recent.all(webhookId, since)] };
    },
    /**
     * The secrets that sign a delivery now: the current one first, then those rotated
     * within the overlap window (none when the window is 0, as in production).
     */
    signingSecrets(webhookId: string, now: Date, overlapSeconds: number): SigningSecret[] {
      const cur = current.get(webhookId);
      if (!cur) return [];
      if (overlapSeconds <= 0) return [cur];
      const since = new Date(now.getTime() - overlapSeconds * 1000).toISOString();
      return [cur, ...recent.all(webhookId, since)];
    },
  };
}
export type Targets = ReturnType<typeof createTargets>;
