import { timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  CreateWebhookBodySchema,
  ONEINBOX_LIMITS,
  StartCallBodySchema,
  UpdateWebhookBodySchema,
} from '../../../shared/contract/oneinbox';
import { StudioError } from '../../../shared/errors';
import { HttpProblem, problem, storageProblem, type FieldError } from '../../http/problem';
import type { CallRow, OneInboxRepo, WebhookRow } from './repo';
import type { OneInboxService } from './service';
import type { RequestLog } from '../../api/request-log';
import type { Clock } from '../../deps';
import { logOneInboxRequests } from './request-log-hooks';

export const ONEINBOX_PREFIX = '/v1';
/** Largest request body the OneInbox routes read. */
export const ONEINBOX_BODY_LIMIT = 64 * 1024;

/** The routes and their methods, for 405 answers (a known path with another method). */
const KNOWN: [RegExp, string[]][] = [
  [/^\/v1\/webhooks\/?$/, ['GET', 'HEAD', 'POST']],
  [/^\/v1\/webhooks\/[^/]+\/?$/, ['GET', 'HEAD', 'PATCH', 'DELETE']],
  [/^\/v1\/webhooks\/[^/]+\/test\/?$/, ['POST']],
  [/^\/v1\/webhooks\/[^/]+\/deliveries\/?$/, ['GET', 'HEAD']],
  [/^\/v1\/calls\/?$/, ['POST']],
  [/^\/v1\/calls\/[^/]+\/?$/, ['GET', 'HEAD']],
];

/** The webhook as the docs show it (`POST` answers exactly these four fields). */
const created = (w: WebhookRow) => ({ id: w.webhook_id, name: w.name, url: w.url, events: w.events });
/** Listed and updated webhooks add the documented `status` and when they were made. */
const listed = (w: WebhookRow) => ({ ...created(w), status: w.status, created_at: w.created_at });

/** A call's current state (the docs name `GET /v1/calls/<id>` but show no body: this is the studio's shape). */
export function callBody(c: CallRow) {
  return {
    id: c.call_id,
    agent_id: c.agent_id,
    to_number: c.to_number,
    from_number: c.from_number,
    status: c.status,
    webhook_url: c.webhook_url,
    created_at: c.created_at,
    started_at: c.started_at,
    ended_at: c.ended_at,
    duration_seconds: c.duration_seconds,
    outcome: c.outcome,
    ai_summary: c.ai_summary,
    analysis: c.ai_summary ? { summary: c.ai_summary } : null,
    reason: c.reason,
    recording_url: c.recording_url,
    messages: c.transcript,
  };
}

function fieldErrors(err: z.ZodError, where: string, input: unknown): FieldError[] {
  return err.issues.slice(0, 20).map((i) => {
    let value: unknown = input;
    for (const k of i.path)
      value =
        value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined;
    const path = i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
    const message =
      i.code === 'unrecognized_keys'
        ? `unknown field${i.keys.length > 1 ? 's' : ''}: ${i.keys.join(', ')}`
        : i.code === 'invalid_value' && i.path.length > 0 && i.path[0] === 'events'
          ? `unknown event type; one of ${(i.values as string[]).join(', ')}`
          : i.message;
    return { location: `${where}${path}`, message, ...(value !== undefined ? { value } : {}) };
  });
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body))
    throw new HttpProblem(422, 'the request body must be a JSON object', [
      { location: 'body', message: 'expected object' },
    ]);
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpProblem(422, 'validation failed', fieldErrors(r.error, 'body', body));
  return r.data;
}

function idParam(req: FastifyRequest, name = 'id'): string {
  const v = (req.params as Record<string, string>)[name] ?? '';
  if (v.length > 100)
    throw new HttpProblem(404, `${name} not found`, [{ location: `path.${name}`, message: 'too long' }]);
  return v;
}

/**
 * `Authorization: Bearer <api_key>` with the OneInbox account's key (not a Sonzai key).
 * Missing, malformed or wrong → 401. Never echoes the key.
 */
function authenticate(repo: OneInboxRepo, req: FastifyRequest): void {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !header.trim())
    throw new HttpProblem(401, 'missing API key: send Authorization: Bearer <api_key>');
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new HttpProblem(401, 'malformed Authorization header: expected Bearer <api_key>');
  const given = Buffer.from(m[1]!, 'utf8');
  const expected = Buffer.from(repo.apiKey(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new HttpProblem(401, 'invalid API key');
}

/**
 * The mock OneInbox API under `/v1` (beside Sonzai's `/api/v1`). Errors are RFC 9457
 * problem+json, the studio's one error shape (the docs show none): `status`, `title`,
 * `detail`, `errors[]` with a `location` per bad field, and `error` / `message` repeating
 * `detail` for clients that read those.
 */
export function registerOneInboxRoutes(
  app: FastifyInstance,
  repo: OneInboxRepo,
  svc: OneInboxService,
  logging?: { log: RequestLog; clock: Clock },
): void {
  void app.register(
    async (api) => {
      api.setErrorHandler((err: FastifyError | HttpProblem | StudioError, req, reply) => {
        const instance = req.url.split('?')[0]!.slice(0, 300);
        let status = 500;
        let detail = err.message;
        let errors: FieldError[] | undefined;
        if (err instanceof HttpProblem) {
          status = err.status;
          errors = err.errors;
        } else if (err instanceof StudioError) {
          status = err.code === 'not_found' ? 404 : err.code === 'conflict' ? 409 : 422;
        } else {
          const code = (err as FastifyError).code;
          status = (err as FastifyError).statusCode ?? 500;
          if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') status = 415;
          if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
            detail = `request body is larger than the limit of ${ONEINBOX_BODY_LIMIT} bytes`;
        }
        if (!Number.isInteger(status) || status < 400 || status > 599) status = 500;
        const disk = storageProblem(err);
        if (disk) ({ status, detail } = disk);
        else if (status >= 500) detail = 'internal error in the studio (a bug: please report it)';
        void reply
          .code(status)
          .type('application/problem+json')
          .send(problem(status, detail, { instance, errors }));
      });
      api.setNotFoundHandler((req, reply) => {
        const path = req.url.split('?')[0]!.slice(0, 300);
        const allow = KNOWN.find(([re]) => re.test(path))?.[1];
        if (allow) {
          void reply
            .code(405)
            .header('Allow', allow.join(', '))
            .type('application/problem+json')
            .send(problem(405, `${req.method} is not allowed on ${path}; use ${allow.join(', ')}`, { instance: path }));
          return;
        }
        void reply
          .code(404)
          .type('application/problem+json')
          .send(problem(404, `no route for ${req.method} ${path}`, { instance: path }));
      });
      // JSON only (and any +json type); anything else is 415. Prototype keys are refused (400).
      api.removeAllContentTypeParsers();
      const logged = logging ? logOneInboxRequests(api, logging.log, logging.clock) : null;
      const jsonParser = api.getDefaultJsonParser('error', 'error');
      for (const type of ['application/json', /^application\/[\w.-]+\+json$/])
        api.addContentTypeParser(type, { parseAs: 'string', bodyLimit: ONEINBOX_BODY_LIMIT }, (req, body, done) => {
          const text = String(body);
          logged?.keepBody(req, text);
          jsonParser(req, text, done);
        });
      api.addHook('onRequest', async (req) => authenticate(repo, req));

      const opts = { bodyLimit: ONEINBOX_BODY_LIMIT };
      api.post('/webhooks', opts, async (req, reply) => {
        const b = parse(CreateWebhookBodySchema, req.body);
        return reply.code(201).send(created(svc.createWebhook(b)));
      });
      api.get('/webhooks', async () => ({ data: svc.listWebhooks().map(listed) }));
      api.get('/webhooks/:id', async (req) => listed(svc.mustWebhook(idParam(req))));
      api.patch('/webhooks/:id', opts, async (req) => {
        const id = idParam(req);
        svc.mustWebhook(id);
        return listed(svc.updateWebhook(id, parse(UpdateWebhookBodySchema, req.body)));
      });
      api.delete('/webhooks/:id', async (req) => {
        const id = idParam(req);
        svc.deleteWebhook(id);
        return { id, deleted: true };
      });
      api.post('/webhooks/:id/test', async (req) => {
        const { row, payload } = await svc.testWebhook(idParam(req));
        return {
          success: row.status === 'success',
          event: payload.event,
          url: row.webhook_url,
          response_status: row.response_code || null,
          response_body: row.response_body,
          error: row.error_message,
        };
      });
      api.get('/webhooks/:id/deliveries', async (req) => {
        const id = idParam(req);
        svc.mustWebhook(id);
        const raw = (req.query as Record<string, unknown>).limit;
        const text = Array.isArray(raw) ? raw[0] : raw;
        let limit: number = ONEINBOX_LIMITS.deliveriesDefault;
        if (text !== undefined && text !== '') {
          if (typeof text !== 'string' || !/^\d{1,6}$/.test(text) || +text < 1 || +text > ONEINBOX_LIMITS.deliveriesMax)
            throw new HttpProblem(422, 'validation failed', [
              {
                location: 'query.limit',
                message: `expected an integer from 1 to ${ONEINBOX_LIMITS.deliveriesMax}`,
                value: String(text).slice(0, 100),
              },
            ]);
          limit = Number(text);
        }
        return {
          data: repo.deliveries(id, limit).map((a) => ({
            id: a.attempt_id,
            event: a.event_type,
            url: a.webhook_url,
            attempt: a.attempt_number,
            test: (a.injected_json ?? '').includes('"test"'),
            success: a.status === 'success',
            response_status: a.response_code || null,
            response_body: a.response_body,
            error: a.error_message,
            duration_ms: a.duration_ms,
            created_at: a.created_at,
          })),
        };
      });
      api.post('/calls', opts, async (req, reply) => {
        const b = parse(StartCallBodySchema, req.body);
        const call = svc.startCall({
          agentId: b.agent_id,
          toNumber: b.to_number,
          fromNumber: b.from_number,
          webhookUrl: b.webhook_url ?? null,
        });
        return reply.code(201).send(callBody(call));
      });
      api.get('/calls/:id', async (req) => {
        const id = idParam(req);
        const c = svc.call(id);
        if (!c)
          throw new HttpProblem(404, `call ${id} not found`, [
            { location: 'path.id', message: 'not found', value: id },
          ]);
        return callBody(c);
      });
    },
    { prefix: ONEINBOX_PREFIX },
  );
}
