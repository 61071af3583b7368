/**
 * The whole crossing, with the real writer thread and a small ring so that it wraps and
 * fills often: whatever is captured is what the log shows (redacted), in order, nothing
 * lost and nothing mixed up between records, however bodies and headers repeat.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRequestLog, type CapturedRequest } from '../../../src/core/api/request-log';
import type { LogFilter } from '../../../src/core/api/request-log-store';
import { createEventBus } from '../../../src/core/live/bus';
import { tempDir } from '../../helpers/tmp';

const bodies = ['{"a":1}', '{"webhooks":[]}', '', 'x'.repeat(3000), '日本語 🙂 body', null];
const headerSets = [
  ['Host', '127.0.0.1:1', 'Authorization', 'Bearer sk_test_secret_one'],
  ['Host', '127.0.0.1:1', 'Accept', '*/*'],
  [],
];

const entry = fc.record({
  method: fc.constantFrom('GET', 'PUT', 'DELETE'),
  url: fc.constantFrom('/api/v1/webhooks', '/api/v1/webhooks/agent.message?x=1', '/api/v1/projects'),
  operationId: fc.constantFrom('listWebhooksForTenant', 'upsertWebhookForTenant', null),
  status: fc.constantFrom(200, 204, 404, 422),
  durationMs: fc.double({ min: 0, max: 100, noNaN: true }),
  projectId: fc.constantFrom('proj_1', null),
  keyId: fc.constantFrom('key_1', null),
  rawHeaders: fc.constantFrom(...headerSets),
  requestBody: fc.constantFrom(...bodies),
  responseBody: fc.oneof(fc.constantFrom(...bodies), fc.string({ maxLength: 40 })),
  lint: fc.constantFrom([], [{ code: 'unknown_query_parameter', message: 'query parameter "x" is not published' }]),
  idempotentReplay: fc.boolean(),
  at: fc.integer({ min: 0, max: 2_000_000_000_000 }),
}) as fc.Arbitrary<CapturedRequest>;

describe('request log crossing (request thread → shared ring → writer thread → file)', () => {
  it('shows exactly what was captured, in order, through wraps and repeats', async () => {
    const log = createRequestLog({
      path: join(tempDir(), 'api-log.db'),
      bus: createEventBus(),
      // Room for any one chunk below (8 records of at most ~6 KB), so it wraps every few chunks.
      ringBytes: 64 * 1024,
      onProblem: (m) => problems.push(m),
    });
    const problems: string[] = [];
    await log.ready;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(entry, { maxLength: 8 }), { minLength: 1, maxLength: 6 }), async (chunks) => {
        const sent: CapturedRequest[] = [];
        const before = (await log.list({ limit: 1 }))[0]?.seq ?? 0;
        for (const chunk of chunks) {
          for (const e of chunk) log.capture(e);
          sent.push(...chunk);
          // A read waits for the writer: it has read (and released) everything captured so far.
          await log.list({ limit: 1 });
        }
        const shown = (await log.list({ limit: sent.length || 1 })).slice(0, sent.length).reverse();
        expect(shown).toHaveLength(sent.length);
        for (let i = 0; i < sent.length; i++) {
          const e = sent[i];
          const s = shown[i];
          expect(s.seq).toBe(before + i + 1);
          expect([s.method, s.status, s.operationId, s.projectId, s.idempotentReplay]).toEqual([
            e.method,
            e.status,
            e.operationId,
            e.projectId,
            e.idempotentReplay,
          ]);
          expect(s.path + (s.query ? `?${s.query}` : '')).toBe(e.url);
          expect(Date.parse(s.createdAt)).toBe(e.at);
          const d = (await log.get(s.seq))!;
          expect(d.requestBody).toBe(e.requestBody);
          expect(d.responseBody).toBe(e.responseBody);
          const headers: Record<string, string> = {};
          for (let h = 0; h < e.rawHeaders.length; h += 2) headers[e.rawHeaders[h].toLowerCase()] = e.rawHeaders[h + 1];
          if (headers.authorization) headers.authorization = 'Bearer sk_test…';
          expect(d.requestHeaders).toEqual(headers);
        }
        // Filtered lists (read through each batch's index) find exactly the requests that match.
        const filtered = async (f: Omit<LogFilter, 'limit'>, match: (e: CapturedRequest) => boolean) => {
          const got = (await log.list({ ...f, limit: 10_000 })).filter((r) => r.seq > before).map((r) => r.seq);
          const want = sent.flatMap((e, i) => (match(e) ? [before + i + 1] : [])).reverse();
          expect(got, JSON.stringify(f)).toEqual(want);
        };
        await filtered({ status: 404 }, (e) => e.status === 404);
        await filtered({ status: '2xx' }, (e) => e.status < 300);
        await filtered({ method: 'put' }, (e) => e.method === 'PUT');
        await filtered({ path: 'agent.MESSAGE' }, (e) => e.url.includes('agent.message'));
        await filtered({ lintOnly: true, method: 'get' }, (e) => e.lint.length > 0 && e.method === 'GET');
      }),
      { numRuns: 40, endOnFailure: true },
    );
    expect(problems).toEqual([]);
    await log.close();
  });
});
