import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, problem, storageProblem, type FieldError } from '../http/problem';
import { toFieldErrors } from './validator';

/** Largest request body the mock API reads: 256 KiB (larger → 413). */
export const API_BODY_LIMIT = 256 * 1024;

const CONTEXTS: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

type Send = (
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string,
  errors?: FieldError[],
) => FastifyReply;

/** Problem answers whose `instance` is an absolute URI (the published schema says `format: uri`). */
export function problemSender(baseUrl: () => string): Send {
  return (req, reply, status, detail, errors) => {
    const path = req.url.split('?')[0].slice(0, 2048);
    const base = baseUrl();
    return reply
      .code(status)
      .type('application/problem+json')
      .send(
        problem(status, detail, {
          instance: `${base}${path}`,
          errors,
          schema: `${base}/api/v1/schemas/ErrorModel.json`,
        }),
      );
  };
}

/**
 * The mock API's error handler, with Huma's statuses (production is built on Huma): schema
 * violations → 422 with one `ErrorDetail` per problem, a missing body or malformed JSON →
 * 400, too large → 413, typed `HttpProblem`s as thrown. A 5xx
 * only for a real bug (and its message is not leaked).
 */
export const apiErrorHandler =
  (send: Send) => (err: FastifyError | HttpProblem, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof HttpProblem) return send(req, reply, err.status, err.message, err.errors);
    const fe = err as FastifyError & { validation?: unknown[]; validationContext?: string };
    if (Array.isArray(fe.validation)) {
      const ctx = CONTEXTS[fe.validationContext ?? 'body'] ?? 'body';
      // As Huma (production's framework): a missing required body is 400, schema violations 422.
      if (ctx === 'body' && (req.body === undefined || req.body === null)) {
        return send(req, reply, 400, 'request body is required', [
          { location: 'body', message: 'request body is required', value: null },
        ]);
      }
      return send(req, reply, 422, 'validation failed', toFieldErrors(fe.validation as never[], ctx));
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(req, reply, 413, `request body is too large limit=${API_BODY_LIMIT} bytes`);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(
          req,
          reply,
          415,
          `unsupported Content-Type ${String(req.headers['content-type'] ?? '')}: send application/json`,
        );
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(req, reply, 400, 'Content-Length does not match the body');
    }
    const status = fe.statusCode;
    if (err instanceof SyntaxError || (status === 400 && /JSON|body/i.test(err.message))) {
      return send(req, reply, 400, `malformed JSON body: ${err.message}`, [
        { location: 'body', message: err.message, value: (req.api?.rawBody ?? '').slice(0, 200) },
      ]);
    }
    if (typeof status === 'number' && status >= 400 && status < 500) return send(req, reply, status, err.message);
    const disk = storageProblem(err);
    if (disk) return send(req, reply, disk.status, disk.detail);
    req.log.error(err);
    return send(req, reply, 500, 'internal error in the mock API (a bug: please report it)');
  };

export interface KnownRoute {
  method: string;
  regex: RegExp;
}

/** `/api/v1/webhooks/:eventType` → a regex matching concrete paths, for 405 answers. */
export function knownRoute(method: string, fullPath: string): KnownRoute {
  const re = fullPath
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return { method, regex: new RegExp(`^${re}/?$`) };
}

/** Unknown route under /api/v1 → 404; a known path with another method → 405 + Allow. */
export function apiNotFound(send: Send, routes: readonly KnownRoute[]) {
  return (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0].replace(/\/{2,}/g, '/');
    const allowed = [...new Set(routes.filter((r) => r.regex.test(path)).map((r) => r.method))];
    if (allowed.length && !allowed.includes(req.method)) {
      void reply.header('allow', allowed.join(', '));
      return send(req, reply, 405, `method ${req.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`);
    }
    return send(req, reply, 404, `no route for ${req.method} ${path}`);
  };
}
