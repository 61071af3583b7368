import { z } from 'zod';

/**
 * OneInbox, the second platform the studio mocks (a voice-call agent platform). Its API is
 * served beside Sonzai's under `/v1`; these are the UI's and the CLI's commands for it.
 */
export const ONEINBOX_EVENT_TYPES = [
  'call.started',
  'call.ended',
  'call.analyzed',
  'call.failed',
  'call.recording.available',
  'transcript.partial',
  'transcript.final',
] as const;
export const OneInboxEventTypeSchema = z.enum(ONEINBOX_EVENT_TYPES);
export type OneInboxEventType = z.infer<typeof OneInboxEventTypeSchema>;

export const ONEINBOX_LIMITS = {
  nameMax: 200,
  urlMax: 2000,
  numberMax: 32,
  agentIdMax: 100,
  deliveriesDefault: 50,
  deliveriesMax: 500,
  busyAfternoonCalls: 6,
} as const;

const httpUrl = z
  .string()
  .max(ONEINBOX_LIMITS.urlMax)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

/** Phone numbers as the docs write them: E.164 (`+` and 6–15 digits). */
const phone = z.string().regex(/^\+[1-9]\d{5,14}$/, 'must be an E.164 phone number such as +15739693824');

/** A request header the user chose to send with every OneInbox delivery (OneInbox documents none). */
export const OneInboxAuthHeaderSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name'),
    value: z
      .string()
      .min(1)
      .max(1000)
      .regex(/^[\t\x20-\x7e]*$/, 'must be printable ASCII'),
  })
  .strict();

export const OneInboxSettingsSchema = z.object({
  /** A receiver must answer 2xx within this many ms (the docs say "a few seconds"). */
  timeoutMs: z.number().int().min(100).max(120_000).default(5_000),
  /**
   * A call's own `webhook_url` receives its events `instead` of the global webhooks (the
   * studio's default reading of the docs) or `also` as well as them.
   */
  perCallOverride: z.enum(['instead', 'also']).default('instead'),
  /** Off by default: OneInbox documents no signature or auth header. */
  authHeader: OneInboxAuthHeaderSchema.nullable().default(null),
});
export type OneInboxSettings = z.infer<typeof OneInboxSettingsSchema>;

export const OneInboxWebhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  status: z.enum(['active', 'inactive']),
  /** Events that happened while it was inactive: dropped, not held for later. */
  skippedWhileInactive: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OneInboxWebhook = z.infer<typeof OneInboxWebhookSchema>;

export const OneInboxCallSchema = z.object({
  id: z.string(),
  agentId: z.string(),
  toNumber: z.string(),
  fromNumber: z.string(),
  webhookUrl: z.string().nullable(),
  language: z.string(),
  status: z.enum(['ringing', 'in-progress', 'completed', 'failed']),
  outcome: z.string().nullable(),
  reason: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  aiSummary: z.string().nullable(),
  recordingUrl: z.string().nullable(),
  transcript: z.array(z.object({ role: z.enum(['agent', 'user']), content: z.string() })),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type OneInboxCall = z.infer<typeof OneInboxCallSchema>;

/** Bodies of the mock API (`/v1/...`), shared by the routes and the commands. */
export const CreateWebhookBodySchema = z
  .object({
    name: z.string().min(1).max(ONEINBOX_LIMITS.nameMax),
    url: httpUrl,
    events: z.array(OneInboxEventTypeSchema).min(1).max(ONEINBOX_EVENT_TYPES.length),
  })
  .strict();
export const UpdateWebhookBodySchema = z
  .object({
    name: z.string().min(1).max(ONEINBOX_LIMITS.nameMax).optional(),
    url: httpUrl.optional(),
    events: z.array(OneInboxEventTypeSchema).min(1).max(ONEINBOX_EVENT_TYPES.length).optional(),
    status: z.enum(['active', 'inactive']).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'send at least one of name, url, events, status');
export const StartCallBodySchema = z
  .object({
    agent_id: z.string().min(1).max(ONEINBOX_LIMITS.agentIdMax),
    to_number: phone,
    from_number: phone,
    webhook_url: httpUrl.optional(),
  })
  .strict();

const TestResultSchema = z.object({
  attemptId: z.string(),
  responseStatus: z.number().int(),
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
});

const NoParams = z.object({}).strict().default({});

export const oneInboxCommands = {
  'oneinbox.status': {
    params: NoParams,
    result: z.object({
      baseUrl: z.string(),
      apiKey: z.string(),
      settings: OneInboxSettingsSchema,
      eventTypes: z.array(z.string()),
    }),
  },
  'oneinbox.settings.set': {
    params: z.object({ patch: OneInboxSettingsSchema.partial().strict() }).strict(),
    result: OneInboxSettingsSchema,
  },
  'oneinbox.webhooks.list': { params: NoParams, result: z.object({ webhooks: z.array(OneInboxWebhookSchema) }) },
  'oneinbox.webhooks.create': { params: CreateWebhookBodySchema, result: OneInboxWebhookSchema },
  'oneinbox.webhooks.update': {
    params: z
      .object({
        id: z.string().min(1).max(100),
        name: z.string().min(1).max(ONEINBOX_LIMITS.nameMax).optional(),
        url: httpUrl.optional(),
        events: z.array(OneInboxEventTypeSchema).min(1).max(ONEINBOX_EVENT_TYPES.length).optional(),
        status: z.enum(['active', 'inactive']).optional(),
      })
      .strict(),
    result: OneInboxWebhookSchema,
  },
  'oneinbox.webhooks.delete': {
    params: z.object({ id: z.string().min(1).max(100) }).strict(),
    result: z.object({ id: z.string(), deleted: z.literal(true) }),
  },
  'oneinbox.webhooks.test': { params: z.object({ id: z.string().min(1).max(100) }).strict(), result: TestResultSchema },
  'oneinbox.calls.start': {
    params: z
      .object({
        agentId: z.string().min(1).max(ONEINBOX_LIMITS.agentIdMax).default('agt_studio'),
        toNumber: phone,
        fromNumber: phone,
        webhookUrl: httpUrl.optional(),
        language: z.enum(['en', 'ja', 'zh']).optional(),
        /** Make it fail with this reason instead of connecting. */
        fail: z.enum(['no-answer', 'busy']).optional(),
      })
      .strict(),
    result: OneInboxCallSchema,
  },
  'oneinbox.calls.list': { params: NoParams, result: z.object({ calls: z.array(OneInboxCallSchema) }) },
  'oneinbox.trigger': {
    params: z
      .object({ eventType: OneInboxEventTypeSchema, seed: z.union([z.string().max(200), z.number()]).optional() })
      .strict(),
    result: z.object({
      eventId: z.string(),
      eventType: z.string(),
      body: z.string(),
      deliveries: z.array(z.object({ deliveryId: z.string(), webhookId: z.string(), webhookUrl: z.string() })),
    }),
  },
  'oneinbox.scenario.busyAfternoon': {
    params: z
      .object({ seed: z.union([z.string().max(200), z.number()]).optional() })
      .strict()
      .default({}),
    result: z.object({ calls: z.array(OneInboxCallSchema) }),
  },
} as const;

export const oneInboxEvents = {
  /** OneInbox webhooks, calls or settings changed (the UI refetches). */
  'oneinbox.changed': z.object({ what: z.enum(['webhooks', 'calls', 'settings']) }),
} as const;
