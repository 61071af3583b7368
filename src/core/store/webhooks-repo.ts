import type { Clock, Random } from '../deps';
import type { Db } from './open';

/** A registered webhook, one per (project, event type). */
export interface WebhookRow {
  webhook_id: string;
  project_id: string;
  event_type: string;
  webhook_url: string;
  auth_header: string | null;
  is_active: number;
  created_at: string;
  updated_at: string;
}

/** A signing secret; the newest row of a webhook with `rotated_at IS NULL` is current. */
export interface WebhookSecretRow {
  secret_id: string;
  webhook_id: string;
  project_id: string;
  event_type: string;
  secret: string;
  created_at: string;
  rotated_at: string | null;
}

export interface UpsertResult {
  webhook: WebhookRow;
  /** True on first registration: `secret` is then the new signing secret. */
  created: boolean;
  secret?: string;
}

/**
 * Webhooks and their signing secrets (tables of migration 002). Plain synchronous
 * functions over SQLite; the mock API, the UI handlers and the dispatcher share them.
 */
export function createWebhooksRepo(db: Db, clock: Clock, random: Random) {
  const iso = () => clock.now().toISOString();
  const q = {
    get: db.prepare<[string, string], WebhookRow>('SELECT * FROM webhooks WHERE project_id = ? AND event_type = ?'),
    byId: db.prepare<[string], WebhookRow>('SELECT * FROM webhooks WHERE webhook_id = ?'),
    list: db.prepare<[string], WebhookRow>(
      'SELECT * FROM webhooks WHERE project_id = ? ORDER BY created_at, event_type',
    ),
    insert: db.prepare(
      `INSERT INTO webhooks (webhook_id, project_id, event_type, webhook_url, auth_header, is_active, created_at, updated_at)
       VALUES (@webhook_id, @project_id, @event_type, @webhook_url, @auth_header, 1, @created_at, @updated_at)`,
    ),
    update: db.prepare<[string, string | null, string, string, string]>(
      'UPDATE webhooks SET webhook_url = ?, auth_header = ?, updated_at = ? WHERE project_id = ? AND event_type = ?',
    ),
    setActive: db.prepare('UPDATE webhooks SET is_active = ?, updated_at = ? WHERE webhook_id = ?'),
    delete: db.prepare('DELETE FROM webhooks WHERE webhook_id = ?'),
    insertSecret: db.prepare(
      `INSERT INTO webhook_secrets (secret_id, webhook_id, project_id, event_type, secret, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    retireSecrets: db.prepare('UPDATE webhook_secrets SET rotated_at = ? WHERE webhook_id = ? AND rotated_at IS NULL'),
    current: db.prepare<[string], WebhookSecretRow>(
      `SELECT * FROM webhook_secrets WHERE webhook_id = ? AND rotated_at IS NULL
       ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    ),
    secrets: db.prepare<[string], WebhookSecretRow>(
      'SELECT * FROM webhook_secrets WHERE webhook_id = ? ORDER BY created_at DESC, rowid DESC',
    ),
  };

  // Lists per project, cached until this repo changes the project's webhooks (or 1 s passes).
  const lists = new Map<string, { rows: WebhookRow[]; at: number }>();
  const forget = (projectId: string) => lists.delete(projectId);

  /** A new signing secret: `whsec_` + 32 random bytes, URL-safe base64. */
  const newSecret = () => `whsec_${random.token(32)}`;

  function addSecret(w: WebhookRow, now: string): string {
    const secret = newSecret();
    q.insertSecret.run(random.uuid(), w.webhook_id, w.project_id, w.event_type, secret, now);
    return secret;
  }

  /** First registration: the webhook and its first secret, in one transaction; the secret. */
  const create = db.transaction(
    (projectId: string, eventType: string, input: { webhookUrl: string; authHeader?: string | null }): string => {
      const now = iso();
      const row = {
        webhook_id: random.uuid(),
        project_id: projectId,
        event_type: eventType,
        webhook_url: input.webhookUrl,
        auth_header: input.authHeader ?? null,
        created_at: now,
        updated_at: now,
      };
      q.insert.run(row);
      return addSecret(q.byId.get(row.webhook_id)!, now);
    },
  );

  /** Replaces the current secret; the old one is invalid at once (its `rotated_at` is set). Null when no such webhook. */
  const rotate = db.transaction((projectId: string, eventType: string): string | null => {
    const w = q.get.get(projectId, eventType);
    if (!w) return null;
    const now = iso();
    q.retireSecrets.run(now, w.webhook_id);
    return addSecret(w, now);
  });

  /** Deletes the webhook; its secrets are kept (retired) so old signatures can still be explained. */
  const remove = db.transaction((projectId: string, eventType: string): boolean => {
    const w = q.get.get(projectId, eventType);
    if (!w) return false;
    forget(projectId);
    q.retireSecrets.run(iso(), w.webhook_id);
    q.delete.run(w.webhook_id);
    return true;
  });

  /**
   * Registers or updates the webhook of (project, event type). PUT semantics: an omitted
   * auth header is cleared. An update is one statement (no explicit transaction); a first
   * registration inserts the webhook and its secret together. Says only whether it was
   * created (and its first secret): the API's answer needs no more, and reading the row
   * back would double the cost of an update.
   */
  function register(
    projectId: string,
    eventType: string,
    input: { webhookUrl: string; authHeader?: string | null },
  ): { created: boolean; secret?: string } {
    forget(projectId);
    if (q.update.run(input.webhookUrl, input.authHeader ?? null, iso(), projectId, eventType).changes) {
      return { created: false };
    }
    return { created: true, secret: create(projectId, eventType, input) };
  }

  return {
    register,
    /** `register`, then the webhook as stored (for the UI). */
    upsert(
      projectId: string,
      eventType: string,
      input: { webhookUrl: string; authHeader?: string | null },
    ): UpsertResult {
      const r = register(projectId, eventType, input);
      return { webhook: q.get.get(projectId, eventType)!, ...r };
    },
    rotate: (projectId: string, eventType: string): string | null => rotate(projectId, eventType),
    delete: (projectId: string, eventType: string): boolean => remove(projectId, eventType),
    /** Every webhook of a project, oldest first. */
    list(projectId: string): WebhookRow[] {
      const now = clock.now().getTime();
      const hit = lists.get(projectId);
      if (hit && now - hit.at < 1000) return hit.rows.map((r) => ({ ...r }));
      const rows = q.list.all(projectId);
      if (lists.size > 1000) lists.clear();
      lists.set(projectId, { rows, at: now });
      return rows.map((r) => ({ ...r }));
    },
    /** Drops the cached list of a project whose rows changed outside this repo (e.g. project deleted). */
    forgetProject: (projectId: string): void => void forget(projectId),
    get: (projectId: string, eventType: string): WebhookRow | undefined => q.get.get(projectId, eventType),
    getById: (webhookId: string): WebhookRow | undefined => q.byId.get(webhookId),
    /** Turns delivery on or off; false when no such webhook. */
    setActive(projectId: string, eventType: string, active: boolean): boolean {
      const w = q.get.get(projectId, eventType);
      if (!w) return false;
      forget(projectId);
      q.setActive.run(active ? 1 : 0, iso(), w.webhook_id);
      return true;
    },
    /** The current signing secret of a webhook (by id), or undefined. */
    currentSecret: (webhookId: string): WebhookSecretRow | undefined => q.current.get(webhookId),
    /** Every secret a webhook has had, newest first (current one has `rotated_at` null). */
    secrets: (webhookId: string): WebhookSecretRow[] => q.secrets.all(webhookId),
  };
}
export type WebhooksRepo = ReturnType<typeof createWebhooksRepo>;
