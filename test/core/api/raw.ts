import { request } from 'node:http';
import { createHash } from 'node:crypto';
import type { Db } from '../../../src/core/store/open';

/** A request with the exact path bytes given (fetch would normalise `..` and encodings). */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<{ status: number; contentType: string; text: string }> {
  return new Promise((resolve, reject) => {
    const all = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = request({ host: '127.0.0.1', port, method, path, headers: all, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

const TABLES: Record<string, string> = {
  projects: 'SELECT project_id, name, environment, business_name FROM projects ORDER BY project_id',
  api_keys: 'SELECT key_id, secret, revoked_at, expires_at FROM api_keys ORDER BY key_id',
  agents: 'SELECT agent_id, name, body_json FROM agents ORDER BY agent_id',
  webhooks: 'SELECT * FROM webhooks ORDER BY webhook_id',
  webhook_secrets: 'SELECT * FROM webhook_secrets ORDER BY secret_id',
  wakeups: 'SELECT * FROM wakeups ORDER BY seq',
  proactive: 'SELECT * FROM proactive_notifications ORDER BY seq',
  project_notifications: 'SELECT * FROM project_notifications ORDER BY seq',
  jobs: 'SELECT * FROM advance_time_jobs ORDER BY job_id',
  clock: 'SELECT * FROM studio_clock',
  idempotency: 'SELECT * FROM idempotency_records ORDER BY project_id, idem_key',
  attempts: 'SELECT * FROM attempts ORDER BY rowid',
};

/** A digest of everything the API can change (the request log aside). */
export function storeDigest(db: Db): string {
  const h = createHash('sha256');
  for (const [name, sql] of Object.entries(TABLES)) h.update(name).update(JSON.stringify(db.prepare(sql).all()));
  return h.digest('hex');
}
