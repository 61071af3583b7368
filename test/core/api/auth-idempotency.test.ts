import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { proactiveOn } from './fixtures';
import { expectProblem, startApi, type Harness } from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await startApi();
});
afterEach(async () => {
  await h.close();
});

const count = (h: Harness, sql: string) => (h.studio.context.db.prepare(sql).get() as { n: number }).n;

describe('auth', () => {
  it('401 for a missing, malformed, unknown or revoked key; the key never echoed', async () => {
    expectProblem(await h.api('GET', '/webhooks', { key: null }), 401);
    expectProblem(await h.api('GET', '/webhooks', { key: null, headers: { authorization: 'Basic abc' } }), 401);
    const unknown = await h.api('GET', '/webhooks', { key: 'sk_doesnotexist' });
    expectProblem(unknown, 401);
    expect(unknown.text).not.toContain('sk_doesnotexist');
    const created = await h.api('POST', `/projects/${h.projectId}/keys`, { body: { name: 'temp' } });
    expect(created.json.key).toMatch(/^sk_/);
    expect((await h.api('GET', '/webhooks', { key: created.json.key })).status).toBe(200);
    const revoke = await h.api('DELETE', `/projects/${h.projectId}/keys/${created.json.key_id}`);
    expect(revoke.status).toBe(200);
    expect(revoke.json).toMatchObject({ success: true });
    expectProblem(await h.api('GET', '/webhooks', { key: created.json.key }), 401);
    const keys = await h.api('GET', `/projects/${h.projectId}/keys`);
    expect(keys.json.find((k: { key_id: string }) => k.key_id === created.json.key_id).is_active).toBe(false);
    expect(JSON.stringify(keys.json)).not.toContain(created.json.key);
  });

  it('keys made and revoked in the UI work the same way', async () => {
    const k = await h.cmd('keys.create', { projectId: h.projectId, name: 'ui' });
    expect((await h.api('GET', '/webhooks', { key: k.secret })).status).toBe(200);
    await h.cmd('keys.revoke', { keyId: k.keyId });
    expectProblem(await h.api('GET', '/webhooks', { key: k.secret }), 401);
  });

  it('a key of a deleted project stops working at once', async () => {
    const other = await h.cmd('projects.create', { name: 'Doomed' });
    const key = (await h.cmd('keys.list', { projectId: other.projectId })).keys[0].secret;
    expect((await h.api('GET', '/webhooks', { key })).status).toBe(200);
    expect((await h.api('DELETE', `/projects/${other.projectId}`)).json).toEqual(
      expect.objectContaining({ status: 'deleted' }),
    );
    expectProblem(await h.api('GET', '/webhooks', { key }), 401);
    expectProblem(await h.api('DELETE', `/projects/${h.projectId}`), 409);
  });

  it('the OpenAPI document is public', async () => {
    expect((await h.api('GET', '/openapi.json', { key: null })).status).toBe(200);
  });
});

describe('Idempotency-Key', () => {
  it('same key and body → the first answer again, no second side effect', async () => {
    const headers = { 'idempotency-key': 'k-1' };
    const first = await h.api('POST', '/projects', { body: { name: 'Once' }, headers });
    const second = await h.api('POST', '/projects', { body: { name: 'Once' }, headers });
    expect(second.status).toBe(first.status);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(count(h, "SELECT COUNT(*) AS n FROM projects WHERE name = 'Once'")).toBe(1);
  });

  it('a webhook registered twice with one key keeps its first secret and answer', async () => {
    const headers = { 'idempotency-key': 'reg-1' };
    const a = await h.api('PUT', '/webhooks/agent.message', { body: { webhook_url: 'https://x.test' }, headers });
    const b = await h.api('PUT', '/webhooks/agent.message', { body: { webhook_url: 'https://x.test' }, headers });
    expect(b.json.signing_secret).toBe(a.json.signing_secret);
    const rot = { 'idempotency-key': 'rot-1' };
    const r1 = await h.api('POST', '/webhooks/agent.message/rotate-secret', { headers: rot });
    const r2 = await h.api('POST', '/webhooks/agent.message/rotate-secret', { headers: rot });
    expect(r2.json.signing_secret).toBe(r1.json.signing_secret);
    expect(count(h, 'SELECT COUNT(*) AS n FROM webhook_secrets')).toBe(2);
  });

  it('same key with another body → 409 problem+json, nothing done', async () => {
    const headers = { 'idempotency-key': 'k-2' };
    await h.api('POST', '/projects', { body: { name: 'First' }, headers });
    const clash = await h.api('POST', '/projects', { body: { name: 'Second' }, headers });
    expectProblem(clash, 409);
    expect(count(h, "SELECT COUNT(*) AS n FROM projects WHERE name = 'Second'")).toBe(0);
  });

  it('the query string is part of the request: another filter with the same key → 409, nothing done', async () => {
    const agent = 'agent-bob';
    const p = proactiveOn(h.studio.context.db);
    for (const a of [h.agentId, h.agentId, agent, agent]) {
      p.createProjectNotification({ projectId: h.projectId, eventType: 'agent.message', payload: {}, agentId: a });
    }
    const pendingFor = (a: string) =>
      count(h, `SELECT COUNT(*) AS n FROM project_notifications WHERE agent_id = '${a}' AND status = 'pending'`);
    const bobBefore = pendingFor(agent);
    const headers = { 'idempotency-key': 'ack-q' };
    const path = `/projects/${h.projectId}/notifications/acknowledge-all`;
    const first = await h.api('POST', `${path}?agent_id=${h.agentId}`, { headers });
    expect(first.status).toBe(200);
    const other = await h.api('POST', `${path}?agent_id=${agent}`, { headers });
    expectProblem(other, 409);
    expect(pendingFor(agent)).toBe(bobBefore);
  });

  it('a body differing only in whitespace is the same request; a refused request is not remembered', async () => {
    const headers = { 'idempotency-key': 'ws-1' };
    const a = await h.api('POST', '/projects', { raw: '{"name":"Spaced"}', headers });
    const b = await h.api('POST', '/projects', { raw: '{ "name" :  "Spaced" }\n', headers });
    expect(b.status).toBe(a.status);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(count(h, "SELECT COUNT(*) AS n FROM projects WHERE name = 'Spaced'")).toBe(1);
    // A 404 did nothing: retrying the same key after the cause is gone runs the request.
    const retry = { 'idempotency-key': 'nf-1' };
    const missing = await h.api('POST', '/webhooks/not.there/rotate-secret', { headers: retry });
    expectProblem(missing, 404);
    await h.api('PUT', '/webhooks/not.there', { body: { webhook_url: 'https://x.test/nt' } });
    const again = await h.api('POST', '/webhooks/not.there/rotate-secret', { headers: retry });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });

  it('keys are per project, ignored on GET, and bounded in length', async () => {
    const other = await h.cmd('projects.create', { name: 'Other' });
    const otherKey = (await h.cmd('keys.list', { projectId: other.projectId })).keys[0].secret;
    const headers = { 'idempotency-key': 'shared' };
    await h.api('PUT', '/webhooks/a', { body: { webhook_url: 'https://x.test' }, headers });
    const b = await h.api('PUT', '/webhooks/a', { body: { webhook_url: 'https://x.test' }, headers, key: otherKey });
    expect(b.json.signing_secret).toMatch(/^whsec_/);
    expect(count(h, 'SELECT COUNT(*) AS n FROM webhooks')).toBe(2);
    expect((await h.api('GET', '/webhooks', { headers })).headers.get('idempotent-replayed')).toBeNull();
    expectProblem(
      await h.api('POST', '/projects', { body: { name: 'x' }, headers: { 'idempotency-key': 'k'.repeat(300) } }),
      400,
    );
  });

  it('a remembered key expires after 24 h', async () => {
    const headers = { 'idempotency-key': 'old' };
    await h.api('POST', '/projects', { body: { name: 'Day1' }, headers });
    h.studio.context.db
      .prepare('UPDATE idempotency_records SET created_at = ?')
      .run(new Date(Date.now() - 25 * 3600 * 1000).toISOString());
    const again = await h.api('POST', '/projects', { body: { name: 'Day1' }, headers });
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(count(h, "SELECT COUNT(*) AS n FROM projects WHERE name = 'Day1'")).toBe(2);
  });
});
