import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HostGuard } from './host-guard';
import { absoluteInstance, HttpProblem, problem, storageProblem, type Problem } from './problem';

/** Largest request body the studio's HTTP server reads (the inbox has its own limit). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Time limits of every connection, so nothing local can hold sockets open for ever: the
 * headers must arrive within 10 s, the whole request within 60 s, and an idle
 * keep-alive connection is closed after 5 s.
 */
export const SERVER_TIMEOUTS = { headersMs: 10_000, requestMs: 60_000, keepAliveMs: 5_000 };
export type ServerTimeouts = typeof SERVER_TIMEOUTS;

/** Writes a problem as a raw HTTP answer on a socket (for upgrades, which never reach routes) and closes it. */
export function endWithProblem(socket: Duplex, body: Problem): void {
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${body.status} ${body.title}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}

/**
 * The answer to an upgrade on a path nobody upgrades: 400, then the socket is closed
 * (left alone, such sockets stayed open for ever).
 */
export function refuseUpgrade(req: IncomingMessage, socket: Duplex): void {
  const path = (req.url ?? '/').split('?')[0];
  endWithProblem(
    socket,
    problem(400, `${path.slice(0, 200)} does not accept protocol upgrades (only the studio's WebSocket does)`, {
      instance: absoluteInstance(socket as unknown as { localAddress?: string; localPort?: number }, path),
    }),
  );
}

/**
 * The studio's one HTTP server: the mock API, the inbox and (headless) the UI live on
 * it. Every error, including the framework's own (bad JSON, too large, unknown route),
 * leaves as problem+json with a 4xx status; a 5xx only for real bugs.
 */
/** 421 for a Host that is not the studio's (DNS rebinding), said in problem+json; the connection closes. */
function refuseHost(req: IncomingMessage, res: ServerResponse, why: string): void {
  const body = Buffer.from(
    JSON.stringify(problem(421, why, { instance: absoluteInstance(req.socket, req.url ?? '/') })),
  );
  req.resume();
  res.writeHead(421, {
    'Content-Type': 'application/problem+json',
    'Content-Length': body.length,
    Connection: 'close',
  });
  res.end(body);
}

/**
 * A route served straight on node:http, before the framework (the inbox: every microsecond
 * of its overhead is the user's). It answers true when it took the request.
 */
export type FastRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

export type StudioHttpServer = FastifyInstance & { addFastRoute(route: FastRoute): void };

export function createHttpServer(opts: { hosts: HostGuard; timeouts?: Partial<ServerTimeouts> }): StudioHttpServer {
  const t = { ...SERVER_TIMEOUTS, ...opts.timeouts };
  const fast: FastRoute[] = [];
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    // The server is ours so fast routes see requests first; the Host rule holds for them too.
    serverFactory: (handler) => {
      const server = http.createServer(
        // Node checks the header and request deadlines on this beat (its default is 30 s).
        { headersTimeout: t.headersMs, connectionsCheckingInterval: Math.min(1000, t.headersMs) },
        (req, res) => {
          // Before anything else, on every route and on 404s: only the studio's own names.
          const why = opts.hosts.refuse(req.headers.host);
          if (why) return refuseHost(req, res, why);
          for (const route of fast) if (route(req, res)) return;
          handler(req, res);
        },
      );
      server.requestTimeout = t.requestMs;
      server.keepAliveTimeout = t.keepAliveMs;
      return server;
    },
    return503OnClosing: true,
    forceCloseConnections: true,
    // Percent-encoded slashes and odd segments reach routes as-is; they validate them.
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 1000 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    // Errors raised before routing (bad percent-encoding, over-long parameters) are problems too.
    frameworkErrors: (err, req, res) => {
      const reply = res as unknown as FastifyReply;
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
      const instance = absoluteInstance(req.socket, req.url ?? '/');
      void (reply as FastifyReply)
        .code(status)
        .type('application/problem+json')
        .send(problem(status, err.message.slice(0, 500), { instance }));
    },
  });

  app.setErrorHandler((err: FastifyError | HttpProblem, req, reply) => {
    let status = err instanceof HttpProblem ? err.status : (err.statusCode ?? 500);
    if (!Number.isInteger(status) || status < 400 || status > 599) status = 500;
    const errors = err instanceof HttpProblem ? err.errors : undefined;
    let detail = err.message;
    if ('code' in err && err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') status = 415;
    if ('code' in err && err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      detail = `request body is larger than the limit of ${MAX_BODY_BYTES} bytes`;
    }
    const disk = storageProblem(err);
    if (disk) {
      status = disk.status;
      detail = disk.detail;
    } else if (status >= 500) {
      req.log.error(err);
      detail = 'internal error in the studio (a bug: please report it)';
    }
    void reply
      .code(status)
      .type('application/problem+json')
      .send(problem(status, detail, { instance: absoluteInstance(req.raw.socket, req.url), errors }));
  });

  app.setNotFoundHandler((req, reply) => {
    void reply
      .code(404)
      .type('application/problem+json')
      .send(
        problem(404, `no route for ${req.method} ${req.url.split('?')[0]}`, {
          instance: absoluteInstance(req.raw.socket, req.url),
        }),
      );
  });

  return Object.assign(app, { addFastRoute: (route: FastRoute) => void fast.push(route) });
}
