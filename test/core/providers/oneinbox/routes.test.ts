/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of the mock API, read field by field */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, rawHeader, type Receiver } from '../../../helpers/receiver';
import { startOneInbox, type OneInboxHarness } from './helpers';

const ALL = [
  'call.started',
  'call.ended',
  'call.analyzed',
  'call.failed',
  'call.recording.available',
  'transcript.partial',
  'transcript.final',
];

let h: OneInboxHarness;
let rx: Receiver;
beforeAll(async () => {
  h = await startOneInbox();
  rx = await startReceiver((r, res) => {
    res.writeHead(r.url.includes('fail') ? 500 : 200, { 'content-type': 'application/json' });
    res.end(r.url.includes('fail') ? '{"ok":false}' : '{"ok":true}');
  });
});
afterAll(async () => {
  await h.close();
  await rx.close();
});

function expectProblem(r: { status: number; type: string | null; json: any }, status: number) {
  expect(r.status).toBe(status);
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.json).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  expect(r.json.error).toBe(r.json.detail);
}

describe('OneInbox mock API: auth', () => {
  it('answers 401 problem+json for a missing, malformed or wrong key, and never for Sonzai keys', async () => {
    expectProblem(await h.api('GET', '/v1/webhooks', undefined, { key: null }), 401);
    expectProblem(await h.api('GET', '/v1/webhooks', undefined, { key: 'oi_wrong' }), 401);
    expectProblem(await h.api('GET', '/v1/webhooks', undefined, { key: h.studio.status().apiKey }), 401);
    const r = await fetch(`${h.base}/v1/webhooks`, { headers: { authorization: `Basic ${h.key}` } });
    expect(r.status).toBe(401);
    const body = JSON.stringify((await h.api('GET', '/v1/webhooks', undefined, { key: 'oi_wrong' })).json);
    expect(body).not.toContain(h.key);
  });

  it('prints its own base URL and key, beside the Sonzai ones', async () => {
    const s = h.studio.status();
    expect(s.oneInboxBaseUrl).toBe(`http://127.0.0.1:${s.port}`);
    expect(s.oneInboxApiKey).toMatch(/^oi_[\w-]{20,}$/);
    const st = await h.client.call('oneinbox.status');
    expect(st).toMatchObject({ baseUrl: s.apiBaseUrl, apiKey: s.oneInboxApiKey });
    expect(st.settings).toEqual({ timeoutMs: 5000, perCallOverride: 'instead', authHeader: null });
  });
});

describe('OneInbox mock API: webhooks', () => {
  it('POST /v1/webhooks with the docs’ own example answers {id, name, url, events}', async () => {
    const r = await h.api('POST', '/v1/webhooks', {
      name: 'Call events',
      url: `${rx.url}/webhooks/oneinbox`,
      events: ALL,
    });
    expect(r.status).toBe(201);
    expect(Object.keys(r.json)).toEqual(['id', 'name', 'url', 'events']);
    expect(r.json.id).toMatch(/^wh_[A-Za-z0-9]+$/);
    expect(r.json).toMatchObject({ name: 'Call events', url: `${rx.url}/webhooks/oneinbox`, events: ALL });
  });

  it('lists, reads, patches each field (events replaces the list) and deletes by id', async () => {
    const { json: w } = await h.api('POST', '/v1/webhooks', {
      name: 'A',
      url: `${rx.url}/a`,
      events: ['call.started'],
    });
    const list = await h.api('GET', '/v1/webhooks');
    expect(list.status).toBe(200);
    expect(list.json.data.find((x: any) => x.id === w.id)).toMatchObject({ name: 'A', status: 'active' });
    expect((await h.api('GET', `/v1/webhooks/${w.id}`)).json).toMatchObject({ id: w.id, name: 'A' });

    expect((await h.api('PATCH', `/v1/webhooks/${w.id}`, { name: 'B' })).json).toMatchObject({
      name: 'B',
      url: `${rx.url}/a`,
    });
    expect((await h.api('PATCH', `/v1/webhooks/${w.id}`, { url: `${rx.url}/b` })).json).toMatchObject({
      url: `${rx.url}/b`,
    });
    const ev = await h.api('PATCH', `/v1/webhooks/${w.id}`, {
      events: ['call.started', 'call.ended', 'transcript.final'],
    });
    expect(ev.json.events).toEqual(['call.started', 'call.ended', 'transcript.final']);
    expect((await h.api('PATCH', `/v1/webhooks/${w.id}`, { events: ['call.failed'] })).json.events).toEqual([
      'call.failed',
    ]);
    expect((await h.api('PATCH', `/v1/webhooks/${w.id}`, { status: 'inactive' })).json.status).toBe('inactive');
    expect((await h.api('PATCH', `/v1/webhooks/${w.id}`, { status: 'active' })).json.status).toBe('active');

    const del = await h.api('DELETE', `/v1/webhooks/${w.id}`);
    expect(del).toMatchObject({ status: 200, json: { id: w.id, deleted: true } });
    expectProblem(await h.api('GET', `/v1/webhooks/${w.id}`), 404);
    expectProblem(await h.api('DELETE', `/v1/webhooks/${w.id}`), 404);
  });

  it('refuses bad input with 422 and a location per field, never a 5xx', async () => {
    const cases: [unknown, string][] = [
      [{ url: `${rx.url}/x`, events: ['call.started'] }, 'body.name'],
      [{ name: 'x', events: ['call.started'] }, 'body.url'],
      [{ name: 'x', url: 'ftp://example.com', events: ['call.started'] }, 'body.url'],
      [{ name: 'x', url: 'not a url', events: ['call.started'] }, 'body.url'],
      [{ name: 'x', url: `${rx.url}/x` }, 'body.events'],
      [{ name: 'x', url: `${rx.url}/x`, events: [] }, 'body.events'],
      [{ name: 'x', url: `${rx.url}/x`, events: ['agent.message'] }, 'body.events[0]'],
      [{ name: 'x', url: `${rx.url}/x`, events: 'call.started' }, 'body.events'],
      [{ name: 7, url: `${rx.url}/x`, events: ['call.started'] }, 'body.name'],
      [{ name: 'x'.repeat(201), url: `${rx.url}/x`, events: ['call.started'] }, 'body.name'],
      [{ name: 'x', url: `${rx.url}/x`, events: ['call.started'], secret: 'y' }, 'body'],
    ];
    for (const [body, location] of cases) {
      const r = await h.api('POST', '/v1/webhooks', body);
      expectProblem(r, 422);
      expect(r.json.errors.map((e: any) => e.location)).toContain(location);
    }
    expectProblem(await h.api('POST', '/v1/webhooks', undefined, { raw: '{"name":' }), 400);
    expectProblem(await h.api('POST', '/v1/webhooks', undefined, { raw: '[1,2]' }), 422);
    expectProblem(await h.api('POST', '/v1/webhooks', undefined, { raw: 'null' }), 422);
    expectProblem(await h.api('POST', '/v1/webhooks', undefined, { raw: 'name=x', type: 'text/plain' }), 415);
    expectProblem(
      await h.api('POST', '/v1/webhooks', undefined, { raw: JSON.stringify({ name: 'x'.repeat(70_000) }) }),
      413,
    );
    expectProblem(await h.api('POST', '/v1/webhooks', undefined, { raw: '{"__proto__":{"x":1},"name":"a"}' }), 400);

    const { json: w } = await h.api('POST', '/v1/webhooks', {
      name: 'P',
      url: `${rx.url}/p`,
      events: ['call.started'],
    });
    expectProblem(await h.api('PATCH', `/v1/webhooks/${w.id}`, {}), 422);
    expectProblem(await h.api('PATCH', `/v1/webhooks/${w.id}`, { status: 'paused' }), 422);
    expectProblem(await h.api('PATCH', `/v1/webhooks/${w.id}`, { events: ['nope'] }), 422);
    expectProblem(await h.api('PATCH', '/v1/webhooks/wh_unknown', { name: 'x' }), 404);
    expectProblem(await h.api('PATCH', `/v1/webhooks/${'x'.repeat(500)}`, { name: 'x' }), 404);
    expectProblem(await h.api('GET', '/v1/nothing-here'), 404);
    const put = await h.api('PUT', `/v1/webhooks/${w.id}`, { name: 'x' });
    expectProblem(put, 405);
    expect(put.json.detail).toContain('use GET, HEAD, PATCH, DELETE');
    expectProblem(await h.api('GET', '/v1/calls'), 405);
    expectProblem(await h.api('DELETE', `/v1/webhooks/${w.id}/test`), 405);
  });
});

describe('OneInbox mock API: test delivery and deliveries log', () => {
  it('POST /v1/webhooks/{id}/test sends a sample payload and answers with what the receiver answered', async () => {
    const { json: ok } = await h.api('POST', '/v1/webhooks', {
      name: 'T',
      url: `${rx.url}/t-ok`,
      events: ['call.ended'],
    });
    const before = rx.received.length;
    const r = await h.api('POST', `/v1/webhooks/${ok.id}/test`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      success: true,
      event: 'call.ended',
      response_status: 200,
      response_body: '{"ok":true}',
      error: null,
    });
    const got = rx.received.slice(before).find((x) => x.url === '/t-ok')!;
    expect(JSON.parse(got.body.toString())).toMatchObject({ event: 'call.ended', status: 'completed' });
    expect(rawHeader(got.rawHeaders, 'content-type')).toBe('application/json');
    // No signature is invented.
    expect(got.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase())).not.toContain('sonzai-signature');

    const { json: bad } = await h.api('POST', '/v1/webhooks', {
      name: 'F',
      url: `${rx.url}/t-fail`,
      events: ['call.started'],
    });
    const f = await h.api('POST', `/v1/webhooks/${bad.id}/test`);
    expect(f.json).toMatchObject({ success: false, response_status: 500, response_body: '{"ok":false}' });

    const { json: dead } = await h.api('POST', '/v1/webhooks', {
      name: 'D',
      url: 'http://127.0.0.1:1/none',
      events: ['call.started'],
    });
    const d = await h.api('POST', `/v1/webhooks/${dead.id}/test`);
    expect(d.json).toMatchObject({ success: false, response_status: null, error: expect.stringMatching(/^refused/) });

    expectProblem(await h.api('POST', '/v1/webhooks/wh_unknown/test'), 404);
  });

  it('GET /v1/webhooks/{id}/deliveries?limit= lists attempts newest first with response_status, response_body, error', async () => {
    const { json: w } = await h.api('POST', '/v1/webhooks', {
      name: 'L',
      url: `${rx.url}/l`,
      events: ['call.started'],
    });
    await h.api('POST', `/v1/webhooks/${w.id}/test`);
    await h.client.call('oneinbox.trigger', { eventType: 'call.started' });
    await h.until(async () => (await h.api('GET', `/v1/webhooks/${w.id}/deliveries`)).json.data.length === 2);
    const all = (await h.api('GET', `/v1/webhooks/${w.id}/deliveries`)).json.data;
    expect(all[0]).toMatchObject({
      event: 'call.started',
      test: false,
      response_status: 200,
      response_body: '{"ok":true}',
      error: null,
    });
    expect(all[1]).toMatchObject({ test: true });
    expect(Date.parse(all[0].created_at)).toBeGreaterThanOrEqual(Date.parse(all[1].created_at));
    expect((await h.api('GET', `/v1/webhooks/${w.id}/deliveries?limit=1`)).json.data).toHaveLength(1);
    for (const bad of ['0', '-1', 'abc', '1e3', '501'])
      expectProblem(await h.api('GET', `/v1/webhooks/${w.id}/deliveries?limit=${bad}`), 422);
    expectProblem(await h.api('GET', '/v1/webhooks/wh_unknown/deliveries'), 404);
  });
});

describe('OneInbox mock API: calls', () => {
  it('POST /v1/calls with the docs’ example starts a call; GET /v1/calls/{id} returns its state', async () => {
    const r = await h.api('POST', '/v1/calls', {
      agent_id: 'agt_abc123',
      to_number: '+919876543210',
      from_number: '+15739693824',
      webhook_url: `${rx.url}/this-campaign-only`,
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      id: expect.stringMatching(/^call_[a-z0-9]+$/),
      agent_id: 'agt_abc123',
      to_number: '+919876543210',
      from_number: '+15739693824',
      webhook_url: `${rx.url}/this-campaign-only`,
      status: 'ringing',
    });
    const g = await h.api('GET', `/v1/calls/${r.json.id}`);
    expect(g).toMatchObject({ status: 200, json: { id: r.json.id, status: 'ringing', messages: [] } });
    const noHook = await h.api('POST', '/v1/calls', {
      agent_id: 'a',
      to_number: '+819012345678',
      from_number: '+15739693824',
    });
    expect(noHook.json.webhook_url).toBeNull();
  });

  it('refuses bad calls field by field and unknown call ids', async () => {
    const good = { agent_id: 'agt_1', to_number: '+919876543210', from_number: '+15739693824' };
    const cases: [unknown, string][] = [
      [{ ...good, agent_id: undefined }, 'body.agent_id'],
      [{ ...good, to_number: '919876543210' }, 'body.to_number'],
      [{ ...good, to_number: '+12' }, 'body.to_number'],
      [{ ...good, from_number: 15739693824 }, 'body.from_number'],
      [{ ...good, webhook_url: 'javascript:alert(1)' }, 'body.webhook_url'],
      [{ ...good, language: 'ja' }, 'body'],
    ];
    for (const [body, location] of cases) {
      const r = await h.api('POST', '/v1/calls', body);
      expectProblem(r, 422);
      expect(r.json.errors.map((e: any) => e.location)).toContain(location);
    }
    expectProblem(await h.api('GET', '/v1/calls/call_unknown'), 404);
    expectProblem(await h.api('GET', '/v1/calls/call_x', undefined, { key: 'oi_bad' }), 401);
  });

  it('is bounded: at most 500 webhooks (409 past that)', async () => {
    const db = h.studio.context.db;
    const n = (db.prepare('SELECT COUNT(*) AS n FROM oneinbox_webhooks').get() as { n: number }).n;
    const ins = db.prepare(
      `INSERT INTO oneinbox_webhooks (webhook_id, name, url, events_json, created_at, updated_at) VALUES (?, 'x', 'http://127.0.0.1:1/', '["call.started"]', '', '')`,
    );
    db.transaction(() => {
      for (let i = n; i < 500; i++) ins.run(`wh_bulk${i}`);
    })();
    expectProblem(
      await h.api('POST', '/v1/webhooks', { name: 'x', url: `${rx.url}/x`, events: ['call.started'] }),
      409,
    );
    db.prepare("DELETE FROM oneinbox_webhooks WHERE webhook_id LIKE 'wh_bulk%'").run();
  });

  it('answers hostile input on every route with a 4xx, never a 5xx', async () => {
    const { json: w } = await h.api('POST', '/v1/webhooks', {
      name: 'H',
      url: `${rx.url}/h`,
      events: ['call.started'],
    });
    const values: unknown[] = [null, true, 0, -1, 1e308, '', 'x'.repeat(5000), [], [[[]]], {}, { a: { b: { c: {} } } }];
    const nested = JSON.parse('['.repeat(2000) + ']'.repeat(2000)) as unknown;
    values.push(nested);
    const fields = ['name', 'url', 'events', 'status', 'agent_id', 'to_number', 'from_number', 'webhook_url'];
    const routes: [string, string][] = [
      ['POST', '/v1/webhooks'],
      ['PATCH', `/v1/webhooks/${w.id}`],
      ['POST', '/v1/calls'],
    ];
    for (const [method, path] of routes) {
      for (const v of values) {
        const whole = await h.api(method, path, v);
        expect(whole.status, `${method} ${path} ${JSON.stringify(v).slice(0, 40)}`).toBeGreaterThanOrEqual(400);
        expect(whole.status).toBeLessThan(500);
        for (const f of fields) {
          const r = await h.api(method, path, { [f]: v });
          expect(r.status, `${method} ${path} ${f}`).toBeLessThan(500);
        }
      }
    }
    for (const q of ['limit=%zz', 'limit[]=1', 'limit=1&limit=x', `limit=${'9'.repeat(400)}`]) {
      const r = await h.api('GET', `/v1/webhooks/${w.id}/deliveries?${q}`);
      expect(r.status, q).toBeLessThan(500);
    }
    for (const id of ['%00', '..%2F..%2Fetc', encodeURIComponent('wh_"; DROP TABLE x;--'), '%E0%A4%A']) {
      const r = await h.api('GET', `/v1/calls/${id}`);
      expect(r.status, id).toBeGreaterThanOrEqual(400);
      expect(r.status, id).toBeLessThan(500);
    }
  });

  it('logs its requests in the API log, the key redacted', async () => {
    await h.api('POST', '/v1/calls', { agent_id: 'agt_log', to_number: '+919876543210', from_number: '+15739693824' });
    let rows: { seq: number; operationId: string | null; status: number }[] = [];
    await h.until(async () => {
      rows = (await h.client.call('requestLog.list', { path: '/v1/calls' })).requests;
      return rows.some((r) => r.operationId === 'oneinboxStartCall');
    });
    const row = rows.find((r) => r.operationId === 'oneinboxStartCall')!;
    expect(row.status).toBe(201);
    const detail = await h.client.call('requestLog.get', { seq: row.seq });
    expect(JSON.stringify(detail)).toContain('agt_log');
    expect(JSON.stringify(detail)).not.toContain(h.key);
  });

  it('does not collide with the Sonzai API beside it', async () => {
    const s = h.studio.status();
    const r = await fetch(`${s.apiBaseUrl}/api/v1/webhooks`, { headers: { authorization: `Bearer ${s.apiKey}` } });
    expect(r.status).toBe(200);
  });
});
