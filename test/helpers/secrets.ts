import type { Db } from '../../src/core/store/open';

/** Inserts a signing secret as the webhooks feature would (migration 002's table). */
export function insertSecret(
  db: Db,
  s: { secretId: string; secret: string; eventType?: string; rotatedAt?: string | null; createdAt?: string },
): void {
  db.prepare(
    `INSERT INTO webhook_secrets (secret_id, webhook_id, project_id, event_type, secret, created_at, rotated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.secretId,
    `wh_${s.secretId}`,
    'proj_test',
    s.eventType ?? 'agent.message',
    s.secret,
    s.createdAt ?? new Date().toISOString(),
    s.rotatedAt ?? null,
  );
}
