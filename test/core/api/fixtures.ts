import { randomUUID } from 'node:crypto';
import { systemClock, systemRandom } from '../../../src/core/deps';
import { createProactive } from '../../../src/core/proactive';
import type { Db } from '../../../src/core/store/open';

/** Writes attempts as the dispatcher would (migration 003's pinned table). */
export function insertAttempts(db: Db, projectId: string, eventType: string, n: number): string[] {
  const stmt = db.prepare(
    `INSERT INTO attempts (attempt_id, project_id, event_type, webhook_url, attempt_number, status, response_code,
       duration_ms, error_message, request_body, response_body, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    ids.push(id);
    const ok = i % 3 !== 2;
    stmt.run(
      id,
      projectId,
      eventType,
      'http://127.0.0.1:9/hook',
      1 + (i % 3),
      ok ? 'success' : 'failed',
      ok ? 200 : 0,
      12,
      ok ? null : 'connect ECONNREFUSED',
      Buffer.from(JSON.stringify({ event_type: eventType, n: i })),
      ok ? 'ok' : null,
      new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    );
  }
  return ids;
}

/** The proactive API over the same database, as the events feature will use it. */
export const proactiveOn = (db: Db) => createProactive(db, systemClock, systemRandom);
