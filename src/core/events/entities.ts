import neighbours from '../api/openapi/sonzai-neighbours.json';
import webhooksDoc from '../api/openapi/sonzai.json';
import type { JsonSchema } from './schemas';

/**
 * The SDK's entity types that event samples embody, as the SDK's published OpenAPI
 * documents give them (`openapi/sonzai-neighbours.json`, `openapi/sonzai.json`).
 * Each is returned self-contained (its `$ref`s inlined), so the events area can embed it
 * in a data schema and ajv can check a sample against exactly what the SDK declares.
 */
export const ENTITY_NAMES = [
  'MoodState',
  'DiaryEntry',
  'PersonalityDelta',
  'Breakthrough',
  'AtomicFact',
  'ScheduleDTO',
  'WakeupEntry',
  'ProactiveNotificationEntry',
  'OmnichannelConversationDTO',
  'OmnichannelMessageDTO',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

type Schemas = Record<string, JsonSchema>;
const fromNeighbours = (neighbours as unknown as { components: { schemas: Schemas } }).components.schemas;
const fromWebhooks = (webhooksDoc as unknown as { components: { schemas: Schemas } }).components.schemas;

/** OpenAPI's numeric formats say nothing JSON Schema can check beyond the type. */
const OPENAPI_ONLY_FORMATS = new Set(['int64', 'int32', 'double', 'float']);

function inline(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inline);
  if (!schema || typeof schema !== 'object') return schema;
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/components/schemas/', '');
    return rawEntity(name);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'format' && typeof v === 'string' && OPENAPI_ONLY_FORMATS.has(v)) continue;
    if (k === 'examples' || k === 'readOnly') continue;
    out[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(v as Schemas).map(([p, ps]) => [p, inline(ps)]))
        : inline(v);
  }
  return out;
}

function rawEntity(name: string): JsonSchema {
  const s = fromNeighbours[name] ?? fromWebhooks[name];
  if (!s) throw new Error(`no SDK schema named ${name}`);
  return inline(s) as JsonSchema;
}

const cache = new Map<string, JsonSchema>();

/** The SDK's schema of `name`, self-contained (draft-07, as strict as published). */
export function entitySchema(name: EntityName): JsonSchema {
  let s = cache.get(name);
  if (!s) cache.set(name, (s = rawEntity(name)));
  return s;
}

/** Which SDK schema the value at `path` (in the body; `data.…` for envelope events) follows. */
export interface SdkShape {
  schema: EntityName;
  /** Dotted path into the body; `[]` marks every item of an array. */
  path: string;
}
