import { z } from 'zod';
import { MAX_DURATION_MS } from '../duration';

/** Limits of the Notifications area. */
export const NOTIFICATION_LIMITS = { pageMax: 500, pageDefault: 200 } as const;

const Id = z.string().min(1).max(200);

export const ProactiveEntrySchema = z.object({
  messageId: z.string(),
  agentId: z.string(),
  agentName: z.string().nullable(),
  userId: z.string(),
  checkType: z.string(),
  generatedMessage: z.string(),
  status: z.enum(['pending', 'consumed']),
  wakeupId: z.string().nullable(),
  intent: z.string().nullable(),
  createdAt: z.string(),
  consumedAt: z.string().nullable(),
});
export type ProactiveEntry = z.infer<typeof ProactiveEntrySchema>;

export const ProjectNotificationSchema = z.object({
  notificationId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'acknowledged']),
  agentId: z.string().nullable(),
  userId: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  payload: z.unknown(),
});
export type ProjectNotificationDto = z.infer<typeof ProjectNotificationSchema>;

export const WakeupDtoSchema = z.object({
  wakeupId: z.string(),
  agentId: z.string(),
  agentName: z.string().nullable(),
  userId: z.string(),
  checkType: z.string(),
  intent: z.string(),
  status: z.enum(['pending', 'executed']),
  scheduledAt: z.string(),
  executedAt: z.string().nullable(),
  generatedMessage: z.string().nullable(),
  createdAt: z.string(),
});
export type WakeupDto = z.infer<typeof WakeupDtoSchema>;

export const ClockSchema = z.object({
  /** The studio clock (real time + offset), ISO-8601. */
  now: z.string(),
  realNow: z.string(),
  offsetMs: z.number().int(),
  /** The next pending wakeup, if any. */
  nextWakeupAt: z.string().nullable(),
  pendingWakeups: z.number().int(),
});
export type ClockDto = z.infer<typeof ClockSchema>;

const Offset = z.number().int().min(0).max(10_000_000).default(0);

const Filter = z
  .object({
    projectId: Id.optional(),
    agentId: Id.optional(),
    userId: Id.optional(),
    limit: z.number().int().min(1).max(NOTIFICATION_LIMITS.pageMax).default(NOTIFICATION_LIMITS.pageDefault),
    /** Rows skipped in each list (paging), newest first. */
    proactiveOffset: Offset,
    notificationsOffset: Offset,
    wakeupsOffset: Offset,
  })
  .strict();

/** True totals from the store for the filter (not the rows of the page). */
export const NotificationCountsSchema = z.object({
  proactive: z.number().int(),
  proactivePending: z.number().int(),
  projectNotifications: z.number().int(),
  projectNotificationsPending: z.number().int(),
  wakeups: z.number().int(),
  wakeupsPending: z.number().int(),
});
export type NotificationCounts = z.infer<typeof NotificationCountsSchema>;

export const notificationsCommands = {
  'proactive.overview': {
    params: Filter.default({
      limit: NOTIFICATION_LIMITS.pageDefault,
      proactiveOffset: 0,
      notificationsOffset: 0,
      wakeupsOffset: 0,
    }),
    result: z.object({
      projectId: z.string(),
      proactive: z.array(ProactiveEntrySchema),
      projectNotifications: z.array(ProjectNotificationSchema),
      wakeups: z.array(WakeupDtoSchema),
      users: z.array(z.string()),
      clock: ClockSchema,
      counts: NotificationCountsSchema,
    }),
  },
  'proactive.consumeAll': {
    params: z.object({ projectId: Id.optional(), agentId: Id.optional(), userId: Id.optional() }).strict(),
    result: z.object({ consumed: z.number().int() }),
  },
  'proactive.acknowledgeAll': {
    params: z.object({ projectId: Id.optional(), agentId: Id.optional() }).strict(),
    result: z.object({ acknowledged: z.number().int() }),
  },
  'proactive.consume': {
    params: z.object({ messageId: Id }).strict(),
    result: z.object({ consumed: z.boolean() }),
  },
  'proactive.acknowledge': {
    params: z.object({ projectId: Id.optional(), notificationIds: z.array(Id).min(1).max(500) }).strict(),
    result: z.object({ acknowledged: z.number().int() }),
  },
  'wakeups.schedule': {
    params: z
      .object({
        projectId: Id.optional(),
        agentId: Id.optional(),
        userId: Id,
        checkType: z.string().min(1).max(100),
        intent: z.string().min(1).max(2000),
        delayMs: z.number().int().min(0).max(MAX_DURATION_MS),
      })
      .strict(),
    result: WakeupDtoSchema,
  },
  'clock.get': { params: z.object({}).strict().default({}), result: ClockSchema },
  /** Takes the studio clock back to real time. */
  'clock.reset': { params: z.object({}).strict().default({}), result: ClockSchema },
  'clock.advance': {
    params: z.object({ ms: z.number().int().min(1).max(MAX_DURATION_MS) }).strict(),
    result: z.object({ clock: ClockSchema, executed: z.array(WakeupDtoSchema) }),
  },
} as const;

export const notificationsEvents = {
  /** Something in notifications, wakeups or the clock changed (the UI refetches). */
  'proactive.changed': z.object({ projectId: z.string().nullable() }),
} as const;
