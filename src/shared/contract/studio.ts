import { z } from 'zod';
import { SettingsPatchSchema, SettingsSchema } from '../settings';

export const StudioStatusSchema = z.object({
  state: z.enum(['ready', 'stopping']),
  version: z.string(),
  host: z.string(),
  port: z.number().int(),
  apiBaseUrl: z.string(),
  uiUrl: z.string().nullable(),
  dataDir: z.string(),
  dbPath: z.string(),
  startedAt: z.string(),
  uptimeMs: z.number(),
  projectId: z.string(),
  agentId: z.string(),
  apiKey: z.string(),
  /** OneInbox's mock API (`/v1/...` on the same port) and its account's key. */
  oneInboxBaseUrl: z.string().optional(),
  oneInboxApiKey: z.string().optional(),
  /** Whether the disk takes the studio's writes (a full disk: the UI shows a banner). */
  storage: z.object({ ok: z.boolean(), detail: z.string().nullable(), since: z.string().nullable() }),
});
export type StudioStatus = z.infer<typeof StudioStatusSchema>;

export const NoParams = z.object({}).strict().default({});

export const studioCommands = {
  'studio.status': { params: NoParams, result: StudioStatusSchema },
  'settings.get': { params: NoParams, result: SettingsSchema },
  'settings.set': { params: z.object({ patch: SettingsPatchSchema }).strict(), result: SettingsSchema },
} as const;

export const studioEvents = {
  'studio.statusChanged': StudioStatusSchema,
  'settings.changed': SettingsSchema,
} as const;
