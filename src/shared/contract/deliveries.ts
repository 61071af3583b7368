import { z } from 'zod';
import { AttemptSummarySchema } from './attempts';
import { AttemptFilterSchema } from './inspector';
import { INSPECTOR_LIMITS } from './limits';

/**
 * Deliveries as the unit (one event to one webhook): their final state, attempts so far and
 * next retry, read from the `deliveries` table; the attempt view stays in `inspector.ts`.
 */

/** What happened to a delivery, in words a user reads (the store's status, mapped). */
export const DELIVERY_STATES = ['scheduled', 'sending', 'retrying', 'delivered', 'failed', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const DeliverySummarySchema = z.object({
  seq: z.number().int(),
  deliveryId: z.string(),
  eventId: z.string(),
  projectId: z.string(),
  eventType: z.string(),
  webhookUrl: z.string(),
  state: z.enum(DELIVERY_STATES),
  /** Automatic tries so far (the first one and its retries). */
  tries: z.number().int(),
  /** Replays sent by hand (edited ones included). */
  replays: z.number().int(),
  /** The latest attempt of any kind: its code (0 = no response), latency, time, id. */
  last: z
    .object({
      attemptId: z.string(),
      status: z.enum(['success', 'failed']),
      responseCode: z.number().int(),
      durationMs: z.number().int(),
      createdAt: z.string(),
      kind: z.enum(['delivery', 'retry', 'replay']),
    })
    .nullable(),
  /** When the next automatic try is due, on the studio clock; null when none is scheduled. */
  nextAttemptAt: z.string().nullable(),
  /** Who fired the event: ui, cli, burst, scenario, wakeup, test (a webhook's "Send test event")… */
  source: z.string(),
  createdAt: z.string(),
});
export type DeliverySummary = z.infer<typeof DeliverySummarySchema>;

export const DeliveryFilterSchema = AttemptFilterSchema.extend({
  state: z.enum(DELIVERY_STATES).optional(),
  /** Who fired the event (ui, cli, burst, scenario, wakeup, test). */
  source: z.string().min(1).max(40).optional(),
  /** Events stored from this one on (and up to `toEvent`): one burst's deliveries. */
  fromEvent: z.string().min(1).max(100).optional(),
  toEvent: z.string().min(1).max(100).optional(),
}).strict();
export type DeliveryFilter = z.infer<typeof DeliveryFilterSchema>;

/** An attempt in a delivery's history, with whether a replay sent an edited body. */
export const DeliveryAttemptSchema = AttemptSummarySchema.extend({ edited: z.boolean() });
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

export const DeliveryCountsSchema = z.object({
  /** Deliveries matching the filter (a total from the store, not the rows loaded). */
  deliveries: z.number().int(),
  delivered: z.number().int(),
  /** Of those, failed for good or failing and still retrying. */
  failing: z.number().int(),
  retrying: z.number().int(),
  /** Attempts matching the filter. */
  attempts: z.number().int(),
});
export type DeliveryCounts = z.infer<typeof DeliveryCountsSchema>;

export const WebhookHealthSchema = z.object({
  webhookId: z.string(),
  eventType: z.string(),
  webhookUrl: z.string(),
  /** Over the most recent attempts (at most `HEALTH_WINDOW`). */
  sample: z.number().int(),
  successRate: z.number().nullable(),
  p50Ms: z.number().nullable(),
  lastStatus: z.enum(['success', 'failed']).nullable(),
  lastCode: z.number().int().nullable(),
  lastAt: z.string().nullable(),
});
export type WebhookHealth = z.infer<typeof WebhookHealthSchema>;
export const HEALTH_WINDOW = 100;

export const deliveriesCommands = {
  'deliveries.list': {
    params: z
      .object({
        filter: DeliveryFilterSchema.default({}),
        /** Only these deliveries (live updates of rows in view). */
        ids: z.array(z.string().min(1).max(100)).max(INSPECTOR_LIMITS.pageSizeMax).optional(),
        cursor: z.number().int().min(0).nullable().optional(),
        limit: z.number().int().min(1).max(INSPECTOR_LIMITS.pageSizeMax).default(INSPECTOR_LIMITS.pageSizeDefault),
      })
      .strict(),
    result: z.object({ deliveries: z.array(DeliverySummarySchema), nextCursor: z.number().int().nullable() }),
  },
  'deliveries.attempts': {
    params: z.object({ deliveryId: z.string().min(1).max(100) }).strict(),
    result: z.object({ attempts: z.array(DeliveryAttemptSchema) }),
  },
  'deliveries.counts': {
    params: z.object({ filter: DeliveryFilterSchema.default({}) }).strict(),
    result: DeliveryCountsSchema,
  },
  'webhooks.health': {
    params: z.object({ projectId: z.string().min(1).max(200) }).strict(),
    result: z.object({ webhooks: z.array(WebhookHealthSchema) }),
  },
} as const;
