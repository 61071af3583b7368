import { z } from 'zod';

/** Contract of the events area: catalog, templates, preview/fire, bursts, scenarios, custom types. */

const JsonObject = z.record(z.string(), z.unknown());
const EventType = z.string().min(1).max(100);
const Id = z.string().min(1).max(200);

import { EVENTS_LIMITS } from './limits';
export { EVENTS_LIMITS };

export const InjectionSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    dropRate: z.number().min(0).max(1).optional(),
    duplicateRate: z.number().min(0).max(1).optional(),
    reorderWindow: z.number().int().min(0).max(1000).optional(),
    forceStatus: z.number().int().min(100).max(599).optional(),
  })
  .strict();

export const SchemaIssueSchema = z.object({ path: z.string(), pointer: z.string(), message: z.string() });
export type SchemaIssueDto = z.infer<typeof SchemaIssueSchema>;

export const CatalogEntrySchema = z.object({
  type: z.string(),
  family: z.enum(['documented', 'sdk', 'custom']),
  kind: z.enum(['envelope', 'flat', 'flat-no-user']),
  description: z.string(),
  dataSchema: JsonObject,
  payloadSchema: JsonObject,
  /** The SDK entity types the body carries and where (`data.current`, `changes[]`); empty for none. */
  sdkShapes: z.array(z.object({ schema: z.string(), path: z.string() })).default([]),
});
export type CatalogEntryDto = z.infer<typeof CatalogEntrySchema>;

const Target = {
  projectId: Id.optional(),
  agentId: Id.optional(),
  userId: Id.optional(),
};

export const BuildParamsSchema = z
  .object({
    eventType: EventType,
    ...Target,
    data: JsonObject.optional(),
    set: z.array(z.string().max(10_000)).max(EVENTS_LIMITS.maxSetOps).optional(),
    seed: z.union([z.string().max(200), z.number().int()]).optional(),
    fresh: z.boolean().optional(),
  })
  .strict();

const HeaderSchema = z.object({ name: z.string(), value: z.string() });
const DeliverySchema = z.object({ deliveryId: z.string(), webhookId: z.string(), webhookUrl: z.string() });

export const PreviewSchema = z.object({
  eventId: z.string(),
  eventType: z.string(),
  projectId: z.string(),
  agentId: z.string(),
  userId: z.string().nullable(),
  body: z.string(),
  bytes: z.number().int(),
  origin: z.enum(['data', 'template', 'sample']),
  headers: z.array(HeaderSchema),
  webhook: z.object({ webhookId: z.string(), url: z.string(), secretId: z.string().nullable() }).nullable(),
  note: z.string().nullable(),
  issues: z.array(SchemaIssueSchema),
});
export type PreviewDto = z.infer<typeof PreviewSchema>;

export const FireResultSchema = z.object({
  eventId: z.string(),
  eventType: z.string(),
  bytes: z.number().int(),
  deliveries: z.array(DeliverySchema),
  issues: z.array(SchemaIssueSchema),
});
export type FireResultDto = z.infer<typeof FireResultSchema>;

export const BurstProgressSchema = z.object({
  burstId: z.string(),
  eventType: z.string(),
  total: z.number().int(),
  fired: z.number().int(),
  deliveries: z.number().int(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  error: z.string().optional(),
  elapsedMs: z.number(),
  /** Ids fired since the previous report, when the burst was started with `reportIds`. */
  eventIds: z.array(z.string()).optional(),
});
export type BurstProgress = z.infer<typeof BurstProgressSchema>;

export const ScenarioStepSchema = z
  .object({
    eventType: EventType,
    /** Deep-merged onto the step's sample data. */
    data: JsonObject.optional(),
    set: z.array(z.string().max(10_000)).max(EVENTS_LIMITS.maxSetOps).optional(),
    /** Wait before this step, ms. */
    delayMs: z.number().int().min(0).max(EVENTS_LIMITS.maxStepDelayMs).default(0),
    injection: InjectionSchema.optional(),
    note: z.string().max(500).optional(),
  })
  .strict();
export type ScenarioStep = z.infer<typeof ScenarioStepSchema>;

export const ScenarioSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[^@\s][^\n]*$/, 'must not start with @ or a space'),
    description: z.string().max(2000).default(''),
    steps: z.array(ScenarioStepSchema).min(1).max(EVENTS_LIMITS.maxScenarioSteps),
  })
  .strict();
export type Scenario = z.infer<typeof ScenarioSchema>;

export const ScenarioInfoSchema = z.object({
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  steps: z.array(ScenarioStepSchema),
  updatedAt: z.string().nullable(),
});
export type ScenarioInfo = z.infer<typeof ScenarioInfoSchema>;

export const ScenarioProgressSchema = z.object({
  runId: z.string(),
  scenario: z.string(),
  total: z.number().int(),
  /** Steps fired so far. */
  done: z.number().int(),
  state: z.enum(['running', 'waiting', 'done', 'cancelled', 'failed']),
  /** The step just fired, or about to fire while waiting. */
  step: z
    .object({
      index: z.number().int(),
      eventType: z.string(),
      eventId: z.string().nullable(),
      deliveries: z.number().int(),
      note: z.string().nullable(),
    })
    .nullable(),
  error: z.string().optional(),
});
export type ScenarioProgress = z.infer<typeof ScenarioProgressSchema>;

const Ok = z.object({ ok: z.boolean() });

export const eventsCommands = {
  'events.catalog': {
    params: z.object({}).strict().default({}),
    result: z.object({ types: z.array(CatalogEntrySchema) }),
  },
  'events.targets': {
    params: z.object({ projectId: Id.optional() }).strict().default({}),
    result: z.object({
      projects: z.array(z.object({ projectId: z.string(), name: z.string(), isDefault: z.boolean() })),
      agents: z.array(z.object({ agentId: z.string(), name: z.string(), language: z.string() })),
      projectId: z.string(),
      defaultUserId: z.string(),
    }),
  },
  'events.sample': {
    params: z
      .object({ eventType: EventType, ...Target, seed: z.union([z.string().max(200), z.number().int()]).optional() })
      .strict(),
    result: z.object({ data: JsonObject, seed: z.union([z.string(), z.number()]) }),
  },
  'events.template.get': {
    params: z.object({ eventType: EventType, ...Target }).strict(),
    result: z.object({ eventType: z.string(), data: JsonObject, saved: z.boolean(), updatedAt: z.string().nullable() }),
  },
  'events.template.validate': {
    params: z.object({ eventType: EventType, data: z.unknown() }).strict(),
    result: z.object({ issues: z.array(SchemaIssueSchema) }),
  },
  'events.template.save': {
    params: z.object({ eventType: EventType, data: JsonObject }).strict(),
    result: z.object({ ok: z.boolean(), issues: z.array(SchemaIssueSchema), updatedAt: z.string().nullable() }),
  },
  'events.template.reset': { params: z.object({ eventType: EventType }).strict(), result: Ok },
  'events.preview': { params: BuildParamsSchema, result: PreviewSchema },
  'events.fire': {
    params: BuildParamsSchema.extend({
      /** Exact bytes to send (e.g. the previewed body); the other build fields are then ignored. */
      body: z
        .string()
        .max(512 * 1024)
        .optional(),
      injection: InjectionSchema.optional(),
      source: z.string().max(40).optional(),
    }).strict(),
    result: FireResultSchema,
  },
  'events.burst.start': {
    params: BuildParamsSchema.extend({
      count: z.number().int().min(1).max(EVENTS_LIMITS.maxBurstCount),
      /** Events per second; absent or 0 = as fast as the dispatcher takes them. */
      rate: z.number().min(0).max(EVENTS_LIMITS.maxBurstRate).optional(),
      source: z.string().max(40).optional(),
      /** Stream the fired ids in `burst.progress` (bursts of at most maxReportedIds). */
      reportIds: z.boolean().optional(),
    })
      .strict()
      .refine((p) => !p.reportIds || p.count <= EVENTS_LIMITS.maxReportedIds, {
        message: `reportIds is limited to bursts of ${EVENTS_LIMITS.maxReportedIds} events`,
      }),
    result: z.object({ burstId: z.string(), total: z.number().int() }),
  },
  'events.burst.cancel': { params: z.object({ burstId: Id }).strict(), result: z.object({ cancelled: z.boolean() }) },
  'events.types.create': {
    params: z
      .object({
        type: EventType,
        description: z.string().max(2000).optional(),
        schema: JsonObject.optional(),
        sample: JsonObject.optional(),
      })
      .strict(),
    result: CatalogEntrySchema,
  },
  'events.types.delete': { params: z.object({ type: EventType }).strict(), result: Ok },
  'scenarios.list': {
    params: z.object({}).strict().default({}),
    result: z.object({ scenarios: z.array(ScenarioInfoSchema) }),
  },
  'scenarios.save': {
    params: z.object({ scenario: ScenarioSchema, overwrite: z.boolean().optional() }).strict(),
    result: ScenarioInfoSchema,
  },
  'scenarios.delete': { params: z.object({ name: z.string().min(1).max(100) }).strict(), result: Ok },
  'scenarios.import': {
    params: z
      .object({ json: z.string().max(EVENTS_LIMITS.maxScenarioJsonBytes), overwrite: z.boolean().optional() })
      .strict(),
    result: ScenarioInfoSchema,
  },
  'scenarios.export': {
    params: z.object({ name: z.string().min(1).max(100) }).strict(),
    result: z.object({ name: z.string(), json: z.string() }),
  },
  'scenarios.run': {
    params: z
      .object({
        name: z.string().min(1).max(100).optional(),
        /** Run this scenario without saving it (e.g. `scenario run @file`). */
        scenario: ScenarioSchema.optional(),
        ...Target,
        seed: z.union([z.string().max(200), z.number().int()]).optional(),
        /** Multiplies every step's delay (0 = no waiting, 0.1 = ten times faster). */
        delayScale: z.number().min(0).max(100).optional(),
      })
      .strict()
      .refine((p) => Boolean(p.name) !== Boolean(p.scenario), { message: 'give either name or scenario' }),
    result: z.object({ runId: z.string(), scenario: z.string(), total: z.number().int() }),
  },
  'scenarios.cancel': { params: z.object({ runId: Id }).strict(), result: z.object({ cancelled: z.boolean() }) },
} as const;

export const eventsEvents = {
  /** At least four times a second while a burst runs, and once when it ends. */
  'burst.progress': BurstProgressSchema,
  /** On every step of a scenario run, and once when it ends. */
  'scenario.progress': ScenarioProgressSchema,
} as const;
