import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { attemptDetail } from '../../../src/core/inspector/detail';
import { toCurl, toHar, toJsonExport } from '../../../src/core/inspector/export';
import { verify } from '../../../src/core/signing/signature';
import { seedAttempts, seededDb } from '../../helpers/seed-attempts';

const SECRET = { secretId: 'sec_1', secret: 'whsec_fixedkey123' };
const T = 1_700_000_000;
const TRICKY = `{"text":"it's a \\"test\\" with $HOME, \`backticks\`, \\\\ and 日本語 🎉","nl":"a\\nb","pct":"100%s"}`;

const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

async function receiver() {
  const got: { body: Buffer; headers: IncomingHttpHeaders; raw: string[] }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ body: Buffer.concat(chunks), headers: req.headers, raw: req.rawHeaders });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks?x=1`, got };
}

const bash = (script: string) =>
  new Promise<string>((resolve, reject) =>
    execFile('bash', ['-c', script], { timeout: 10_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
    ),
  );

describe('export', () => {
  it.skipIf(!existsSync('/usr/bin/curl') && !existsSync('/bin/curl'))(
    'copy as curl reproduces the exact bytes and headers, signature included',
    async () => {
      const rx = await receiver();
      const db = seededDb();
      const binary = Buffer.from([0x7b, 0x00, 0xff, 0x0a, 0x27, 0x7d]);
      seedAttempts(db, [
        {
          attemptId: 'c1',
          webhookUrl: rx.url,
          body: TRICKY,
          sign: { secrets: [SECRET], at: T },
          requestHeaders: { Authorization: "Bearer it's-secret" },
        },
        { attemptId: 'c2', webhookUrl: rx.url, body: binary, sign: { secrets: [SECRET], at: T } },
      ]);
      for (const id of ['c1', 'c2']) {
        const d = attemptDetail(db, id);
        await bash(toCurl(d));
        const got = rx.got.pop()!;
        expect(got.body.equals(Buffer.from(d.request.bodyBase64, 'base64'))).toBe(true);
        expect(got.headers['sonzai-signature']).toBe(d.request.headers['Sonzai-Signature']);
        expect(got.headers['content-type']).toBe('application/json');
        expect(verify(got.body, got.headers['sonzai-signature'] as string, SECRET.secret, { now: T }).ok).toBe(true);
        const names = got.raw.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
        expect(names.sort()).toEqual(
          [...Object.keys(d.request.headers).map((k) => k.toLowerCase()), 'host', 'content-length'].sort(),
        );
        if (id === 'c1') expect(got.headers.authorization).toBe("Bearer it's-secret");
      }
    },
  );

  it('HAR 1.2: the structure dev tools import, one entry per attempt', () => {
    const db = seededDb();
    seedAttempts(db, [
      { attemptId: 'h1', body: TRICKY, sign: { secrets: [SECRET], at: T }, createdAt: '2026-03-01T10:00:00.000Z' },
      {
        attemptId: 'h2',
        status: 'failed',
        responseCode: 0,
        responseHeaders: null,
        responseBody: null,
        errorMessage: 'ECONNREFUSED',
        webhookUrl: 'http://localhost:4000/x?a=b',
      },
    ]);
    const har = JSON.parse(JSON.stringify(toHar(['h1', 'h2'].map((id) => attemptDetail(db, id)))));
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toMatchObject({ name: expect.any(String), version: expect.any(String) });
    expect(har.log.entries).toHaveLength(2);
    for (const e of har.log.entries) {
      expect(Date.parse(e.startedDateTime)).not.toBeNaN();
      expect(typeof e.time).toBe('number');
      expect(e.request).toMatchObject({ method: 'POST', httpVersion: expect.any(String), headersSize: -1 });
      for (const k of ['cookies', 'headers', 'queryString']) expect(Array.isArray(e.request[k])).toBe(true);
      expect(e.request.postData).toMatchObject({ mimeType: 'application/json', text: expect.any(String) });
      expect(e.response).toMatchObject({ status: expect.any(Number), statusText: expect.any(String), redirectURL: '' });
      expect(e.response.content).toMatchObject({ size: expect.any(Number), mimeType: expect.any(String) });
      for (const k of ['send', 'wait', 'receive']) expect(e.timings[k]).toBeGreaterThanOrEqual(0);
      expect(e.cache).toEqual({});
    }
    const [h1, h2] = har.log.entries;
    expect(h1.request.postData.text).toBe(TRICKY);
    expect(h1.request.bodySize).toBe(Buffer.byteLength(TRICKY));
    expect(h1.request.headers).toContainEqual({ name: 'Sonzai-Signature', value: expect.stringMatching(/^t=\d+,v1=/) });
    expect(h2.request.queryString).toEqual([{ name: 'a', value: 'b' }]);
    expect(h2.response.status).toBe(0);
    expect(h2._error).toBe('ECONNREFUSED');
  });

  it('JSON export keeps the raw body (text and base64) and every field', () => {
    const db = seededDb();
    seedAttempts(db, [{ attemptId: 'j1', body: TRICKY, sign: { secrets: [SECRET], at: T } }]);
    const out = JSON.parse(toJsonExport([attemptDetail(db, 'j1')], new Date('2026-01-01T00:00:00Z')));
    expect(out.count).toBe(1);
    expect(out.attempts[0].request.body).toBe(TRICKY);
    expect(Buffer.from(out.attempts[0].request.bodyBase64, 'base64').toString('utf8')).toBe(TRICKY);
    expect(out.attempts[0].signature.secretIds).toEqual(['sec_1']);
  });
});
