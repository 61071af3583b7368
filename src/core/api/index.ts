import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { agentAdminRoutes } from './agent-admin';
import { agentStateRoutes } from './agent-state';
import { agentRoutes } from './agents';
import { scheduleRoutes } from './schedules';
import { attemptRoutes } from './attempts';
import { authenticate } from './auth';
import { HttpProblem } from '../http/problem';
import { createIdempotency } from './idempotency';
import { keyRoutes } from './keys';
import { addLint, lintGeneric, lintInfoOf, type LintInfo } from './lint';
import { notificationRoutes } from './notifications';
import { operationsOf, routeSchemas, SONZAI_DOC, toFastifyPath } from './openapi';
import { buildServedDoc, EXTENSION_OPERATIONS } from './served-doc';
import { API_BODY_LIMIT, apiErrorHandler, apiNotFound, knownRoute, problemSender, type KnownRoute } from './problems';
import { projectRoutes } from './projects';
import type { GroupCommit } from '../store/group-commit';
import type { RequestLog } from './request-log';
import type { ApiDeps, OperationHandlers } from './types';
import { createApiAjv, lazyCompile, once } from './validator';
import { wakeupRoutes } from './wakeups';
import { webhookRoutes } from './webhooks';
import { workbenchRoutes } from './workbench';

export const API_PREFIX = '/api/v1';

type ParserDone = (err: Error | null, body?: unknown) => void;

/**
 * Query parameters as production's Go server reads them: a repeated one counts once, its
 * first value (flagged as request lint); an empty one is absent; an integer must be
 * written as one (`1e3`, `0x10`, `5.0` → 422, where JSON-Schema coercion would take them).
 */
function normaliseQuery(req: FastifyRequest, info: LintInfo | undefined): void {
  const query = req.query as Record<string, unknown> | undefined;
  if (!query) return;
  for (const name in query) {
    let v = query[name];
    if (Array.isArray(v)) {
      v = query[name] = v[0];
      addLint(
        req,
        'repeated_query_parameter',
        `query parameter "${name}" is repeated; production uses its first value only`,
      );
    }
    if (v === '') {
      delete query[name];
      continue;
    }
    if (info?.integerQuery.has(name) && typeof v === 'string' && !/^[+-]?\d{1,18}$/.test(v)) {
      throw new HttpProblem(422, 'validation failed', [
        { location: `query.${name}`, message: 'expected integer', value: v.slice(0, 100) },
      ]);
    }
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Requests whose writes go through the group commit. */
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Operations whose body the handler validates itself (it accepts more than one shape). */
const BODY_IN_HANDLER = new Set(['scheduleWakeup', 'acknowledgeAllProjectNotifications', 'workbenchAdvanceTime']);
/** Query parameters documented on the seed pages though not in the OpenAPI document. */
const SEED_QUERY: Record<string, string[]> = {
  listDeliveryAttempts: ['limit', 'offset'],
  listDeliveryAttemptsForTenant: ['limit', 'offset'],
};

/**
 * Registers the mock Sonzai API under `/api/v1`: every operation of the published
 * document (schemas from the document itself), auth, idempotency, request log and lint,
 * Sonzai-style problem+json errors, 405 for known paths with another method.
 */
export function registerApi(app: FastifyInstance, deps: ApiDeps, log: RequestLog, commits: GroupCommit): void {
  const ajv = once(() => createApiAjv());
  const bodyAjv = once(() => createApiAjv(SONZAI_DOC, false));
  const idem = createIdempotency(deps.db, deps.clock);
  const handlers: OperationHandlers = {
    ...projectRoutes(deps),
    ...keyRoutes(deps),
    ...agentRoutes(deps),
    ...webhookRoutes(deps),
    ...attemptRoutes(deps),
    ...notificationRoutes(deps),
    ...wakeupRoutes(deps, bodyAjv),
    ...workbenchRoutes(deps),
    ...agentAdminRoutes(deps),
    ...agentStateRoutes(deps),
    ...scheduleRoutes(deps),
  };
  const ops = operationsOf(SONZAI_DOC);
  for (const op of EXTENSION_OPERATIONS) ops.set(op.operationId, op);
  const lintInfo = new Map(
    [...ops.values()].map((info) => [info.operationId, lintInfoOf(info, SEED_QUERY[info.operationId])]),
  );
  const missing = [...ops.keys()].filter((id) => !handlers[id]);
  if (missing.length) throw new Error(`mock API operations without a handler: ${missing.join(', ')}`);
  const servedDoc = buildServedDoc();
  const send = problemSender(deps.baseUrl);

  void app.register(
    async (api) => {
      api.setValidatorCompiler(({ schema, httpPart }) => lazyCompile(httpPart === 'body' ? bodyAjv : ajv, schema));
      api.setErrorHandler(apiErrorHandler(send));
      api.decorateRequest('api', null as never);
      api.removeAllContentTypeParsers();
      const jsonParser = api.getDefaultJsonParser('error', 'error');
      const parseJson = (req: FastifyRequest, body: string | Buffer, done: ParserDone) => {
        const text = String(body);
        req.api.rawBody = text;
        if (!text.trim()) return done(null, undefined);
        jsonParser(req, text, (err, parsed) => {
          // Valid JSON the parser refused anyway names __proto__ or constructor.prototype: an unknown property.
          if (err && isJson(text)) {
            return done(
              new HttpProblem(422, 'validation failed', [
                { location: 'body', message: 'unexpected property (__proto__ and constructor.prototype are refused)' },
              ]),
            );
          }
          done(err, parsed);
        });
      };
      const parserOptions = { parseAs: 'string' as const, bodyLimit: API_BODY_LIMIT };
      // As Huma (production): JSON and any `+json` type; a body without a Content-Type is read as JSON.
      for (const type of ['application/json', /^application\/[\w.-]+\+json$/]) {
        api.addContentTypeParser(type, parserOptions, (req, body, done) =>
          parseJson(req, body as unknown as string, done),
        );
      }
      api.addContentTypeParser('*', parserOptions, (req, body, done) => {
        if (req.headers['content-type'] === undefined) return parseJson(req, body as unknown as string, done);
        const err = Object.assign(new Error('unsupported media type'), {
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
          statusCode: 415,
        });
        done(err);
      });

      api.addHook('onRequest', async (req) => {
        const config = req.routeOptions.config;
        req.api = { started: performance.now(), lint: [], operationId: config?.operationId };
        if (!config?.public) authenticate(deps, req);
        normaliseQuery(req, config?.operationId ? lintInfo.get(config.operationId) : undefined);
      });
      api.addHook('preHandler', async (req, reply) => {
        const lint = req.api.operationId ? lintInfo.get(req.api.operationId) : undefined;
        if (lint) lintGeneric(req, lint);
        if (WRITE_METHODS.has(req.method)) {
          commits.join();
          req.api.grouped = true;
        }
        if (req.api.project && idem.check(req, reply)) return reply;
      });
      api.addHook('onSend', async (req, reply, payload) => {
        if (!req.api) return payload;
        req.api.responseBody =
          typeof payload === 'string' ? payload : payload === null || payload === undefined ? '' : '[stream]';
        idem.complete(req, reply, payload);
        // A write is answered once it is stored (its turn's group commit).
        if (req.api.grouped) await commits.committed();
        return payload;
      });
      api.addHook('onResponse', async (req, reply) => logRequest(log, deps, req, reply));
      api.addHook('onRequestAbort', async (req) => idem.abandon(req));

      const known: KnownRoute[] = [];
      for (const info of ops.values()) {
        const url = toFastifyPath(info.path);
        const schema = routeSchemas(info);
        if (BODY_IN_HANDLER.has(info.operationId)) delete schema.body;
        api.route({
          method: info.method as 'GET',
          url,
          schema,
          bodyLimit: API_BODY_LIMIT,
          config: { operationId: info.operationId },
          handler: (req: FastifyRequest, reply: FastifyReply) => handlers[info.operationId](req, reply),
        });
        known.push(knownRoute(info.method, `${API_PREFIX}${url}`));
        if (info.method === 'GET') known.push(knownRoute('HEAD', `${API_PREFIX}${url}`));
      }
      api.get('/openapi.json', { config: { public: true } }, async () => servedDoc);
      api.get('/schemas/:file', { config: { public: true } }, async (req, reply) => {
        const file = (req.params as { file: string }).file;
        const name = file.replace(/\.json$/, '');
        const schema = Object.prototype.hasOwnProperty.call(servedDoc.components.schemas, name)
          ? servedDoc.components.schemas[name]
          : undefined;
        if (!schema) return reply.callNotFound();
        return { $id: `${deps.baseUrl()}${API_PREFIX}/schemas/${name}.json`, ...schema };
      });
      known.push(knownRoute('GET', `${API_PREFIX}/openapi.json`), knownRoute('GET', `${API_PREFIX}/schemas/:file`));
      api.setNotFoundHandler(apiNotFound(send, known));
    },
    { prefix: API_PREFIX },
  );
}

/** Hands the answered request to the log: references and numbers only (the writer thread does the rest). */
function logRequest(log: RequestLog, deps: ApiDeps, req: FastifyRequest, reply: FastifyReply): void {
  const st = req.api;
  if (!st) return;
  log.capture({
    method: req.method,
    url: req.url,
    operationId: st.operationId ?? null,
    status: reply.statusCode,
    durationMs: performance.now() - st.started,
    projectId: st.project?.project_id ?? null,
    keyId: st.key?.key_id ?? null,
    rawHeaders: req.raw.rawHeaders,
    requestBody: st.rawBody ?? null,
    responseBody: st.responseBody ?? null,
    lint: st.lint,
    idempotentReplay: !!st.replayed,
    at: deps.realClock.now().getTime(),
  });
}
