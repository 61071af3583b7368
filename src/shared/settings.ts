import { z } from 'zod';
import { DeliverySettingsSchema } from './delivery-settings';

/** Every user setting, with its default. Later features add their own keys here. */
export const SettingsSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** The UI's language: `system` follows the OS or browser; the CLI always speaks English. */
  language: z.enum(['system', 'en', 'ja', 'zh']).default('system'),
  delivery: DeliverySettingsSchema.prefault({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * A partial update of the general settings: only known keys, each validated. Delivery
 * settings have their own command (`delivery.settings.set`), which merges a partial patch
 * and updates the running dispatcher; here they are refused as an unknown key.
 */
export const SettingsPatchSchema = SettingsSchema.omit({ delivery: true }).partial().strict();
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
