import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  CANONICAL_HEADERS,
  canonicalRequestHeaders,
  hostOf,
  requestHeadersJson,
  storedRequestHeaders,
} from '../../../src/core/dispatch/request-headers-stored';
import { attemptDetail } from '../../../src/core/inspector/detail';
import { tempDir } from '../../helpers/tmp';
import { attemptRows, bareDispatcher, insertWebhook, receiver, type Received } from './helpers';

const SIG = 't=1767225600,v1=d5f4c6b752d8830bb7aaf60d1b93d30b288b830961a5294b248a645d1061a54a';
const canonical = (host: string, length = 12, sig = SIG) => ({
  'Content-Type': 'application/json',
  'Sonzai-Signature': sig,
  'Content-Length': String(length),
  Host: host,
  Connection: 'keep-alive',
});

describe('request headers as stored (migration 015)', () => {
  it('stores nothing for the canonical set and rebuilds the same JSON, names, order and values', () => {
    for (const [url, host] of [
      ['http://localhost:3000/webhooks', 'localhost:3000'],
      ['http://127.0.0.1:5000/hook?x=1', '127.0.0.1:5000'],
      ['https://example.test/wh', 'example.test'],
      ['http://example.test:80/wh', 'example.test'],
      ['https://example.test:8443/wh', 'example.test:8443'],
      ['http://[::1]:3000/h', '[::1]:3000'],
      ['http://Example.TEST/h', 'example.test'],
    ] as const) {
      expect(hostOf(url), url).toBe(host);
      const sent = canonical(host);
      expect(storedRequestHeaders(sent, url, 12, SIG), url).toBe(CANONICAL_HEADERS);
      const json = requestHeadersJson({
        request_headers_json: CANONICAL_HEADERS,
        webhook_url: url,
        signature_header: SIG,
        request_body: Buffer.from('{"n":"abcd"}'),
      });
      expect(json, url).toBe(JSON.stringify(sent));
    }
    // A body read back as text counts its UTF-8 bytes, as it went on the wire.
    expect(
      JSON.parse(
        requestHeadersJson({
          request_headers_json: '',
          webhook_url: 'http://h/x',
          signature_header: SIG,
          request_body: '{"t":"é"}',
        }),
      ),
    ).toMatchObject({ 'Content-Length': '10' });
  });

  it('stores any other set as JSON, exactly as sent', () => {
    const url = 'http://localhost:3000/webhooks';
    const host = 'localhost:3000';
    const cases: [string, Record<string, string>, number, string | null][] = [
      ['an Authorization', { ...canonical(host), Authorization: 'Bearer x' }, 12, SIG],
      [
        'Authorization between',
        {
          'Content-Type': 'application/json',
          'Sonzai-Signature': SIG,
          Authorization: 'Bearer x',
          'Content-Length': '12',
          Host: host,
          Connection: 'keep-alive',
        },
        12,
        SIG,
      ],
      [
        'another order',
        {
          'Content-Type': 'application/json',
          'Sonzai-Signature': SIG,
          'Content-Length': '12',
          Connection: 'keep-alive',
          Host: host,
        },
        12,
        SIG,
      ],
      [
        'reordered keys',
        {
          'Sonzai-Signature': SIG,
          'Content-Type': 'application/json',
          'Content-Length': '12',
          Host: host,
          Connection: 'keep-alive',
        },
        12,
        SIG,
      ],
      ['another length', canonical(host, 13), 12, SIG],
      ['another host', canonical('127.0.0.1:3000'), 12, SIG],
      ['another signature', canonical(host, 12, 't=1,v1=00'), 12, SIG],
      ['no signature', canonical(host), 12, null],
      ['lower-case names', { ...canonical(host), 'content-type': 'application/json' }, 12, SIG],
      [
        'a synthetic attempt',
        { 'Content-Type': 'application/json', 'Sonzai-Signature': SIG, 'Content-Length': '12' },
        12,
        SIG,
      ],
      ['nothing sent', {}, 12, SIG],
    ];
    for (const [what, sent, length, sig] of cases) {
      const stored = storedRequestHeaders(sent, url, length, sig);
      expect(stored, what).toBe(JSON.stringify(sent));
      expect(
        requestHeadersJson({
          request_headers_json: stored,
          webhook_url: url,
          signature_header: sig,
          request_body: null,
        }),
        what,
      ).toBe(JSON.stringify(sent));
    }
    // A URL with credentials (node:http adds an Authorization) or not http(s) has no canonical set.
    expect(canonicalRequestHeaders('http://u:p@localhost:3000/h', 12, SIG)).toBeNull();
    expect(storedRequestHeaders(canonical('localhost:3000'), 'http://u:p@localhost:3000/h', 12, SIG)).not.toBe('');
    expect(canonicalRequestHeaders('ftp://localhost/h', 12, SIG)).toBeNull();
    expect(canonicalRequestHeaders('not a url', 12, SIG)).toBeNull();
  });
});

describe('new attempts read back the headers that went on the wire', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  /** The headers a receiver got, in order, as the inspector would show them. */
  const onWire = (r: Received) => {
    const out: Record<string, string> = {};
    for (let i = 0; i < r.rawHeaders.length; i += 2) out[r.rawHeaders[i]!] = r.rawHeaders[i + 1]!;
    return out;
  };

  it('delivered, retried, replayed, edited replay, with an Authorization, and failed with no response', async () => {
    const d = bareDispatcher(tempDir(), { delivery: { schedule: 'custom', customDelaysMs: [20, 20] } });
    cleanup.push(d.close);
    const ep = await receiver((_q, res, _body, n) => res.writeHead(n === 1 ? 500 : 200).end('ok'));
    cleanup.push(ep.close);
    insertWebhook(d.db, { projectId: d.projectId, eventType: 'x', url: ep.url });
    insertWebhook(d.db, { projectId: d.projectId, eventType: 'auth', url: ep.url, authHeader: 'Bearer s3cret' });
    // A port nobody listens on: refused, no response.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`;
    await new Promise<void>((r) => closed.close(() => r()));
    insertWebhook(d.db, { projectId: d.projectId, eventType: 'dead', url: deadUrl });

    const id = d.fire('x', { text: 'Kyoto – ünïcode' }).deliveries[0]!.deliveryId;
    await d.dispatcher.idle();
    for (let i = 0; i < 100 && attemptRows(d.db, id).length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    const [first] = attemptRows(d.db, id);
    await d.dispatcher.replay({ attemptId: first!.attempt_id });
    await d.dispatcher.replay({ attemptId: first!.attempt_id, body: '{"edited":"by hand ✓"}' });
    const authId = d.fire('auth', { n: 2 }).deliveries[0]!.deliveryId;
    const deadId = d.fire('dead', { n: 3 }).deliveries[0]!.deliveryId;
    await d.dispatcher.idle();

    const rows = [...attemptRows(d.db, id), ...attemptRows(d.db, authId)];
    expect(rows.map((r) => r.kind)).toEqual(['delivery', 'retry', 'replay', 'replay', 'delivery']);
    expect(rows.map((r) => r.response_code)).toEqual([500, 200, 200, 200, 200]);
    expect(ep.received).toHaveLength(5);
    const stored = d.db.prepare('SELECT request_headers_json FROM attempts WHERE attempt_id = ?').pluck();
    rows.forEach((row, i) => {
      const wire = onWire(ep.received[i]!);
      // The inspector and the repo's rows show exactly what the receiver got.
      expect(attemptDetail(d.db, row.attempt_id).request.headers, row.kind).toEqual(wire);
      expect(Object.entries(attemptDetail(d.db, row.attempt_id).request.headers)).toEqual(Object.entries(wire));
      expect(row.request_headers_json).toBe(JSON.stringify(wire));
      // Only the one with an Authorization stores its headers.
      expect(stored.get(row.attempt_id), row.kind).toBe(i === 4 ? JSON.stringify(wire) : '');
    });
    // Response headers are stored as lines and read back as node:http recorded them.
    const answer = attemptDetail(d.db, rows[1]!.attempt_id).response.headers!;
    expect(Object.keys(answer)).toEqual(['date', 'connection', 'keep-alive', 'transfer-encoding']);
    expect(answer).toMatchObject({
      connection: 'keep-alive',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
    });
    const storedAnswer = d.db.prepare('SELECT response_headers_json FROM attempts WHERE attempt_id = ?').pluck();
    expect(String(storedAnswer.get(rows[1]!.attempt_id)).startsWith('{')).toBe(false);
    expect(rows[1]!.response_headers_json).toBe(JSON.stringify(answer));
    expect(onWire(ep.received[3]!)['Content-Length']).toBe(String(Buffer.byteLength('{"edited":"by hand ✓"}')));

    const [dead] = attemptRows(d.db, deadId);
    expect(dead!.response_code).toBe(0);
    expect(stored.get(dead!.attempt_id)).toBe('');
    expect(attemptDetail(d.db, dead!.attempt_id).request.headers).toEqual(
      canonical(new URL(deadUrl).host, dead!.request_body.length, dead!.signature_header!),
    );
  });
});
