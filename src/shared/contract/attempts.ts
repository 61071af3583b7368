import { z } from 'zod';

/** One stored delivery attempt as the UI lists it (bodies are fetched on demand). */
export const AttemptSummarySchema = z.object({
  seq: z.number().int(),
  attemptId: z.string(),
  deliveryId: z.string().nullable(),
  eventId: z.string().nullable(),
  projectId: z.string(),
  eventType: z.string(),
  webhookUrl: z.string(),
  attemptNumber: z.number().int(),
  status: z.enum(['success', 'failed']),
  responseCode: z.number().int(),
  durationMs: z.number().int(),
  errorMessage: z.string().nullable(),
  kind: z.enum(['delivery', 'retry', 'replay']),
  replayOf: z.string().nullable(),
  injected: z.array(z.string()),
  createdAt: z.string(),
  /** Which platform's delivery this is (OneInbox deliveries are unsigned); absent means Sonzai. */
  platform: z.enum(['sonzai', 'oneinbox']).optional(),
});
export type AttemptSummary = z.infer<typeof AttemptSummarySchema>;

export const attemptEvents = {
  /** Every stored attempt, as soon as it is stored. */
  'attempt.recorded': AttemptSummarySchema,
} as const;
