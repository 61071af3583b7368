import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStudio } from '../../../src/core/index';
import { tempDir } from '../../helpers/tmp';
import type { ApiRequestSummary } from '../../../src/shared/contract/api';
import { startApi, type Harness } from './helpers';

let h: Harness;
const live: ApiRequestSummary[] = [];
beforeAll(async () => {
  h = await startApi();
  h.studio.bus.subscribe((e) => {
    if (e.event === 'apiRequest.logged') live.push(e.payload);
  });
});
afterAll(async () => {
  await h.close();
});

const until = async (fn: () => boolean) => {
  for (let i = 0; i < 100 && !fn(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('API request log and request lint', () => {
  it('stores every request with status, timing, bodies and project, redacts the key, and announces it live', async () => {
    const reg = await h.api('PUT', '/webhooks/agent.message', {
      body: { webhook_url: 'https://x.test/h', auth_header: 'Bearer handler-token-123' },
    });
    const secret = (reg.json as { signing_secret: string }).signing_secret;
    await h.api('GET', '/webhooks', { key: 'sk_wrong' });
    await until(() => live.length >= 2);
    const { requests } = await h.cmd('requestLog.list', {});
    const put = requests.find((r: ApiRequestSummary) => r.method === 'PUT');
    expect(put).toMatchObject({
      path: '/api/v1/webhooks/agent.message',
      status: 200,
      projectId: h.projectId,
      operationId: 'upsertWebhookForTenant',
    });
    expect(put.durationMs).toBeGreaterThan(0);
    const detail = await h.cmd('requestLog.get', { seq: put.seq });
    // Credentials are never logged whole: the signing secret and the handler's auth header keep a prefix.
    expect(JSON.parse(detail.requestBody)).toEqual({ webhook_url: 'https://x.test/h', auth_header: 'Bearer ha…' });
    expect(JSON.parse(detail.responseBody).signing_secret).toBe(`${secret.slice(0, 9)}…`);
    expect(detail.responseBody).not.toContain(secret);
    expect(detail.requestHeaders.authorization).not.toContain(h.key);
    expect(detail.requestHeaders.authorization).toMatch(/…$/);
    expect(live.map((r) => r.status)).toEqual(expect.arrayContaining([200, 401]));
    const unauth = await h.cmd('requestLog.list', { status: 401 });
    expect(unauth.requests).toHaveLength(1);
    expect(unauth.requests[0].projectId).toBeNull();
  });

  it('filters by method, status class and path', async () => {
    await h.api('GET', '/agents/ghost');
    const r4 = await h.cmd('requestLog.list', { status: '4xx' });
    expect(r4.requests.every((r: ApiRequestSummary) => r.status >= 400 && r.status < 500)).toBe(true);
    const gets = await h.cmd('requestLog.list', { method: 'get', path: 'ghost' });
    expect(gets.requests.map((r: ApiRequestSummary) => r.path)).toEqual(['/api/v1/agents/ghost']);
  });

  it('flags what production would reject: the docs wakeup body, body filters, unknown query parameters', async () => {
    const wake = await h.api('POST', '/agents/Aiko/wakeups', {
      body: { userId: 'u1', scheduledAt: '2026-04-05T09:00:00Z', context: 'job interview' },
    });
    expect(wake.status).toBe(200);
    const ack = await h.api('POST', `/projects/${h.projectId}/notifications/acknowledge-all`, {
      body: { agent_id: h.agentId },
    });
    expect(ack.status).toBe(200);
    await h.api('GET', `/agents/Aiko/wakeups?user_id=u1&instance_id=x`);
    await h.api('GET', '/webhooks/agent.message/attempts?limit=10&offset=0');
    const { requests } = await h.cmd('requestLog.list', { lintOnly: true });
    const codes = requests.flatMap((r: ApiRequestSummary) => r.lint.map((l) => l.code));
    expect(codes).toEqual(expect.arrayContaining(['docs_example_body', 'filters_in_body', 'unknown_query_parameter']));
    const wakeLog = requests.find((r: ApiRequestSummary) => r.operationId === 'scheduleWakeup');
    expect(wakeLog.lint[0].message).toContain('user_id, check_type, intent, delay_hours');
    // The seed page's limit/offset are documented: not flagged.
    expect(requests.some((r: ApiRequestSummary) => r.operationId === 'listDeliveryAttemptsForTenant')).toBe(false);
    // A request exactly as published is not flagged.
    await h.api('POST', '/agents/Aiko/wakeups', {
      body: { user_id: 'u1', check_type: 'c', intent: 'i', delay_hours: 1 },
    });
    const again = await h.cmd('requestLog.list', { lintOnly: true });
    expect(again.requests).toHaveLength(requests.length);
  });

  it('a repeated query parameter counts once, its first value, as in production, and is flagged', async () => {
    const r = await h.api('GET', '/webhooks/agent.message/attempts?page_size=1&page_size=2');
    expect(r.status).toBe(200);
    const { requests } = await h.cmd('requestLog.list', { lintOnly: true, path: '/attempts' });
    expect(requests[0].query).toBe('page_size=1&page_size=2');
    expect(requests[0].lint).toEqual([
      {
        code: 'repeated_query_parameter',
        message: 'query parameter "page_size" is repeated; production uses its first value only',
      },
    ]);
  });

  it('bounds stored bodies', async () => {
    await h.api('POST', '/agents', { body: { name: 'Big', bio: 'b'.repeat(40_000) } });
    const { requests } = await h.cmd('requestLog.list', { path: '/api/v1/agents', method: 'POST' });
    const d = await h.cmd('requestLog.get', { seq: requests[0].seq });
    expect(d.requestBodyTruncated).toBe(true);
    expect(d.requestBody.length).toBe(16 * 1024);
  });
});

describe('the request log’s own file', () => {
  it('never holds a credential, however a client sends it (read back from the file’s bytes)', async () => {
    const dataDir = tempDir();
    const studio = await createStudio({ dataDir, port: 0, writeRuntimeFile: false });
    const { apiBaseUrl, apiKey } = studio.status();
    const handler = 'Bearer HANDLERSECRET0123456789abcdef';
    const put = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${apiBaseUrl}/api/v1/webhooks/agent.message`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...headers },
        body,
      });
    const statuses = [
      // Too long: the 422's field error echoes the value.
      await put(JSON.stringify({ webhook_url: 'https://x.test/h', auth_header: handler + 'x'.repeat(5000) })),
      // Malformed JSON: the 400 echoes the raw body, quotes escaped.
      await put(`{"webhook_url":"https://x.test/h","auth_header":"${handler}",}`),
      // A key spelled with an escape, and one in another case.
      await put(`{"webhook_url":"https://x.test/h","auth\\u005fheader":"${handler}"}`),
      await put(`{"webhook_url":"https://x.test/h","Auth_Header":"${handler}"}`),
      // The API key followed by another word; a cookie with several values.
      await put('{}', { authorization: `Bearer ${apiKey} x`, cookie: 'session=COOKIESECRET123456; theme=dark' }),
    ].map((r) => r.status);
    expect(statuses).toEqual([422, 400, 200, 422, 401]);
    const { signing_secret: secret } = (await (
      await fetch(`${apiBaseUrl}/api/v1/webhooks/agent.message/rotate-secret`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}` },
      })
    ).json()) as { signing_secret: string };
    await studio.close();
    const bytes = Buffer.concat(
      readdirSync(dataDir)
        .filter((f) => f.startsWith('api-log.db'))
        .map((f) => readFileSync(join(dataDir, f))),
    ).toString('latin1');
    for (const needle of ['HANDLERSECRET0123456789', apiKey.slice(0, 20), apiKey.slice(-12), 'COOKIESECRET']) {
      expect(bytes.includes(needle), needle).toBe(false);
    }
    expect(secret).toMatch(/^whsec_/);
    expect(bytes.includes(secret.slice(10)), 'rotated secret').toBe(false);
  });

  it('is api-log.db in the data dir, written off the request thread, and survives a restart', async () => {
    const dataDir = tempDir();
    const first = await createStudio({ dataDir, port: 0, writeRuntimeFile: false });
    const { apiBaseUrl, apiKey } = first.status();
    const res = await fetch(`${apiBaseUrl}/api/v1/webhooks`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(res.status).toBe(200);
    // Closing stores what was captured but not yet written.
    await first.close();
    expect(existsSync(join(dataDir, 'api-log.db'))).toBe(true);

    const second = await createStudio({ dataDir, port: 0, writeRuntimeFile: false });
    try {
      const r = await second.dispatch({ id: 1, method: 'requestLog.list', params: {} });
      expect('result' in r && r.result).toMatchObject({
        requests: [{ method: 'GET', path: '/api/v1/webhooks', status: 200 }],
      });
    } finally {
      await second.close();
    }
  });

  it('a log file that is not SQLite stops start-up with a clear error, untouched, and frees the port', async () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'api-log.db');
    writeFileSync(path, 'my notes, not a database\n');
    const port = await freePort();
    await expect(createStudio({ dataDir, port, writeRuntimeFile: false })).rejects.toThrow(
      /api-log\.db is not an SQLite database/,
    );
    expect(readFileSync(path, 'utf8')).toBe('my notes, not a database\n');
    // Nothing is left listening.
    const again = createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, '127.0.0.1', resolve);
    });
    again.close();
  });
  it('a log file that is SQLite in name only: the studio starts without its log, says so once, and the rest works', async () => {
    const dataDir = tempDir();
    // The header of an SQLite file, then garbage: it passes the start's check, the writer's open fails.
    writeFileSync(
      join(dataDir, 'api-log.db'),
      Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(4080, 0xab)]),
    );
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(String(line)));
    try {
      const studio = await createStudio({ dataDir, port: 0, writeRuntimeFile: false });
      try {
        const res = await fetch(`http://127.0.0.1:${studio.status().port}/api/v1/webhooks`, {
          headers: { authorization: `Bearer ${studio.status().apiKey}` },
        });
        expect(res.status).toBe(200);
        await until(() => errors.length > 0);
        expect(errors).toEqual([expect.stringMatching(/^webhook-studio: the API request log could not start: /)]);
        const r = await studio.dispatch({ id: 1, method: 'requestLog.list', params: {} });
        expect(r).toMatchObject({ error: { code: 'unavailable' } });
      } finally {
        await studio.close();
      }
      expect(errors).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it.runIf(process.platform === 'linux')(
    'started before the store opens: a studio.db that is not SQLite stops start-up and takes the log writer thread with it',
    async () => {
      const threads = () => readdirSync('/proc/self/task').length;
      const before = threads();
      const dataDir = tempDir();
      writeFileSync(join(dataDir, 'studio.db'), 'not a database either\n');
      await expect(createStudio({ dataDir, port: 0, writeRuntimeFile: false })).rejects.toThrow(
        /studio\.db is not an SQLite database/,
      );
      // The writer thread started early (it boots while the store opens) is gone, not left running.
      await until(() => threads() <= before);
      expect(threads()).toBeLessThanOrEqual(before);
    },
  );
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
