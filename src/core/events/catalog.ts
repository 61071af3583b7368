import { StudioError } from '../../shared/errors';
import type { Clock } from '../deps';
import type { Db } from '../store/open';
import { BUILT_INS, type Family } from './builtins';
import { payloadSchema, type EnvelopeKind } from './envelope';
import type { GenContext } from './generators/context';
import type { SdkShape } from './entities';
import { DATA_SCHEMAS, type JsonSchema } from './schemas';
import { compileSchema, InvalidSchemaError, validateAgainst } from './validate';

/** One type of the catalog: what it is, its schemas, and how to make a sample. */
export interface CatalogEntry {
  type: string;
  family: Family;
  kind: EnvelopeKind;
  description: string;
  /** The SDK entity types its body carries, and where. */
  sdkShapes: readonly SdkShape[];
  /** Schema of the editable part (the envelope's `data`, or the flat fields). */
  dataSchema: JsonSchema;
  /** Schema of the whole body that is sent. */
  payloadSchema: JsonSchema;
  generate(ctx: GenContext): Record<string, unknown>;
}

export const EVENT_TYPE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
/** Largest custom schema or sample accepted, in bytes of JSON. */
export const MAX_CUSTOM_JSON_BYTES = 64 * 1024;

const builtIns: CatalogEntry[] = BUILT_INS.map((b) => ({
  ...b,
  dataSchema: DATA_SCHEMAS[b.type],
  payloadSchema: payloadSchema(b.kind, b.type, DATA_SCHEMAS[b.type]),
}));
const builtInByType = new Map(builtIns.map((e) => [e.type, e]));

export function builtInEntry(type: string): CatalogEntry | undefined {
  return builtInByType.get(type);
}

interface CustomRow {
  event_type: string;
  description: string;
  schema_json: string;
  sample_json: string;
}

export interface CustomTypeInput {
  type: string;
  description?: string;
  schema?: JsonSchema;
  sample?: Record<string, unknown>;
}

/** The built-ins plus the user's custom types (stored in `custom_event_types`). */
export function createCatalog(db: Db, clock: Clock) {
  const q = {
    all: db.prepare<[], CustomRow>('SELECT * FROM custom_event_types ORDER BY event_type'),
    one: db.prepare<[string], CustomRow>('SELECT * FROM custom_event_types WHERE event_type = ?'),
    upsert: db.prepare(
      `INSERT INTO custom_event_types (event_type, description, schema_json, sample_json, created_at, updated_at)
       VALUES (@event_type, @description, @schema_json, @sample_json, @now, @now)
       ON CONFLICT(event_type) DO UPDATE SET description = excluded.description, schema_json = excluded.schema_json,
         sample_json = excluded.sample_json, updated_at = excluded.updated_at`,
    ),
    remove: db.prepare('DELETE FROM custom_event_types WHERE event_type = ?'),
  };

  function fromRow(row: CustomRow): CatalogEntry {
    const dataSchema = JSON.parse(row.schema_json) as JsonSchema;
    const sample = row.sample_json;
    return {
      type: row.event_type,
      family: 'custom',
      kind: 'envelope',
      description: row.description,
      sdkShapes: [],
      dataSchema,
      payloadSchema: payloadSchema('envelope', row.event_type, dataSchema),
      generate: () => JSON.parse(sample) as Record<string, unknown>,
    };
  }

  function list(): CatalogEntry[] {
    return [...builtIns, ...q.all.all().map(fromRow)];
  }

  function find(type: string): CatalogEntry | undefined {
    const b = builtInByType.get(type);
    if (b) return b;
    const row = q.one.get(type);
    return row ? fromRow(row) : undefined;
  }

  function get(type: string): CatalogEntry {
    const e = find(type);
    if (!e) throw new StudioError('not_found', `unknown event type ${type}; define it as a custom type first`);
    return e;
  }

  function createCustom(input: CustomTypeInput): CatalogEntry {
    if (!EVENT_TYPE_PATTERN.test(input.type)) {
      throw new StudioError('invalid_params', `event type "${input.type}" must be 1–100 letters, digits, _ . : -`);
    }
    if (builtInByType.has(input.type)) {
      throw new StudioError('conflict', `${input.type} is a built-in type and cannot be redefined`);
    }
    const schema = input.schema ?? { type: 'object' };
    const sample = input.sample ?? {};
    const schemaJson = JSON.stringify(schema);
    const sampleJson = JSON.stringify(sample);
    if (schemaJson.length > MAX_CUSTOM_JSON_BYTES || sampleJson.length > MAX_CUSTOM_JSON_BYTES) {
      throw new StudioError('invalid_params', `schema and sample must each be under ${MAX_CUSTOM_JSON_BYTES} bytes`);
    }
    try {
      compileSchema(schema);
    } catch (err) {
      if (err instanceof InvalidSchemaError) {
        throw new StudioError('invalid_params', `the schema does not compile: ${err.message}`);
      }
      throw err;
    }
    const issues = validateAgainst(schema, sample);
    if (issues.length) {
      throw new StudioError(
        'invalid_params',
        `the sample does not match the schema: ${issues[0].path} ${issues[0].message}`,
        {
          issues,
        },
      );
    }
    q.upsert.run({
      event_type: input.type,
      description: input.description ?? '',
      schema_json: schemaJson,
      sample_json: sampleJson,
      now: clock.now().toISOString(),
    });
    return get(input.type);
  }

  function deleteCustom(type: string): void {
    if (builtInByType.has(type)) throw new StudioError('conflict', `${type} is a built-in type and cannot be deleted`);
    if (q.remove.run(type).changes === 0) throw new StudioError('not_found', `no custom event type ${type}`);
  }

  return { list, find, get, createCustom, deleteCustom };
}
export type Catalog = ReturnType<typeof createCatalog>;
