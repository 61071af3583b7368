import type { Db } from '../store/open';
import type { WebhookSecretRow } from '../store/webhooks-repo';

/** A row of `webhook_secrets` (migration 002); the newest un-rotated one is current. */
export type SecretRow = WebhookSecretRow;

/** Upper bound of secrets read at once when looking for the one that signed something. */
export const KNOWN_SECRETS_MAX = 2000;

export function secretById(db: Db, secretId: string): SecretRow | undefined {
  return db.prepare('SELECT * FROM webhook_secrets WHERE secret_id = ?').get(secretId) as SecretRow | undefined;
}

export function currentSecret(db: Db, webhookId: string): SecretRow | undefined {
  return db
    .prepare(
      'SELECT * FROM webhook_secrets WHERE webhook_id = ? AND rotated_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1',
    )
    .get(webhookId) as SecretRow | undefined;
}

export function knownSecrets(db: Db): SecretRow[] {
  return db
    .prepare('SELECT * FROM webhook_secrets ORDER BY created_at DESC LIMIT ?')
    .all(KNOWN_SECRETS_MAX) as SecretRow[];
}

/** `whsec_ab…yz`: enough to tell secrets apart, never the secret itself. */
export function maskSecret(secret: string): string {
  const prefix = secret.startsWith('whsec_') ? 'whsec_' : '';
  const key = secret.slice(prefix.length);
  return key.length <= 8 ? `${prefix}${'•'.repeat(key.length)}` : `${prefix}${key.slice(0, 4)}…${key.slice(-4)}`;
}
