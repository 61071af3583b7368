import { z } from 'zod';
import { DeliverySettingsSchema } from './delivery-settings';

/** Every user setting, with its default. Later features add their own keys here. */
export const SettingsSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  delivery: DeliverySettingsSchema.prefault({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A partial update: only known keys, each validated. */
export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
