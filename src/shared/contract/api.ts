import { z } from 'zod';

/** A reason production's published schema would reject (or ignore part of) a request the mock served. */
export const LintNoteSchema = z.object({ code: z.string(), message: z.string() });
export type LintNote = z.infer<typeof LintNoteSchema>;

export const ProjectDtoSchema = z.object({
  projectId: z.string(),
  name: z.string(),
  environment: z.string(),
  businessName: z.string(),
  isDefault: z.boolean(),
  createdAt: z.string(),
});
export type ProjectDto = z.infer<typeof ProjectDtoSchema>;

export const ApiKeyDtoSchema = z.object({
  keyId: z.string(),
  projectId: z.string(),
  name: z.string(),
  /** The full `sk_...` key: the studio is local, so it can be copied again later. */
  secret: z.string(),
  keyPrefix: z.string(),
  isActive: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ApiKeyDto = z.infer<typeof ApiKeyDtoSchema>;

export const AgentDtoSchema = z.object({
  agentId: z.string(),
  projectId: z.string(),
  name: z.string(),
  language: z.string(),
  createdAt: z.string(),
});
export type AgentDto = z.infer<typeof AgentDtoSchema>;

export const WebhookDtoSchema = z.object({
  webhookId: z.string(),
  projectId: z.string(),
  eventType: z.string(),
  webhookUrl: z.string(),
  authHeader: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookDto = z.infer<typeof WebhookDtoSchema>;

export const ApiRequestSummarySchema = z.object({
  seq: z.number().int(),
  requestId: z.string(),
  method: z.string(),
  path: z.string(),
  query: z.string(),
  operationId: z.string().nullable(),
  status: z.number().int(),
  durationMs: z.number(),
  projectId: z.string().nullable(),
  lint: z.array(LintNoteSchema),
  idempotentReplay: z.boolean(),
  createdAt: z.string(),
});
export type ApiRequestSummary = z.infer<typeof ApiRequestSummarySchema>;

export const ApiRequestDetailSchema = ApiRequestSummarySchema.extend({
  requestHeaders: z.record(z.string(), z.string()),
  requestBody: z.string().nullable(),
  requestBodyTruncated: z.boolean(),
  responseBody: z.string().nullable(),
  responseBodyTruncated: z.boolean(),
});
export type ApiRequestDetail = z.infer<typeof ApiRequestDetailSchema>;

/** Max event type length, as the mock enforces it. */
export const MAX_EVENT_TYPE_LENGTH = 128;
/** Max webhook URL length. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

const projectId = z.string().min(1).max(200);
const eventType = z.string().min(1).max(MAX_EVENT_TYPE_LENGTH);
const name = z.string().trim().min(1).max(200);

export const apiCommands = {
  'projects.list': {
    params: z.object({}).strict().default({}),
    result: z.object({ projects: z.array(ProjectDtoSchema) }),
  },
  'projects.create': {
    params: z.object({ name, environment: z.string().max(50).optional() }).strict(),
    result: ProjectDtoSchema,
  },
  'projects.update': {
    params: z
      .object({
        projectId,
        name: name.optional(),
        environment: z.string().max(50).optional(),
        businessName: z.string().max(200).optional(),
      })
      .strict(),
    result: ProjectDtoSchema,
  },
  'projects.delete': { params: z.object({ projectId }).strict(), result: z.object({ deleted: z.boolean() }) },
  'keys.list': { params: z.object({ projectId }).strict(), result: z.object({ keys: z.array(ApiKeyDtoSchema) }) },
  'keys.create': { params: z.object({ projectId, name: name.optional() }).strict(), result: ApiKeyDtoSchema },
  'keys.revoke': {
    params: z.object({ keyId: z.string().min(1).max(200) }).strict(),
    result: z.object({ revoked: z.boolean() }),
  },
  'agents.list': { params: z.object({ projectId }).strict(), result: z.object({ agents: z.array(AgentDtoSchema) }) },
  'agents.create': {
    params: z.object({ projectId, name, language: z.string().max(20).optional() }).strict(),
    result: AgentDtoSchema,
  },
  'agents.delete': {
    params: z.object({ agentId: z.string().min(1).max(200) }).strict(),
    result: z.object({ deleted: z.boolean() }),
  },
  'webhooks.list': {
    params: z.object({ projectId }).strict(),
    result: z.object({ webhooks: z.array(WebhookDtoSchema) }),
  },
  'webhooks.upsert': {
    params: z
      .object({
        projectId,
        eventType,
        webhookUrl: z.string().min(1).max(MAX_WEBHOOK_URL_LENGTH),
        authHeader: z.string().max(4096).nullable().optional(),
      })
      .strict(),
    result: z.object({ webhook: WebhookDtoSchema, created: z.boolean(), signingSecret: z.string().optional() }),
  },
  'webhooks.delete': {
    params: z.object({ projectId, eventType }).strict(),
    result: z.object({ deleted: z.boolean() }),
  },
  'webhooks.setActive': {
    params: z.object({ projectId, eventType, active: z.boolean() }).strict(),
    result: WebhookDtoSchema,
  },
  'webhooks.revealSecret': {
    params: z.object({ projectId, eventType }).strict(),
    result: z.object({ secret: z.string(), createdAt: z.string() }),
  },
  'webhooks.rotate': { params: z.object({ projectId, eventType }).strict(), result: z.object({ secret: z.string() }) },
  'requestLog.list': {
    params: z
      .object({
        method: z.string().max(10).optional(),
        /** An exact status (404) or a class ('2xx', '4xx', '5xx'). */
        status: z.union([z.number().int().min(100).max(599), z.enum(['2xx', '3xx', '4xx', '5xx'])]).optional(),
        /** Substring of the path. */
        path: z.string().max(500).optional(),
        lintOnly: z.boolean().optional(),
        /** Only rows older than this seq (paging back). */
        beforeSeq: z.number().int().optional(),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict()
      .default({ limit: 200 }),
    result: z.object({ requests: z.array(ApiRequestSummarySchema) }),
  },
  'requestLog.get': { params: z.object({ seq: z.number().int() }).strict(), result: ApiRequestDetailSchema },
  'requestLog.clear': { params: z.object({}).strict().default({}), result: z.object({ cleared: z.number().int() }) },
} as const;

export const apiEvents = {
  /** Every request the mock API answered, as soon as it is logged. */
  'apiRequest.logged': ApiRequestSummarySchema,
  /** The webhooks of a project changed (through the API or the UI). */
  'webhooks.changed': z.object({ projectId: z.string() }),
} as const;
