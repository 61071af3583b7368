import type { Clock, Random } from '../deps';
import type { Db } from './open';
import type { ApiKeyRow } from './projects-repo';

export interface KeyRow extends ApiKeyRow {
  expires_at: string | null;
}

/** Longest accepted key lifetime through the API: 10 years. */
export const MAX_KEY_EXPIRES_DAYS = 3650;

/** How long a successful key lookup is reused (revocation through this repo clears it at once). */
export const AUTH_CACHE_MS = 1000;

/** API keys (`sk_...`) of projects: list, create, revoke, authenticate. */
export function createKeysRepo(db: Db, clock: Clock, random: Random) {
  const iso = () => clock.now().toISOString();
  const bySecret = db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE secret = ?');
  const byId = db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE key_id = ?');
  const list = db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE project_id = ? ORDER BY created_at, key_id');
  const insert = db.prepare(
    'INSERT INTO api_keys (key_id, project_id, name, secret, scopes_json, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const revoke = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL');
  const touch = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE key_id = ?');
  const lastTouched = new Map<string, number>();
  const cache = new Map<string, { key: KeyRow; at: number }>();

  return {
    /** The usable key with this secret: not revoked, not expired. Successful lookups are cached briefly. */
    authenticate(secret: string): KeyRow | undefined {
      const now = clock.now();
      const hit = cache.get(secret);
      if (
        hit &&
        now.getTime() - hit.at < AUTH_CACHE_MS &&
        !(hit.key.expires_at && hit.key.expires_at <= now.toISOString())
      ) {
        return hit.key;
      }
      cache.delete(secret);
      const k = bySecret.get(secret);
      if (!k || k.revoked_at) return undefined;
      if (k.expires_at && k.expires_at <= now.toISOString()) return undefined;
      if (cache.size > 1000) cache.clear();
      cache.set(secret, { key: k, at: now.getTime() });
      return k;
    },
    /** Forgets cached lookups (after a project, and so its keys, was deleted). */
    invalidate: (): void => cache.clear(),
    /** Records use at most once a minute per key (keeps the hot path write-free). */
    touch(keyId: string): void {
      const now = clock.now().getTime();
      if (now - (lastTouched.get(keyId) ?? 0) < 60_000) return;
      lastTouched.set(keyId, now);
      touch.run(new Date(now).toISOString(), keyId);
    },
    list: (projectId: string) => list.all(projectId),
    get: (keyId: string) => byId.get(keyId),
    create(projectId: string, input: { name?: string; scopes?: string[] | null; expiresDays?: number }): KeyRow {
      const id = random.uuid();
      const now = clock.now();
      const expires =
        input.expiresDays && input.expiresDays > 0
          ? new Date(now.getTime() + input.expiresDays * 86_400_000).toISOString()
          : null;
      const scopes = input.scopes?.length ? input.scopes : ['*'];
      insert.run(
        id,
        projectId,
        input.name || 'Default key',
        `sk_${random.token(24)}`,
        JSON.stringify(scopes),
        now.toISOString(),
        expires,
      );
      return byId.get(id)!;
    },
    /** True if the key was active and is now revoked. */
    revoke(keyId: string): boolean {
      cache.clear();
      return revoke.run(iso(), keyId).changes > 0;
    },
  };
}
export type KeysRepo = ReturnType<typeof createKeysRepo>;
