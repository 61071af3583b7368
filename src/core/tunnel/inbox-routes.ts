import type { IncomingMessage, ServerResponse } from 'node:http';
import { absoluteInstance, problem, storageProblem } from '../http/problem';
import type { FastRoute } from '../http/server';
import { INBOX_NAME, TUNNEL_LIMITS } from '../../shared/contract/tunnel';
import { pairsFromRaw } from './hop-by-hop';
import type { InboxService } from './inbox-service';

export const INBOX_PREFIX = '/inbox';

function sendProblem(req: IncomingMessage, res: ServerResponse, status: number, detail: string, path: string): void {
  const body = Buffer.from(JSON.stringify(problem(status, detail, { instance: absoluteInstance(req.socket, path) })));
  res.writeHead(status, { 'Content-Type': 'application/problem+json', 'Content-Length': body.length });
  res.end(body);
}

/**
 * `/inbox/<name>` and `/inbox/<name>/…`, every method, any content type, served on node:http
 * itself (no framework in between: the inbox's overhead is the user's). The body is kept as
 * the raw bytes (never parsed), up to `TUNNEL_LIMITS.maxBodyBytes` (413 beyond); at most
 * `TUNNEL_LIMITS.maxHeaders` headers (431 beyond). The answer carries exactly the headers
 * the inbox chose (a forward target's own), in their order and case.
 */
export function inboxRoute(inbox: InboxService, onStorageError: (err: unknown) => void): FastRoute {
  async function serve(req: IncomingMessage, res: ServerResponse, path: string, name: string, query: string) {
    if (!INBOX_NAME.test(name)) {
      req.resume();
      return sendProblem(req, res, 404, `"${name}" is not an inbox name (letters, digits, _ . -)`, path);
    }
    if (req.rawHeaders.length / 2 > TUNNEL_LIMITS.maxHeaders) {
      req.resume();
      return sendProblem(req, res, 431, `more than ${TUNNEL_LIMITS.maxHeaders} request headers`, path);
    }
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      // A browser asking whether a page of another origin may send here: no, and the
      // question is neither captured nor forwarded (a webhook sender never asks it).
      req.resume();
      return sendProblem(
        req,
        res,
        403,
        `CORS preflight from ${String(req.headers.origin ?? 'an unknown origin').slice(0, 200)} refused: the inbox takes webhooks from servers, not requests from web pages`,
        path,
      );
    }
    const tooLarge = `request body is larger than the inbox limit of ${TUNNEL_LIMITS.maxBodyBytes} bytes`;
    if (Number(req.headers['content-length'] ?? 0) > TUNNEL_LIMITS.maxBodyBytes) {
      res.setHeader('Connection', 'close');
      sendProblem(req, res, 413, tooLarge, path);
      return req.destroy();
    }
    const body = await readBody(req);
    if (body === 'too_large') {
      res.setHeader('Connection', 'close');
      sendProblem(req, res, 413, tooLarge, path);
      return req.destroy();
    }
    if (body === null) return; // the sender went away mid-body: nobody to answer
    const prefix = `${INBOX_PREFIX}/${name}`;
    const answer = await inbox.handle({
      inbox: name,
      via: 'http',
      method: req.method ?? 'GET',
      path,
      suffix: path.slice(prefix.length),
      query,
      headers: pairsFromRaw(req.rawHeaders),
      body,
      sourceAddress: `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`,
    });
    const headers: string[] = [];
    for (const [k, v] of answer.headers) headers.push(k, v);
    headers.push('Content-Length', String(answer.body.length));
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  }

  return (req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith(`${INBOX_PREFIX}/`)) return false;
    const q = url.indexOf('?');
    const path = q >= 0 ? url.slice(0, q) : url;
    const query = q >= 0 ? url.slice(q + 1) : '';
    const slash = path.indexOf('/', INBOX_PREFIX.length + 1);
    let name = slash < 0 ? path.slice(INBOX_PREFIX.length + 1) : path.slice(INBOX_PREFIX.length + 1, slash);
    try {
      name = decodeURIComponent(name);
    } catch {
      /* refused below as not an inbox name */
    }
    serve(req, res, path, name, query).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      const disk = storageProblem(err);
      if (disk) {
        onStorageError(err);
        return sendProblem(req, res, disk.status, disk.detail, path);
      }
      console.error('webhook-studio: inbox error', err);
      sendProblem(req, res, 500, 'internal error in the studio (a bug: please report it)', path);
    });
    return true;
  };
}

/** The whole body, or 'too_large' past the limit, or null if the sender went away. */
function readBody(req: IncomingMessage): Promise<Buffer | 'too_large' | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > TUNNEL_LIMITS.maxBodyBytes) {
        req.removeAllListeners('data');
        resolve('too_large');
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    req.on('aborted', () => resolve(null));
    req.on('error', () => resolve(null));
  });
}
