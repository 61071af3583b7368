import type { ServerResponse } from 'node:http';

const HOP_BY_HOP = new Set([
  'connection',
  'proxy-connection',
  'keep-alive',
  'te',
  'transfer-encoding',
  'upgrade',
  'trailer',
  'content-length',
  'date',
]);

/** A problem+json answer (RFC 9457), as the studio's own errors. */
export function sendProblem(res: ServerResponse, status: number, detail: string, instance?: string): void {
  if (res.headersSent || res.writableEnded) return;
  const titles: Record<number, string> = {
    202: 'Accepted',
    400: 'Bad Request',
    401: 'Unauthorized',
    404: 'Not Found',
    413: 'Payload Too Large',
    431: 'Request Header Fields Too Large',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
    507: 'Insufficient Storage',
  };
  const body = Buffer.from(
    JSON.stringify({
      type: 'about:blank',
      title: titles[status] ?? 'Error',
      status,
      detail,
      ...(instance ? { instance } : {}),
      error: detail,
      message: detail,
    }),
  );
  res.writeHead(status, { 'Content-Type': 'application/problem+json', 'Content-Length': body.length });
  res.end(body);
}

/** The studio's answer, relayed to the original sender (hop-by-hop headers dropped). */
export function writeResponse(res: ServerResponse, status: number, headers: [string, string][], body: Buffer): void {
  if (res.headersSent || res.writableEnded) return;
  const flat: string[] = [];
  for (const [k, v] of headers) if (!HOP_BY_HOP.has(k.toLowerCase())) flat.push(k, v);
  flat.push('Content-Length', String(body.length));
  res.writeHead(status, flat);
  res.end(body);
}
