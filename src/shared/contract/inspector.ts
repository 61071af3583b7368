import { z } from 'zod';
import { AttemptSummarySchema } from './attempts';

import { INSPECTOR_LIMITS } from './limits';
export { INSPECTOR_LIMITS };

export const CODE_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx', 'none'] as const;
export type CodeClass = (typeof CODE_CLASSES)[number];

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 time');

/** Every filter of the deliveries view; each one is answered by an index (migration 008). */
export const AttemptFilterSchema = z
  .object({
    eventType: z.string().min(1).max(200).optional(),
    status: z.enum(['success', 'failed']).optional(),
    codeClass: z.enum(CODE_CLASSES).optional(),
    webhookUrl: z.string().min(1).max(2000).optional(),
    kind: z.enum(['delivery', 'retry', 'replay']).optional(),
    /** Sonzai's or OneInbox's attempts only. */
    platform: z.enum(['sonzai', 'oneinbox']).optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    text: z.string().min(INSPECTOR_LIMITS.textMinChars).max(INSPECTOR_LIMITS.textMaxChars).optional(),
  })
  .strict();
export type AttemptFilter = z.infer<typeof AttemptFilterSchema>;

export const AttemptPageSchema = z.object({
  attempts: z.array(AttemptSummarySchema),
  /** Pass back as `cursor` for the next (older) page; null at the end. */
  nextCursor: z.number().int().nullable(),
});
export type AttemptPage = z.infer<typeof AttemptPageSchema>;

const HeadersSchema = z.record(z.string(), z.string());

export const AttemptDetailSchema = z.object({
  summary: AttemptSummarySchema,
  webhookId: z.string().nullable(),
  request: z.object({
    method: z.literal('POST'),
    url: z.string(),
    headers: HeadersSchema,
    bodyText: z.string(),
    bodyBase64: z.string(),
    bodyBytes: z.number().int(),
    /** Pretty-printed JSON, or null when the body is not JSON. */
    bodyPretty: z.string().nullable(),
    isUtf8: z.boolean(),
  }),
  response: z.object({
    status: z.number().int(),
    headers: HeadersSchema.nullable(),
    body: z.string().nullable(),
    bodyPretty: z.string().nullable(),
    truncated: z.boolean(),
  }),
  signature: z.object({
    header: z.string().nullable(),
    signedAt: z.number().int().nullable(),
    secretIds: z.array(z.string()),
  }),
  /** Every try, retry and replay of the same delivery, oldest first (this one included). */
  timeline: z.array(AttemptSummarySchema),
});
export type AttemptDetail = z.infer<typeof AttemptDetailSchema>;

export const ReplayParamsSchema = z
  .object({
    attemptId: z.string().min(1).max(100),
    to: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    body: z.string().max(INSPECTOR_LIMITS.replayBodyMaxBytes).optional(),
  })
  .strict();

export const BulkReplayProgressSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'cancelled']),
  total: z.number().int(),
  done: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  errors: z.number().int(),
  /** The last few problems, e.g. "att_123: webhook deleted". */
  lastErrors: z.array(z.string()),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type BulkReplayProgress = z.infer<typeof BulkReplayProgressSchema>;

/** What a bulk replay would send, shown before it starts. */
export const BulkReplayPlanSchema = z.object({
  total: z.number().int(),
  /** Failing deliveries left out because their automatic retry is still scheduled. */
  skippedScheduled: z.number().int(),
  /** Where the replays go, most first (at most 20 URLs). */
  urls: z.array(z.object({ url: z.string(), count: z.number().int() })),
});
export type BulkReplayPlan = z.infer<typeof BulkReplayPlanSchema>;

export const ExportParamsSchema = z
  .object({
    format: z.enum(['har', 'json', 'curl']),
    ids: z.array(z.string().min(1).max(100)).max(INSPECTOR_LIMITS.exportMax).optional(),
    filter: AttemptFilterSchema.optional(),
    limit: z.number().int().min(1).max(INSPECTOR_LIMITS.exportMax).optional(),
  })
  .strict();

export const ExportResultSchema = z.object({
  format: z.enum(['har', 'json', 'curl']),
  filename: z.string(),
  mimeType: z.string(),
  count: z.number().int(),
  content: z.string(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const SignatureInspectionSchema = z.object({
  attemptId: z.string(),
  header: z.string().nullable(),
  timestamp: z.number().int().nullable(),
  signedAt: z.string().nullable(),
  signedString: z.string(),
  /** One row per secret that signed it (two during a rotation overlap). */
  signers: z.array(
    z.object({
      secretId: z.string(),
      secretMasked: z.string().nullable(),
      state: z.enum(['current', 'rotated', 'unknown']),
      rotatedAt: z.string().nullable(),
      computedHmac: z.string().nullable(),
      inHeader: z.boolean(),
    }),
  ),
  current: z.object({
    ok: z.boolean(),
    secretId: z.string().nullable(),
    computedHmac: z.string().nullable(),
    reason: z.string(),
  }),
});
export type SignatureInspection = z.infer<typeof SignatureInspectionSchema>;

export const DIAGNOSIS_REASONS = [
  'valid',
  'missing_header',
  'malformed_header',
  'no_v1',
  'timestamp_too_old',
  'timestamp_too_new',
  'reserialised',
  'body_changed',
  'wrong_secret',
  'rotated_secret',
  'prefix_not_stripped',
  'key_base64_decoded',
  'mismatch',
] as const;
export type DiagnosisReason = (typeof DIAGNOSIS_REASONS)[number];

/** How a re-serialised body differs from the bytes that were signed. */
export const RESERIALISATIONS = [
  'whitespace',
  'key order',
  'unicode escaping',
  'string escaping',
  'number formatting',
] as const;

/** What is wrong with a malformed header (`uppercase_hex`: the HMAC is right but not lowercase). */
export const HEADER_PROBLEMS = ['not_key_value', 'bad_timestamp', 'no_timestamp', 'no_v1', 'uppercase_hex'] as const;

/** Where a changed body first differs: a JSON value, an array's length, a key, or (not JSON) a byte. */
export const BODY_CHANGES = ['value', 'array_length', 'key_removed', 'key_added', 'bytes'] as const;

/**
 * The specifics of a diagnosis as data, so a UI can say them in its own language (`message` and
 * `notes` stay the studio's English, as the CLI and the API give them). Each reason fills the
 * fields it speaks of; every field is optional.
 */
export const DiagnosisFactsSchema = z.object({
  /** The signature header's name (`Sonzai-Signature`). */
  header: z.string().optional(),
  headerProblem: z.enum(HEADER_PROBLEMS).optional(),
  /** The offending `key=value` part, or the `t=` value that is not unix seconds. */
  headerPart: z.string().optional(),
  /** The header looks like a Standard Webhooks / Svix one (`v1,<base64>`). */
  looksLikeSvix: z.boolean().optional(),
  /** A `v1=` value is not 64 lowercase hex characters. */
  v1NotHex: z.boolean().optional(),
  /** The verifier's clock minus the header's `t`, in seconds (negative: in the future). */
  skewSeconds: z.number().int().optional(),
  toleranceSeconds: z.number().int().optional(),
  reserialisedHow: z.array(z.enum(RESERIALISATIONS)).optional(),
  signedBytes: z.number().int().optional(),
  verifyingBytes: z.number().int().optional(),
  bodyChange: z.enum(BODY_CHANGES).optional(),
  /** The JSON path of the first difference (`$.data.n`). */
  path: z.string().optional(),
  /** A changed value before and after, as JSON text (shortened past 60 characters). */
  before: z.string().optional(),
  after: z.string().optional(),
  beforeLength: z.number().int().optional(),
  afterLength: z.number().int().optional(),
  /** The first different byte of a body that is not JSON. */
  offset: z.number().int().optional(),
  /** The other known secret that signed it, masked (`whsec_ab…yz`). */
  secret: z.string().optional(),
  secretRotatedAt: z.string().optional(),
  /** The event type of that secret's webhook, when the caller knows it. */
  eventType: z.string().optional(),
  /** The body is exactly the bytes the studio sent with this header. */
  sameBytes: z.boolean().optional(),
});
export type DiagnosisFacts = z.infer<typeof DiagnosisFactsSchema>;

export const DiagnosisSchema = z.object({
  ok: z.boolean(),
  reason: z.enum(DIAGNOSIS_REASONS),
  /** One sentence a developer can act on. */
  message: z.string(),
  /** Extra facts: what matched, by how much, where the bodies differ. */
  notes: z.array(z.string()),
  timestamp: z.number().int().nullable(),
  expectedHmac: z.string().nullable(),
  receivedHmacs: z.array(z.string()),
  /** The specifics of `message` and `notes` as data, for a UI in another language. */
  facts: DiagnosisFactsSchema.optional(),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

export const StatsSchema = z.object({
  window: z.enum(['1h', '24h', '7d']),
  bucketSeconds: z.number().int(),
  overTime: z.array(z.object({ t: z.string(), success: z.number().int(), failed: z.number().int() })),
  latency: z.array(
    z.object({
      webhookUrl: z.string(),
      count: z.number().int(),
      p50: z.number(),
      p95: z.number(),
      max: z.number(),
      histogram: z.array(z.object({ le: z.string(), count: z.number().int() })),
    }),
  ),
});
export type Stats = z.infer<typeof StatsSchema>;

export const inspectorCommands = {
  'attempts.list': {
    params: z
      .object({
        filter: AttemptFilterSchema.default({}),
        cursor: z.number().int().min(0).nullable().optional(),
        limit: z.number().int().min(1).max(INSPECTOR_LIMITS.pageSizeMax).default(INSPECTOR_LIMITS.pageSizeDefault),
      })
      .strict(),
    result: AttemptPageSchema,
  },
  'attempts.get': { params: z.object({ attemptId: z.string().min(1).max(100) }).strict(), result: AttemptDetailSchema },
  'attempts.replay': { params: ReplayParamsSchema, result: z.object({ attemptId: z.string() }) },
  'attempts.bulkReplay.preview': {
    params: z
      .object({ filter: AttemptFilterSchema.default({}), includeScheduled: z.boolean().default(false) })
      .strict(),
    result: BulkReplayPlanSchema,
  },
  /** Skips deliveries whose automatic retry is still scheduled unless `includeScheduled`. */
  'attempts.bulkReplay.start': {
    params: z
      .object({ filter: AttemptFilterSchema.default({}), includeScheduled: z.boolean().default(false) })
      .strict(),
    result: BulkReplayProgressSchema,
  },
  'attempts.bulkReplay.cancel': {
    params: z.object({ jobId: z.string().min(1).max(100) }).strict(),
    result: BulkReplayProgressSchema,
  },
  'attempts.export': { params: ExportParamsSchema, result: ExportResultSchema },
  'attempts.recentTargets': {
    params: z.object({}).strict().default({}),
    result: z.object({
      targets: z.array(z.object({ url: z.string(), local: z.boolean(), count: z.number().int(), lastAt: z.string() })),
    }),
  },
  'attempts.stats': {
    params: z
      .object({ window: z.enum(['1h', '24h', '7d']).default('1h') })
      .strict()
      .default({ window: '1h' }),
    result: StatsSchema,
  },
  'signature.inspect': {
    params: z.object({ attemptId: z.string().min(1).max(100) }).strict(),
    result: SignatureInspectionSchema,
  },
  'signature.diagnose': {
    params: z
      .object({
        body: z.string().max(INSPECTOR_LIMITS.diagnoseBodyMaxBytes),
        header: z.string().max(4096),
        secret: z.string().min(1).max(512).optional(),
        webhookId: z.string().min(1).max(100).optional(),
        toleranceSeconds: z.number().int().min(0).max(315_360_000).optional(),
      })
      .strict()
      .refine((p) => p.secret !== undefined || p.webhookId !== undefined, 'give a secret or a webhookId'),
    result: DiagnosisSchema,
  },
  /** Webhooks to pick in the verify panel (their current secret is used, never sent to the UI). */
  'signature.webhooks': {
    params: z.object({}).strict().default({}),
    result: z.object({
      webhooks: z.array(
        z.object({ webhookId: z.string(), projectId: z.string(), eventType: z.string(), webhookUrl: z.string() }),
      ),
    }),
  },
  'signature.snippets': {
    params: z.object({}).strict().default({}),
    result: z.object({
      snippets: z.array(
        z.object({ language: z.enum(['node', 'python', 'go']), filename: z.string(), code: z.string() }),
      ),
    }),
  },
} as const;

export const inspectorEvents = {
  'bulkReplay.progress': BulkReplayProgressSchema,
} as const;
