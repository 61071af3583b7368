import { z } from 'zod';
import { NoParams } from './studio';

/** Limits of the tunnel, stated once (the core enforces them, docs quote them). */
export const TUNNEL_LIMITS = {
  /** Largest request body an inbox (or the relay) accepts; 413 beyond. */
  maxBodyBytes: 5 * 1024 * 1024,
  /** Most request headers an inbox accepts; 431 beyond. */
  maxHeaders: 200,
  /** Largest local response body recorded and returned; 502 beyond. */
  maxResponseBytes: 5 * 1024 * 1024,
  /** Captures kept in the store; older ones are pruned. */
  maxCaptures: 10_000,
  /** Longest configurable inbox response delay. */
  maxDelayMs: 60_000,
  /** Default and longest wait for a local target. */
  defaultForwardTimeoutMs: 10_000,
  maxForwardTimeoutMs: 120_000,
  /** Largest captures page. */
  maxPage: 500,
} as const;

export const INBOX_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const InboxName = z.string().regex(INBOX_NAME, 'letters, digits, _ . - (at most 64)');
const HttpUrl = z
  .string()
  .max(2000)
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s), 'an http(s) URL');

export const InboxSchema = z.object({
  name: z.string(),
  responseStatus: z.number().int(),
  responseBody: z.string(),
  responseContentType: z.string(),
  delayMs: z.number().int(),
  forwardTo: z.string().nullable(),
  forwardTimeoutMs: z.number().int(),
  updatedAt: z.string(),
});
export type Inbox = z.infer<typeof InboxSchema>;

/** What an inbox that was never configured answers (the core's defaults, shown as such in the UI). */
export const inboxDefaults = (name: string, updatedAt: string): Inbox => ({
  name,
  responseStatus: 200,
  responseBody: '',
  responseContentType: 'text/plain; charset=utf-8',
  delayMs: 0,
  forwardTo: null,
  forwardTimeoutMs: TUNNEL_LIMITS.defaultForwardTimeoutMs,
  updatedAt,
});

export const SignatureVerdictSchema = z.object({
  /** true ✓, false ✗, null when there was nothing to check against. */
  ok: z.boolean().nullable(),
  code: z.enum([
    'valid',
    'missing_header',
    'malformed_header',
    'no_v1',
    'no_secrets',
    'no_match',
    'rotated_secret',
    'timestamp_too_old',
    'timestamp_too_new',
    /** A OneInbox payload without a signature header: OneInbox documents no signature. */
    'oneinbox_unsigned',
  ]),
  message: z.string(),
  secretId: z.string().nullable(),
  webhookId: z.string().nullable(),
  eventType: z.string().nullable(),
  timestamp: z.number().nullable(),
  checkedSecrets: z.number().int(),
});
export type SignatureVerdict = z.infer<typeof SignatureVerdictSchema>;

export const HeaderPairs = z.array(z.tuple([z.string(), z.string()]));

export const CaptureSummarySchema = z.object({
  seq: z.number().int(),
  captureId: z.string(),
  inbox: z.string(),
  via: z.enum(['http', 'relay']),
  method: z.string(),
  path: z.string(),
  query: z.string(),
  contentType: z.string().nullable(),
  bodySize: z.number().int(),
  sourceAddress: z.string(),
  signature: SignatureVerdictSchema,
  forwardTo: z.string().nullable(),
  /** What the sender was answered. */
  responseStatus: z.number().int(),
  /** The local target's status (null when not forwarded or it failed). */
  forwardStatus: z.number().int().nullable(),
  forwardError: z.string().nullable(),
  durationMs: z.number().int(),
  receivedAt: z.string(),
});
export type CaptureSummary = z.infer<typeof CaptureSummarySchema>;

export const CaptureDetailSchema = CaptureSummarySchema.extend({
  headers: HeaderPairs,
  bodyBase64: z.string(),
  forwardHeaders: HeaderPairs.nullable(),
  forwardBodyBase64: z.string().nullable(),
  relayId: z.string().nullable(),
});
export type CaptureDetail = z.infer<typeof CaptureDetailSchema>;

export const ForwardResultSchema = z.object({
  url: z.string(),
  status: z.number().int().nullable(),
  headers: HeaderPairs,
  bodyBase64: z.string(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});
export type ForwardResult = z.infer<typeof ForwardResultSchema>;

export const RelayStatusSchema = z.object({
  state: z.enum(['off', 'connecting', 'connected', 'reconnecting', 'refused']),
  relayUrl: z.string().nullable(),
  channel: z.string().nullable(),
  /** The public URL senders post to. */
  channelUrl: z.string().nullable(),
  inbox: z.string().nullable(),
  rttMs: z.number().nullable(),
  /** Requests the relay still holds for this channel. */
  backlog: z.number().int(),
  relayed: z.number().int(),
  reconnects: z.number().int(),
  lastError: z.string().nullable(),
  since: z.string().nullable(),
});
export type RelayStatus = z.infer<typeof RelayStatusSchema>;

export const tunnelCommands = {
  'inboxes.list': { params: NoParams, result: z.array(InboxSchema) },
  'inboxes.configure': {
    params: z
      .object({
        name: InboxName,
        responseStatus: z.number().int().min(100).max(599).optional(),
        responseBody: z.string().max(65_536).optional(),
        responseContentType: z.string().min(1).max(200).optional(),
        delayMs: z.number().int().min(0).max(TUNNEL_LIMITS.maxDelayMs).optional(),
        forwardTo: HttpUrl.nullable().optional(),
        forwardTimeoutMs: z.number().int().min(100).max(TUNNEL_LIMITS.maxForwardTimeoutMs).optional(),
      })
      .strict(),
    result: InboxSchema,
  },
  'captures.list': {
    params: z
      .object({
        inbox: InboxName.optional(),
        limit: z.number().int().min(1).max(TUNNEL_LIMITS.maxPage).default(100),
        beforeSeq: z.number().int().optional(),
      })
      .strict()
      .default({ limit: 100 }),
    result: z.object({ captures: z.array(CaptureSummarySchema), hasMore: z.boolean() }),
  },
  'captures.get': { params: z.object({ captureId: z.string().min(1).max(100) }).strict(), result: CaptureDetailSchema },
  'captures.replay': {
    params: z
      .object({
        captureId: z.string().min(1).max(100),
        url: HttpUrl,
        timeoutMs: z.number().int().min(100).max(TUNNEL_LIMITS.maxForwardTimeoutMs).optional(),
      })
      .strict(),
    result: ForwardResultSchema,
  },
  'relay.connect': {
    params: z
      .object({
        url: HttpUrl,
        channel: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ - (at most 64)'),
        token: z.string().min(1).max(500),
        inbox: InboxName.default('dev'),
      })
      .strict(),
    result: RelayStatusSchema,
  },
  'relay.disconnect': { params: NoParams, result: RelayStatusSchema },
  'relay.status': { params: NoParams, result: RelayStatusSchema },
} as const;

export const tunnelEvents = {
  /** Every capture, once its response (or forward result) is known. */
  'capture.recorded': CaptureSummarySchema,
  'relay.status': RelayStatusSchema,
} as const;
