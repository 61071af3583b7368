import { z } from 'zod';

/**
 * How the dispatcher delivers: retry schedule, timeout, concurrency, failure injection,
 * extra headers and the rotation overlap window. Stored under the `delivery` settings key.
 * Every number is bounded; the limits here are the documented ones.
 */
export const LIMITS = {
  maxAttempts: 50,
  customDelays: 20,
  maxDelayMs: 7 * 24 * 3600 * 1000,
  minTimeoutMs: 100,
  maxTimeoutMs: 120_000,
  maxGlobalConcurrency: 512,
  maxEndpointConcurrency: 64,
  maxLatencyMs: 120_000,
  maxReorderWindow: 100,
  maxOverlapSeconds: 7 * 24 * 3600,
} as const;

const rate = z.number().min(0).max(1);

/** Failure injection (mirrors `Injection` of the dispatcher's API). */
export const InjectionSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(LIMITS.maxLatencyMs).optional(),
    dropRate: rate.optional(),
    duplicateRate: rate.optional(),
    reorderWindow: z.number().int().min(0).max(LIMITS.maxReorderWindow).optional(),
    forceStatus: z.number().int().min(100).max(599).optional(),
  })
  .strict();
export type InjectionSettings = z.infer<typeof InjectionSchema>;

export const SCHEDULE_NAMES = ['fast', 'production', 'custom'] as const;

export const DeliverySettingsSchema = z
  .object({
    /** fast: 5 s, 15 s, 1 min, 5 min; production: 1 min … 12 h; custom: customDelaysMs. */
    schedule: z.enum(SCHEDULE_NAMES).default('fast'),
    customDelaysMs: z
      .array(z.number().int().min(0).max(LIMITS.maxDelayMs))
      .min(1)
      .max(LIMITS.customDelays)
      .default([5_000, 15_000, 60_000, 300_000]),
    /** Total tries, the first one included. */
    maxAttempts: z.number().int().min(1).max(LIMITS.maxAttempts).default(5),
    timeoutMs: z.number().int().min(LIMITS.minTimeoutMs).max(LIMITS.maxTimeoutMs).default(10_000),
    globalConcurrency: z.number().int().min(1).max(LIMITS.maxGlobalConcurrency).default(64),
    perEndpointConcurrency: z.number().int().min(1).max(LIMITS.maxEndpointConcurrency).default(8),
    /** One delivery at a time per endpoint, in firing order (a failing one holds the others back). */
    inOrder: z.boolean().default(false),
    /** Adds the clearly-labelled `X-Webhook-Studio-*` headers production does not send. */
    extraHeaders: z.boolean().default(false),
    /** After a rotation, also sign with the old secret for this long (0 = off, as production). */
    rotationOverlapSeconds: z.number().int().min(0).max(LIMITS.maxOverlapSeconds).default(0),
    /** Applies to every webhook unless a per-webhook override exists. */
    injection: InjectionSchema.default({}),
  })
  .strict();
export type DeliverySettings = z.infer<typeof DeliverySettingsSchema>;

export const DeliverySettingsPatchSchema = DeliverySettingsSchema.partial().strict();
export type DeliverySettingsPatch = z.infer<typeof DeliverySettingsPatchSchema>;

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = DeliverySettingsSchema.parse({});
