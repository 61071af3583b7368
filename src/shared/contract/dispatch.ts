import { z } from 'zod';
import { DeliverySettingsPatchSchema, DeliverySettingsSchema, InjectionSchema } from '../delivery-settings';
import { NoParams } from './studio';

/** Most webhooks the injection picker lists. */
export const MAX_INJECTION_WEBHOOKS = 500;
/** Largest event body `events.fireRaw` accepts (bytes of JSON text). */
export const MAX_FIRE_BODY = 1024 * 1024;

export const FireResultSchema = z.object({
  eventId: z.string(),
  deliveries: z.array(z.object({ deliveryId: z.string(), webhookId: z.string(), webhookUrl: z.string() })),
});

export const WebhookInjectionSchema = z.object({
  webhookId: z.string(),
  projectId: z.string(),
  eventType: z.string(),
  webhookUrl: z.string(),
  isActive: z.boolean(),
  injection: InjectionSchema.nullable(),
});
export type WebhookInjection = z.infer<typeof WebhookInjectionSchema>;

const jsonText = z
  .string()
  .min(1)
  .max(MAX_FIRE_BODY)
  .refine(
    (t) => {
      try {
        JSON.parse(t);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'body must be JSON text' },
  );

const DeliveryRef = z.object({ deliveryId: z.string().min(1).max(200) }).strict();

export const dispatchCommands = {
  'delivery.settings.get': { params: NoParams, result: DeliverySettingsSchema },
  'delivery.settings.set': {
    params: z.object({ patch: DeliverySettingsPatchSchema }).strict(),
    result: DeliverySettingsSchema,
  },
  /** Every webhook with its injection override (null = the global setting applies). */
  'delivery.injection.get': {
    params: NoParams,
    result: z.object({ webhooks: z.array(WebhookInjectionSchema), truncated: z.boolean() }),
  },
  /** null (or an empty object) removes the webhook's override. */
  'delivery.injection.set': {
    params: z.object({ webhookId: z.string().min(1).max(200), injection: InjectionSchema.nullable() }).strict(),
    result: z.object({ webhookId: z.string(), injection: InjectionSchema.nullable() }),
  },
  'deliveries.retryNow': { params: DeliveryRef, result: z.object({ deliveryId: z.string(), status: z.string() }) },
  'deliveries.cancel': { params: DeliveryRef, result: z.object({ deliveryId: z.string(), status: z.string() }) },
  /** Fires exact JSON bytes to every active webhook of the project (default project when omitted). */
  'events.fireRaw': {
    params: z
      .object({
        projectId: z.string().min(1).max(200).optional(),
        eventType: z.string().min(1).max(200),
        body: jsonText,
        injection: InjectionSchema.optional(),
      })
      .strict(),
    result: FireResultSchema,
  },
} as const;
