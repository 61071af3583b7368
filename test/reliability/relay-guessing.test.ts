import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createRelayServer } from '../../src/relay/relay-server';

const TOKEN = 'the-right-relay-token-0123456789';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function relay(opts: Partial<Parameters<typeof createRelayServer>[0]> = {}) {
  const r = createRelayServer({ token: TOKEN, port: 0, channels: ['c1'], ...opts });
  const info = await r.listen();
  closers.push(() => r.close());
  return info;
}

/** One connection attempt: the handshake's status, its Retry-After and the problem's detail. */
function attempt(
  url: string,
  opts: { token?: string; query?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; retryAfter?: string; detail?: string }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/_relay/connect?channel=c1${opts.query ?? ''}`, { headers });
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: res.headers['retry-after'] as string | undefined,
          detail: (JSON.parse(text) as { detail: string }).detail,
        }),
      );
    });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101 });
    });
    ws.on('error', () => undefined);
  });
}

async function health(url: string): Promise<{ refusedTokens: number; slowedAddresses: number }> {
  return (await (await fetch(`${url}/_relay/health`)).json()) as { refusedTokens: number; slowedAddresses: number };
}

describe('the relay resists guessing', () => {
  it('takes the token only from the Authorization header, never the query string', async () => {
    const { url } = await relay({ guessBaseMs: 0 });
    const inQuery = await attempt(url, { query: `&token=${TOKEN}` });
    expect(inQuery.status).toBe(401);
    expect(inQuery.detail).toMatch(/Authorization header .* never in the URL/);
    expect((await attempt(url, { token: TOKEN })).status).toBe(101);
  });

  it('slows each address down exponentially after wrong tokens, capped, and a right token clears it', async () => {
    let now = 1_000_000;
    const { url } = await relay({ now: () => now, guessBaseMs: 250, guessCapMs: 4000 });
    const retryAfter: string[] = [];
    for (const wait of [250, 500, 1000, 2000, 4000, 4000]) {
      expect((await attempt(url, { token: 'wrong' })).status).toBe(401);
      // Even the right token is not compared while the address waits.
      const early = await attempt(url, { token: TOKEN });
      expect(early.status).toBe(429);
      expect(early.detail).toMatch(/too many wrong tokens from this address: try again in \d+ s/);
      retryAfter.push(early.retryAfter ?? '');
      now += wait - 1;
      expect((await attempt(url, { token: TOKEN })).status).toBe(429);
      now += 1;
    }
    expect(retryAfter).toEqual(['1', '1', '1', '2', '4', '4']);
    expect(await health(url)).toMatchObject({ refusedTokens: 18, slowedAddresses: 0 });
    expect((await attempt(url, { token: TOKEN })).status).toBe(101);
    expect((await attempt(url, { token: 'wrong' })).status).toBe(401);
    expect((await attempt(url, { token: TOKEN })).status).toBe(429);
  });

  it('turns 1,000 quick guesses into a handful compared, and counts every one on its status page', async () => {
    const { url } = await relay();
    const statuses: number[] = [];
    for (let i = 0; i < 1000; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, (_, j) => attempt(url, { token: `guess-${i + j}` })));
      statuses.push(...batch.map((b) => b.status));
    }
    const compared = statuses.filter((s) => s === 401).length;
    expect(statuses.filter((s) => s === 429).length).toBe(1000 - compared);
    expect(compared).toBeLessThan(20);
    expect((await health(url)).refusedTokens).toBe(1000);
  }, 30_000);

  it('behind a trusted proxy, slows down the forwarded address, not everyone', async () => {
    const { url } = await relay({ trustProxy: true, guessBaseMs: 60_000 });
    const via = (addr: string, token: string) =>
      attempt(url, { token, headers: { 'x-forwarded-for': `10.0.0.9, ${addr}` } });
    expect((await via('203.0.113.7', 'wrong')).status).toBe(401);
    expect((await via('203.0.113.7', TOKEN)).status).toBe(429);
    expect((await via('198.51.100.2', TOKEN)).status).toBe(101);
  });
});
