import { createHmac } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStudio, type Studio } from '../../../src/core/index';
import { sign } from '../../../src/core/signing/signature';
import { createStudioClient, type StudioClient } from '../../../src/shared/rpc-client';
import type { CaptureSummary } from '../../../src/shared/contract/tunnel';
import { tempDir } from '../../helpers/tmp';
import { rawHeader, rawRequest, startReceiver, type Receiver } from '../../helpers/receiver';
import { insertSecret } from '../../helpers/secrets';
import { systemClock, systemRandom } from '../../../src/core/deps';
import { createEventBus } from '../../../src/core/live/bus';
import { openStore } from '../../../src/core/store/open';
import { createCapturesRepo } from '../../../src/core/tunnel/captures-repo';
import { answerHeaders, createInboxService, targetUrl } from '../../../src/core/tunnel/inbox-service';
import { heldCommit } from '../../helpers/held-commit';
import { openCaptureJournal } from '../../../src/core/tunnel/capture-journal';
import type { GroupCommit } from '../../../src/core/store/group-commit';

const SECRET = 'whsec_inboxtestsecret123';
let studio: Studio;
let client: StudioClient;
const receivers: Receiver[] = [];

async function setup(): Promise<string> {
  studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
  client = createStudioClient(studio.connectInMemory());
  return `http://127.0.0.1:${studio.status().port}`;
}

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

afterEach(async () => {
  await studio?.close();
  for (const r of receivers.splice(0)) await r.close();
});

function nextCapture(): Promise<CaptureSummary> {
  return new Promise((resolve) => {
    const off = client.on('capture.recorded', (c) => {
      off();
      resolve(c);
    });
  });
}

describe('inbox', () => {
  it('forwards the exact bytes: the forwarded body verifies with the original signature', async () => {
    const base = await setup();
    insertSecret(studio.context.db, { secretId: 'sec_one', secret: SECRET });
    const local = await receiver((_r, res) => {
      res.writeHead(201, { 'X-Handler': 'mine', 'Content-Type': 'text/plain' });
      res.end('handled');
    });
    await client.call('inboxes.configure', { name: 'dev', forwardTo: `${local.url}/webhooks` });
    // Whitespace and key order a JSON re-serialiser would change.
    const body = Buffer.from('{ "event_type":"agent.message",  "data": {"b":2,"a":1.50} }\n');
    const t = Math.floor(Date.now() / 1000);
    const header = sign(body, SECRET, t);
    const captured = nextCapture();
    const res = await rawRequest(`${base}/inbox/dev/extra?x=1`, {
      headers: ['Content-Type', 'application/json', 'Sonzai-Signature', header, 'Authorization', 'Bearer abc'],
      body,
    });
    expect(res.status).toBe(201);
    expect(res.body.toString()).toBe('handled');
    expect(rawHeader(res.rawHeaders, 'x-handler')).toBe('mine');

    expect(local.received).toHaveLength(1);
    const got = local.received[0];
    expect(got.url).toBe('/webhooks/extra?x=1');
    expect(got.body.equals(body)).toBe(true);
    const hmac = (b: Buffer) => createHmac('sha256', SECRET.slice(6)).update(`${t}.`).update(b).digest('hex');
    expect(hmac(got.body)).toBe(hmac(body));
    expect(rawHeader(got.rawHeaders, 'sonzai-signature')).toBe(header);
    expect(rawHeader(got.rawHeaders, 'authorization')).toBe('Bearer abc');
    expect(rawHeader(got.rawHeaders, 'host')).toBe(`127.0.0.1:${local.port}`);

    const summary = await captured;
    expect(summary.signature).toMatchObject({ ok: true, code: 'valid', secretId: 'sec_one' });
    expect(summary).toMatchObject({ method: 'POST', path: '/inbox/dev/extra', query: 'x=1', forwardStatus: 201 });
    const detail = await client.call('captures.get', { captureId: summary.captureId });
    expect(Buffer.from(detail.bodyBase64, 'base64').equals(body)).toBe(true);
    expect(Buffer.from(detail.forwardBodyBase64 ?? '', 'base64').toString()).toBe('handled');
    expect(detail.sourceAddress).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('drops hop-by-hop headers, including those Connection names, and keeps the rest', async () => {
    const base = await setup();
    const local = await receiver();
    await client.call('inboxes.configure', { name: 'dev', forwardTo: local.url });
    await rawRequest(`${base}/inbox/dev`, {
      headers: [
        'Connection',
        'keep-alive, X-Secret-Hop',
        'X-Secret-Hop',
        'drop me',
        'Keep-Alive',
        'timeout=5',
        'TE',
        'trailers',
        'Proxy-Authorization',
        'Basic eA==',
        'X-Keep',
        'one',
        'x-keep',
        'two',
        'Content-Type',
        'application/octet-stream',
      ],
      body: Buffer.from([0, 1, 2, 255]),
    });
    const h = local.received[0].rawHeaders;
    const names = h.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    expect(names).not.toContain('x-secret-hop');
    expect(names).not.toContain('te');
    expect(names).not.toContain('proxy-authorization');
    expect(rawHeader(h, 'keep-alive')).toBeUndefined();
    expect(h.filter((v, i) => i % 2 === 1 && (v === 'one' || v === 'two'))).toEqual(['one', 'two']);
    expect(local.received[0].body.equals(Buffer.from([0, 1, 2, 255]))).toBe(true);
  });

  it('forwards a chunked request whole, with its exact length', async () => {
    const base = await setup();
    const local = await receiver();
    await client.call('inboxes.configure', { name: 'dev', forwardTo: local.url });
    const body = Buffer.from('{"chunked":"yes"}');
    await rawRequest(`${base}/inbox/dev`, { headers: ['Transfer-Encoding', 'chunked'], body });
    const h = local.received[0].rawHeaders;
    expect(rawHeader(h, 'transfer-encoding')).toBeUndefined();
    expect(rawHeader(h, 'content-length')).toBe(String(body.length));
    expect(local.received[0].body.equals(body)).toBe(true);
  });

  it('answers its configured response without a forward target, keeping any content type raw', async () => {
    const base = await setup();
    await client.call('inboxes.configure', {
      name: 'hooks',
      responseStatus: 418,
      responseBody: 'short and stout',
      delayMs: 20,
    });
    const captured = nextCapture();
    const res = await rawRequest(`${base}/inbox/hooks`, {
      method: 'PUT',
      headers: ['Content-Type', 'text/xml'],
      body: '<a>1</a>',
    });
    expect(res.status).toBe(418);
    expect(res.body.toString()).toBe('short and stout');
    const c = await captured;
    expect(c).toMatchObject({ inbox: 'hooks', method: 'PUT', contentType: 'text/xml', bodySize: 8 });
    expect(c.signature).toMatchObject({ ok: null, code: 'missing_header' });
    const list = await client.call('captures.list', { inbox: 'hooks' });
    expect(list.captures.map((x) => x.captureId)).toEqual([c.captureId]);
  });

  it('captures every method and path suffix, with or without a content type', async () => {
    const base = await setup();
    for (const method of ['GET', 'HEAD', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await rawRequest(`${base}/inbox/any/a/b?x=${method}`, {
        method,
        body: method === 'PATCH' ? 'xyz' : undefined,
      });
      expect(res.status).toBe(200);
    }
    const { captures } = await client.call('captures.list', { inbox: 'any' });
    expect(captures.map((c) => [c.method, c.path, c.query, c.bodySize, c.contentType]).reverse()).toEqual([
      ['GET', '/inbox/any/a/b', 'x=GET', 0, null],
      ['HEAD', '/inbox/any/a/b', 'x=HEAD', 0, null],
      ['DELETE', '/inbox/any/a/b', 'x=DELETE', 0, null],
      ['PATCH', '/inbox/any/a/b', 'x=PATCH', 3, null],
      ['OPTIONS', '/inbox/any/a/b', 'x=OPTIONS', 0, null],
    ]);
  });

  it('refuses a body over the stated limit with 413 problem+json', async () => {
    const base = await setup();
    const res = await fetch(`${base}/inbox/dev`, { method: 'POST', body: Buffer.alloc(5 * 1024 * 1024 + 1, 97) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { detail: string }).detail).toContain('5242880 bytes');
    expect((await client.call('captures.list', {})).captures).toHaveLength(0);
  });

  it('refuses more than the stated number of headers with 431', async () => {
    const base = await setup();
    const many = Array.from({ length: 200 }, (_, i) => [`X-H${i}`, 'v']).flat();
    const res = await rawRequest(`${base}/inbox/dev`, { headers: many, body: '' });
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body.toString())).toMatchObject({ status: 431, detail: 'more than 200 request headers' });
    const ok = await rawRequest(`${base}/inbox/dev`, { headers: many.slice(0, 100), body: '' });
    expect(ok.status).toBe(200);
  });

  it('a local target slower than the timeout gives the sender 504, and the capture says so', async () => {
    const base = await setup();
    const slow = await receiver((_r, res) => setTimeout(() => res.end('late'), 1500));
    await client.call('inboxes.configure', { name: 'dev', forwardTo: slow.url, forwardTimeoutMs: 200 });
    const captured = nextCapture();
    const res = await fetch(`${base}/inbox/dev`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(504);
    const c = await captured;
    expect(c).toMatchObject({ responseStatus: 504, forwardStatus: null });
    expect(c.forwardError).toContain('200 ms');
  });

  it('an unreachable local target gives 502', async () => {
    const base = await setup();
    const gone = await startReceiver();
    await gone.close();
    await client.call('inboxes.configure', { name: 'dev', forwardTo: gone.url });
    const res = await fetch(`${base}/inbox/dev`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { detail: string }).detail).toContain('ECONNREFUSED');
  });

  it('replays a capture to another URL with the same bytes and headers', async () => {
    const base = await setup();
    const body = '{"replay":true}';
    const captured = nextCapture();
    await rawRequest(`${base}/inbox/dev`, { headers: ['Content-Type', 'application/json', 'X-Mine', '7'], body });
    const c = await captured;
    const local = await receiver((_r, res) => {
      res.statusCode = 202;
      res.end('again');
    });
    const r = await client.call('captures.replay', { captureId: c.captureId, url: `${local.url}/r` });
    expect(r).toMatchObject({ status: 202, error: null });
    expect(Buffer.from(r.bodyBase64, 'base64').toString()).toBe('again');
    expect(local.received[0].body.toString()).toBe(body);
    expect(rawHeader(local.received[0].rawHeaders, 'x-mine')).toBe('7');
    await expect(client.call('captures.replay', { captureId: 'nope', url: local.url })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses an invalid forward URL, and one that would loop back into an inbox', async () => {
    const base = await setup();
    await expect(client.call('inboxes.configure', { name: 'dev', forwardTo: 'ftp://x' })).rejects.toMatchObject({
      code: 'invalid_params',
    });
    const self = `${base.replace('127.0.0.1', 'localhost')}/inbox/other`;
    await expect(client.call('inboxes.configure', { name: 'dev', forwardTo: self })).rejects.toThrow(/a loop/);
  });
});

describe('inbox storage', () => {
  it('holds the answer until the capture is committed', async () => {
    const db = openStore(join(tempDir(), 'studio.db'));
    const { commits, release } = heldCommit();
    const inbox = createInboxService({
      repo: createCapturesRepo(db, systemClock),
      commits,
      secrets: () => [],
      clock: systemClock,
      random: systemRandom,
      bus: createEventBus(),
    });
    let answered = false;
    const answer = inbox
      .handle({
        inbox: 'dev',
        via: 'http',
        method: 'POST',
        path: '/inbox/dev',
        suffix: '',
        query: '',
        headers: [],
        body: Buffer.from('{}'),
        sourceAddress: 'test',
      })
      .then((r) => {
        answered = true;
        return r;
      });
    await new Promise((r) => setTimeout(r, 30));
    expect(answered).toBe(false);
    release();
    expect((await answer).status).toBe(200);
    db.close();
  });

  it('forwards while the capture commits, and still answers only once it is committed', async () => {
    const db = openStore(join(tempDir(), 'studio.db'));
    const local = await receiver((_r, res) => res.end('from target'));
    const { commits, release } = heldCommit();
    const repo = createCapturesRepo(db, systemClock);
    repo.configureInbox('dev', { forwardTo: local.url });
    const inbox = createInboxService({
      repo,
      commits,
      secrets: () => [],
      clock: systemClock,
      random: systemRandom,
      bus: createEventBus(),
    });
    let answered = false;
    const answer = inbox
      .handle({
        inbox: 'dev',
        via: 'http',
        method: 'POST',
        path: '/inbox/dev',
        suffix: '',
        query: '',
        headers: [['Content-Type', 'application/json']],
        body: Buffer.from('{"a":1}'),
        sourceAddress: 'test',
      })
      .then((r) => {
        answered = true;
        return r;
      });
    await vi.waitFor(() => expect(local.received).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 30));
    expect(answered).toBe(false); // the target answered; the capture is not committed yet
    release();
    const r = await answer;
    expect([r.status, r.body.toString()]).toEqual([200, 'from target']);
    expect(repo.summary(r.captureId!)).toMatchObject({ method: 'POST', bodySize: 7 });
    db.close();
  });

  it('a capture the store refuses is an error to the sender, never a 2xx', async () => {
    const db = openStore(join(tempDir(), 'studio.db'));
    const repo = createCapturesRepo(db, systemClock);
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const inbox = createInboxService({
      repo: {
        ...repo,
        insert: () => {
          throw full;
        },
      },
      secrets: () => [],
      clock: systemClock,
      random: systemRandom,
      bus: createEventBus(),
    });
    const req = {
      inbox: 'dev',
      via: 'http' as const,
      method: 'POST',
      path: '/inbox/dev',
      suffix: '',
      query: '',
      headers: [],
      body: Buffer.from('{}'),
      sourceAddress: 'test',
    };
    await expect(inbox.handle(req)).rejects.toBe(full);
    db.close();
  });

  it('answers a sender once its capture is durable: the studio reads it at once, studio.db has it within a batch', async () => {
    const base = await setup();
    // No forward target: the inbox answers at once, in the turn the request arrived.
    const other = new Database(join(studio.context.dataDir, 'studio.db'), { readonly: true });
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          rawRequest(`${base}/inbox/dev/n${i}`, {
            headers: ['Content-Type', 'application/json'],
            body: Buffer.from(`{"n":${i}}`),
          }).then(async (res) => {
            // Read through the studio as each answer arrives: what was accepted is there.
            const id = rawHeader(res.rawHeaders, 'x-webhook-studio-capture')!;
            const c = await client.call('captures.get', { captureId: id });
            return { status: res.status, body: Buffer.from(c.bodyBase64, 'base64').toString(), id };
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(answers.map((a) => a.body)).toEqual(Array.from({ length: 20 }, (_, i) => `{"n":${i}}`));
      // Another connection sees them committed, each with its outcome in the same row.
      const stored = other.prepare('SELECT body, response_status FROM captures WHERE capture_id = ?');
      await vi.waitFor(() =>
        expect(
          answers.map((a) => (stored.get(a.id) as { response_status: number } | undefined)?.response_status),
        ).toEqual(Array(20).fill(200)),
      );
      // Once committed, the journal is empty again.
      expect(statSync(join(studio.context.dataDir, 'inbox-journal')).size).toBe(0);
    } finally {
      other.close();
    }
  });

  it('a studio that dies after answering keeps every answered capture: the next start stores them from the journal', async () => {
    const dir = tempDir();
    const path = join(dir, 'studio.db');
    const db = openStore(path);
    const journal = openCaptureJournal(join(dir, 'inbox-journal'));
    // A group commit whose batches never come: the studio "dies" before any capture reaches SQLite.
    const never = {
      join: () => {},
      committed: () => Promise.resolve(),
      later: () => {},
      flush: () => {},
      afterCommit: () => {},
    };
    const inbox = createInboxService({
      repo: createCapturesRepo(db, systemClock, undefined, { journal, commits: never as unknown as GroupCommit }),
      commits: never as unknown as GroupCommit,
      storeOk: () => true,
      secrets: () => [],
      clock: systemClock,
      random: systemRandom,
      bus: createEventBus(),
    });
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        inbox.handle({
          inbox: 'dev',
          via: 'http',
          method: 'POST',
          path: `/inbox/dev/k${i}`,
          suffix: `/k${i}`,
          query: '',
          headers: [['Content-Type', 'application/json']],
          body: Buffer.from(`{"k":${i},"bytes":"\u00e9\u3042"}`),
          sourceAddress: 'test',
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(200));
    expect(db.prepare('SELECT count(*) FROM captures').pluck().get()).toBe(0); // answered, not in SQLite
    journal.close();
    db.close();

    // The next start: every answered capture is stored, bytes exact, and the journal emptied.
    const db2 = openStore(path);
    const journal2 = openCaptureJournal(join(dir, 'inbox-journal'));
    const repo = createCapturesRepo(db2, systemClock, undefined, { journal: journal2 });
    expect(repo.recover()).toBe(5);
    for (const [i, a] of answers.entries()) {
      const raw = repo.raw(a.captureId)!;
      expect(raw.body.toString()).toBe(`{"k":${i},"bytes":"\u00e9\u3042"}`);
      expect(repo.summary(a.captureId)).toMatchObject({ path: `/inbox/dev/k${i}`, method: 'POST' });
    }
    expect(journal2.end).toBe(0);
    expect(repo.recover()).toBe(0); // nothing twice
    journal2.close();
    db2.close();
  });

  it('a new forward target applies to the very next request', async () => {
    const base = await setup();
    const first = await receiver((_r, res) => res.end('first'));
    const second = await receiver((_r, res) => res.end('second'));
    await client.call('inboxes.configure', { name: 'dev', forwardTo: first.url });
    expect((await rawRequest(`${base}/inbox/dev`, { body: Buffer.from('{}') })).body.toString()).toBe('first');
    await client.call('inboxes.configure', { name: 'dev', forwardTo: second.url });
    expect((await rawRequest(`${base}/inbox/dev`, { body: Buffer.from('{}') })).body.toString()).toBe('second');
    await client.call('inboxes.configure', { name: 'dev', forwardTo: null });
    const plain = await rawRequest(`${base}/inbox/dev`, { body: Buffer.from('{}') });
    expect([plain.status, plain.body.toString()]).toEqual([200, '']);
  });
});

describe('inbox helpers', () => {
  it('joins the forward URL with the path suffix and query, and leaves it alone when there is nothing to join', () => {
    expect(targetUrl('http://127.0.0.1:3000/hooks', '/extra', 'x=1')).toBe('http://127.0.0.1:3000/hooks/extra?x=1');
    expect(targetUrl('http://127.0.0.1:3000/hooks/', '/a', '')).toBe('http://127.0.0.1:3000/hooks/a');
    expect(targetUrl('http://127.0.0.1:3000/hooks?k=v', '', 'x=1')).toBe('http://127.0.0.1:3000/hooks?k=v&x=1');
    expect(targetUrl('http://127.0.0.1:3000', '', '')).toBe('http://127.0.0.1:3000');
    expect(targetUrl('http://127.0.0.1:3000/h', '/', '')).toBe('http://127.0.0.1:3000/h');
  });

  it("answers with the target's headers minus hop-by-hop ones, Content-Length and Date", () => {
    expect(
      answerHeaders([
        ['Connection', 'keep-alive, X-Hop'],
        ['X-Hop', '1'],
        ['Keep-Alive', 'timeout=5'],
        ['Date', 'today'],
        ['content-length', '2'],
        ['X-Handler', 'mine'],
        ['Set-Cookie', 'a'],
        ['set-cookie', 'b'],
      ]),
    ).toEqual([
      ['X-Handler', 'mine'],
      ['Set-Cookie', 'a'],
      ['set-cookie', 'b'],
    ]);
  });
});
