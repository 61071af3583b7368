import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

/** A local webhook handler on 127.0.0.1:0 that records what it gets and answers via `answer`. */
export async function startReceiver(
  answer: (r: Received, res: http.ServerResponse) => void = (_r, res) => res.end('ok'),
): Promise<Receiver> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        url: req.url ?? '',
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
      };
      received.push(r);
      answer(r, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** One header of a raw list (first match, case-insensitive). */
export function rawHeader(raw: string[], name: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === name.toLowerCase()) return raw[i + 1];
  return undefined;
}

/** A request with exact raw headers (fetch would add and normalise its own). */
export function rawRequest(
  url: string,
  opts: { method?: string; headers?: string[]; body?: Buffer | string },
): Promise<{ status: number; rawHeaders: string[]; body: Buffer }> {
  const u = new URL(url);
  const headers = [...(opts.headers ?? [])];
  const has = (n: string) => headers.some((h, i) => i % 2 === 0 && h.toLowerCase() === n);
  // With a raw header list Node adds neither Host nor Content-Length by itself.
  if (!has('host')) headers.unshift('Host', u.host);
  if (!has('content-length') && !has('transfer-encoding') && opts.body !== undefined) {
    headers.push('Content-Length', String(Buffer.byteLength(opts.body)));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: opts.method ?? 'POST',
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
