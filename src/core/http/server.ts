import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { absoluteInstance, HttpProblem, problem, storageProblem } from './problem';

/** Largest request body the studio's HTTP server reads (the inbox has its own limit). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The studio's one HTTP server: the mock API, the inbox and (headless) the UI live on
 * it. Every error, including the framework's own (bad JSON, too large, unknown route),
 * leaves as problem+json with a 4xx status; a 5xx only for real bugs.
 */
export function createHttpServer(): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
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

  return app;
}
