import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { absoluteInstance, problem, storageProblem } from '../http/problem';
import { INBOX_NAME, TUNNEL_LIMITS } from '../../shared/contract/tunnel';
import { pairsFromRaw } from './hop-by-hop';
import type { InboxService } from './inbox-service';

export const INBOX_PREFIX = '/inbox';

function send(reply: FastifyReply, status: number, detail: string, instance: string) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send(problem(status, detail, { instance }));
}

/**
 * `/inbox/:name` and `/inbox/:name/*`, every method, any content type. The body is kept
 * as the raw bytes (never parsed), up to `TUNNEL_LIMITS.maxBodyBytes` (413 beyond); at
 * most `TUNNEL_LIMITS.maxHeaders` headers (431 beyond).
 */
export async function registerInboxRoutes(app: FastifyInstance, inbox: InboxService): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: TUNNEL_LIMITS.maxBodyBytes },
      (_req: FastifyRequest, body: Buffer, done: (err: Error | null, body?: Buffer) => void) => done(null, body),
    );
    scope.setErrorHandler((err: FastifyError, req, reply) => {
      const instance = absoluteInstance(req.raw.socket, req.url);
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return send(
          reply,
          413,
          `request body is larger than the inbox limit of ${TUNNEL_LIMITS.maxBodyBytes} bytes`,
          instance,
        );
      }
      const disk = storageProblem(err);
      if (disk) return send(reply, disk.status, disk.detail, instance);
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      return send(reply, status, err.message, instance);
    });

    const handler = async (req: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
      const url = req.raw.url ?? req.url;
      const q = url.indexOf('?');
      const path = q >= 0 ? url.slice(0, q) : url;
      const query = q >= 0 ? url.slice(q + 1) : '';
      const name = req.params.name;
      if (!INBOX_NAME.test(name)) {
        return send(
          reply,
          404,
          `"${name}" is not an inbox name (letters, digits, _ . -)`,
          absoluteInstance(req.raw.socket, path),
        );
      }
      if (req.raw.rawHeaders.length / 2 > TUNNEL_LIMITS.maxHeaders) {
        return send(
          reply,
          431,
          `more than ${TUNNEL_LIMITS.maxHeaders} request headers`,
          absoluteInstance(req.raw.socket, path),
        );
      }
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
        // A browser asking whether a page of another origin may send here: no, and the
        // question is neither captured nor forwarded (a webhook sender never asks it).
        return send(
          reply,
          403,
          `CORS preflight from ${String(req.headers.origin ?? 'an unknown origin').slice(0, 200)} refused: the inbox takes webhooks from servers, not requests from web pages`,
          absoluteInstance(req.raw.socket, path),
        );
      }
      const prefix = `${INBOX_PREFIX}/${name}`;
      const suffix = path.startsWith(prefix) ? path.slice(prefix.length) : '';
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const res = await inbox.handle({
        inbox: name,
        via: 'http',
        method: req.method,
        path,
        suffix,
        query,
        headers: pairsFromRaw(req.raw.rawHeaders),
        body,
        sourceAddress: `${req.raw.socket.remoteAddress ?? '?'}:${req.raw.socket.remotePort ?? '?'}`,
      });
      // Written as they are, in their order and case: the framework would add a Content-Type
      // the target never sent.
      const headers: string[] = [];
      for (const [k, v] of res.headers) headers.push(k, v);
      headers.push('Content-Length', String(res.body.length));
      reply.hijack();
      reply.raw.writeHead(res.status, headers);
      reply.raw.end(res.body);
    };
    scope.all(`${INBOX_PREFIX}/:name`, handler);
    scope.all(`${INBOX_PREFIX}/:name/*`, handler);
  });
}
