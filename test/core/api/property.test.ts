import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf, SONZAI_DOC } from '../../../src/core/api/openapi';
import { startApi, type Harness } from './helpers';
import { rawRequest, storeDigest } from './raw';

/**
 * Random bodies, headers and path segments at every route: never a 5xx, always
 * problem+json on errors, and a refused request changes nothing stored.
 */
let h: Harness;
let port: number;
beforeAll(async () => {
  h = await startApi();
  port = h.studio.status().port;
  await h.api('PUT', '/webhooks/agent.message', { body: { webhook_url: 'https://x.test/h' } });
});
afterAll(async () => {
  await h.close();
});

const routes = [...operationsOf(SONZAI_DOC).values()].map((o) => ({ method: o.method, path: o.path }));
routes.push({ method: 'DELETE', path: '/projects/{projectId}/keys/{keyId}' });

const segment = () =>
  fc.oneof(
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
    fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
    fc.constantFrom('..', '.', '%', '%zz', '%00', '%2F', '%2e%2e', 'a%20b', 'x'.repeat(1100), 'agent.message', 'Aiko'),
    fc.constant('__PROJECT__'),
    fc.constant('__AGENT__'),
  );

const printable = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));

const body = fc.oneof(
  fc.constant(undefined),
  fc.constant(''),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 80 }),
  fc
    .record(
      {
        webhook_url: fc.oneof(fc.webUrl(), fc.string(), fc.integer()),
        auth_header: fc.oneof(fc.string(), fc.constant(null)),
        name: fc.oneof(fc.string(), fc.integer()),
        notification_ids: fc.array(fc.oneof(fc.string(), fc.integer())),
        user_id: fc.string(),
        simulated_hours: fc.oneof(fc.double(), fc.integer()),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
);

const headers = fc.record(
  {
    auth: fc.oneof(fc.constant('good'), fc.constant('none'), printable),
    contentType: fc.constantFrom(
      'application/json',
      'text/plain',
      'application/json; charset=utf-8',
      '',
      'application/x-www-form-urlencoded',
    ),
    idem: fc.option(printable, { nil: undefined }),
    query: fc.option(
      fc.dictionary(
        fc.constantFrom('limit', 'offset', 'page_size', 'cursor', 'status', 'user_id', 'agent_id', 'x'),
        fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String)),
        { maxKeys: 3 },
      ),
      { nil: undefined },
    ),
  },
  { requiredKeys: ['auth', 'contentType'] },
);

describe('property: random input at every route', () => {
  it('never answers 5xx, and a refused request changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(segment(), { minLength: 3, maxLength: 3 }),
        body,
        headers,
        async (route, segs, b, hd) => {
          let i = 0;
          let path =
            '/api/v1' +
            route.path.replace(/\{[^}]+\}/g, () =>
              segs[i++].replace('__PROJECT__', h.projectId).replace('__AGENT__', h.agentId),
            );
          if (hd.query) path += '?' + new URLSearchParams(hd.query).toString();
          const hdrs: Record<string, string> = {};
          if (hd.auth === 'good') hdrs.authorization = `Bearer ${h.key}`;
          else if (hd.auth !== 'none') hdrs.authorization = hd.auth;
          if (b !== undefined && hd.contentType) hdrs['content-type'] = hd.contentType;
          if (hd.idem) hdrs['idempotency-key'] = hd.idem;
          const before = storeDigest(h.studio.context.db);
          const r = await rawRequest(port, route.method, path, hdrs, b);
          expect(r.status, `${route.method} ${path} ${String(b)} → ${r.text}`).toBeLessThan(500);
          if (r.status >= 400) {
            expect(r.contentType).toContain('application/problem+json');
            expect(storeDigest(h.studio.context.db), `${route.method} ${path}`).toBe(before);
          }
        },
      ),
      { numRuns: 600 },
    );
  });
});
