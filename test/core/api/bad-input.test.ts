import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BODY_LIMIT } from '../../../src/core/api/problems';
import { expectProblem, startApi, type Harness } from './helpers';
import { rawRequest, storeDigest } from './raw';

let h: Harness;
let port: number;
let auth: Record<string, string>;
let before: string;
beforeAll(async () => {
  h = await startApi();
  port = h.studio.status().port;
  auth = { authorization: `Bearer ${h.key}` };
  await h.api('PUT', '/webhooks/agent.message', { body: { webhook_url: 'https://example.com/h' } });
  before = storeDigest(h.studio.context.db);
});
afterAll(async () => {
  // Nothing any bad request did changed the store.
  expect(storeDigest(h.studio.context.db)).toBe(before);
  await h.close();
});

const json = { 'content-type': 'application/json' };

describe('bad input: always a 4xx problem+json, never a 5xx, nothing changed', () => {
  it('malformed JSON → 400 naming the body', async () => {
    for (const raw of ['{bad', '{"webhook_url": "x",}', '[1,2', 'nul']) {
      const r = await h.api('PUT', '/webhooks/agent.message', { raw });
      expectProblem(r, 400);
      expect(r.json.errors[0]).toMatchObject({ location: 'body', value: raw });
    }
  });

  it('valid JSON naming __proto__ or constructor.prototype → 422 unexpected property, not "malformed"', async () => {
    for (const raw of [
      '{"webhook_url": "https://x.test/h", "__proto__": {"x": 1}}',
      '{"webhook_url": "https://x.test/h", "constructor": {"prototype": {"x": 1}}}',
    ]) {
      const r = await h.api('PUT', '/webhooks/agent.message', { raw });
      expectProblem(r, 422);
      expect(r.json.errors[0].message).toMatch(/unexpected property/);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('a 5,000-level nested value → 422 echoing a bounded value (never a 5xx)', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const field = await h.api('PUT', '/webhooks/deep', { raw: `{"webhook_url": "https://x.test/h", "z": ${deep}}` });
    expectProblem(field, 422);
    expect(field.json.errors).toEqual([{ location: 'body.z', message: 'unexpected property', value: [[['[…]']]] }]);
    const top = await h.api('POST', `/projects/${h.projectId}/notifications/acknowledge`, { raw: deep });
    expectProblem(top, 422);
    expect(JSON.stringify(top.json).length).toBeLessThan(2000);
  });

  it('Content-Type as production reads it: none → JSON, any +json type, anything else → 415', async () => {
    // A studio of its own: the accepted requests register webhooks.
    const h2 = await startApi();
    try {
      const port2 = h2.studio.status().port;
      const body = '{"webhook_url": "https://x.test/ct"}';
      const none = await rawRequest(
        port2,
        'PUT',
        '/api/v1/webhooks/ct.none',
        { authorization: `Bearer ${h2.key}` },
        body,
      );
      expect(none.status).toBe(200);
      const merge = await h2.api('PUT', '/webhooks/ct.merge', {
        raw: body,
        headers: { 'content-type': 'application/merge-patch+json' },
      });
      expect(merge.status).toBe(200);
      for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const r = await h2.api('PUT', '/webhooks/ct.other', { raw: body, headers: { 'content-type': ct } });
        expectProblem(r, 415);
        expect(r.json.detail).toContain(ct);
      }
      const list = await h2.api('GET', '/webhooks');
      expect(list.json.webhooks.map((w: { event_type: string }) => w.event_type).sort()).toEqual([
        'ct.merge',
        'ct.none',
      ]);
    } finally {
      await h2.close();
    }
  });

  it('wrong types, unknown fields, missing fields → 422 with location, message, value', async () => {
    const wrong = await h.api('PUT', '/webhooks/agent.message', { body: { webhook_url: 42 } });
    expectProblem(wrong, 422);
    expect(wrong.json.errors).toEqual([{ location: 'body.webhook_url', message: 'must be string', value: 42 }]);
    const unknown = await h.api('PUT', '/webhooks/agent.message', {
      body: { webhook_url: 'https://x.test', secret: 's' },
    });
    expectProblem(unknown, 422);
    expect(unknown.json.errors).toEqual([{ location: 'body.secret', message: 'unexpected property', value: 's' }]);
    const missing = await h.api('PUT', '/webhooks/agent.message', { body: { auth_header: 'x' } });
    expectProblem(missing, 422);
    expect(missing.json.errors[0]).toMatchObject({
      location: 'body.webhook_url',
      message: 'expected required property webhook_url to be present',
    });
    const notObject = await h.api('PUT', '/webhooks/agent.message', { body: ['https://x.test'] });
    expectProblem(notObject, 422);
    const nested = await h.api('POST', `/projects/${h.projectId}/notifications/acknowledge`, {
      body: { notification_ids: [1, 'a', null] },
    });
    expectProblem(nested, 422);
    expect(nested.json.errors.map((e: { location: string }) => e.location)).toContain('body.notification_ids[2]');
  });

  it('empty bodies → 400 "request body is required" (as Huma answers)', async () => {
    for (const raw of ['', '   ', 'null']) {
      const r = await h.api('PUT', '/webhooks/agent.message', { raw });
      expectProblem(r, 400);
      expect(r.json.errors[0]).toMatchObject({ location: 'body', message: 'request body is required' });
    }
    expectProblem(await h.api('PUT', '/webhooks/agent.message', {}), 400);
    expectProblem(await h.api('POST', '/projects', { raw: '' }), 400);
    expectProblem(await h.api('POST', '/agents/Aiko/wakeups', { raw: '' }), 400);
    expectProblem(await h.api('POST', '/workbench/advance-time', { raw: '' }), 400);
  });

  it(`bodies over the limit (${API_BODY_LIMIT} bytes) → 413`, async () => {
    const big = JSON.stringify({ webhook_url: `https://x.test/${'a'.repeat(API_BODY_LIMIT)}` });
    const r = await h.api('PUT', '/webhooks/agent.message', { raw: big });
    expectProblem(r, 413);
    expect(r.json.detail).toContain(String(API_BODY_LIMIT));
  });

  it('non-JSON content types → 415', async () => {
    const r = await h.api('PUT', '/webhooks/agent.message', {
      raw: 'webhook_url=https://x.test',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(r, 415);
  });

  it('page sizes out of range and broken cursors → 422 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/webhooks/agent.message/attempts?page_size=0', 'query.page_size'],
      ['/webhooks/agent.message/attempts?page_size=501', 'query.page_size'],
      ['/webhooks/agent.message/attempts?page_size=abc', 'query.page_size'],
      ['/webhooks/agent.message/attempts?limit=0', 'query.limit'],
      ['/webhooks/agent.message/attempts?limit=501', 'query.limit'],
      ['/webhooks/agent.message/attempts?offset=-1', 'query.offset'],
      ['/webhooks/agent.message/attempts?cursor=%%%', 'query.cursor'],
      ['/webhooks/agent.message/attempts?cursor=bm90LWpzb24', 'query.cursor'],
      [`/webhooks/agent.message/attempts?cursor=${Buffer.from('{"s":-4}').toString('base64')}`, 'query.cursor'],
      [`/webhooks/agent.message/attempts?cursor=${'A'.repeat(600)}`, 'query.cursor'],
      ['/projects?page_size=0', 'query.page_size'],
      ['/projects?page_size=101', 'query.page_size'],
      ['/agents?page_size=-5', 'query.page_size'],
      ['/agents?cursor=e30', 'query.cursor'],
      [`/agents/${h?.agentId ?? 'x'}/notifications?limit=0`, 'query.limit'],
      [`/agents/Aiko/notifications/history?limit=501`, 'query.limit'],
      [`/agents/Aiko/wakeups?limit=9999`, 'query.limit'],
      [`/projects/${h?.projectId ?? 'x'}/notifications?limit=201`, 'query.limit'],
    ];
    for (const [path, location] of cases) {
      const r = await h.api('GET', path.replace('undefined', h.projectId));
      expectProblem(r, 422);
      expect(r.json.errors[0].location, path).toBe(location);
    }
  });

  it('odd path segments: long, percent-encoded, dots, invalid encodings → 4xx', async () => {
    const odd = [
      `/api/v1/webhooks/${'x'.repeat(1200)}`,
      `/api/v1/webhooks/${'x'.repeat(200)}/attempts`,
      '/api/v1/webhooks/%E0%A4%A',
      '/api/v1/webhooks/%00',
      '/api/v1/webhooks/..',
      '/api/v1/webhooks/.',
      '/api/v1/webhooks/%2e%2e',
      '/api/v1/../v1/webhooks/a',
      '/api/v1/agents/%ZZ',
      `/api/v1/agents/${encodeURIComponent('名前'.repeat(300))}`,
      '/api/v1/projects/%2F..%2F/webhooks',
      '/api/v1/workbench/advance-time/jobs/..%2F..',
    ];
    for (const path of odd) {
      for (const method of ['GET', 'PUT', 'DELETE', 'POST']) {
        const r = await rawRequest(port, method, path, { ...auth, ...json }, '{"webhook_url":"https://x.test"}');
        expect(r.status, `${method} ${path}: ${r.text}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(500);
        expect(r.contentType, `${method} ${path}`).toContain('application/problem+json');
      }
    }
  });

  it('wrong methods → 405 with Allow; unknown routes → 404', async () => {
    const wrong = await h.api('PATCH', '/webhooks/agent.message', { body: {} });
    expectProblem(wrong, 405);
    expect(wrong.headers.get('allow')).toBe('DELETE, PUT');
    expectProblem(await h.api('POST', '/webhooks'), 405);
    expectProblem(await h.api('PUT', '/agents'), 405);
    expectProblem(await h.api('GET', '/webhooks/agent.message/rotate-secret'), 405);
    expectProblem(await h.api('GET', '/nothing/here'), 404);
    expectProblem(await h.api('GET', '/webhooks/a/b/c/d'), 404);
  });

  it('unknown agents, notifications, jobs → 404', async () => {
    expectProblem(await h.api('GET', '/agents/Nobody'), 404);
    expectProblem(await h.api('POST', '/agents/Aiko/notifications/nope/consume'), 404);
    expectProblem(await h.api('GET', '/workbench/advance-time/jobs/nope'), 404);
    expectProblem(await h.api('GET', '/projects/nope'), 404);
  });

  it('bad wakeup and advance-time bodies → 422', async () => {
    for (const body of [
      {},
      { user_id: 'u', check_type: 'c', intent: 'i' },
      { user_id: 'u', check_type: 'c', intent: 'i', delay_hours: -1 },
      { user_id: 'u', check_type: 'c', intent: 'i', delay_hours: 1, scheduled_at: 'tomorrow' },
      { userId: 'u', scheduledAt: 'not-a-date' },
      { userId: 'u', scheduledAt: '2026-01-01T00:00:00Z', extra: 1 },
    ]) {
      expectProblem(await h.api('POST', '/agents/Aiko/wakeups', { body }), 422);
    }
    for (const body of [
      { simulated_hours: -1 },
      { simulated_hours: 'x' },
      { simulated_hours: 1e9 },
      [1],
      { async: 'yes' },
    ]) {
      expectProblem(await h.api('POST', '/workbench/advance-time', { body }), 422);
    }
  });
});
