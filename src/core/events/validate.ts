import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { JsonSchema } from './schemas';

/** One schema violation, located for inline display. */
export interface SchemaIssue {
  /** JSONPath-style location, `$` for the root, e.g. `$.data.mood.happiness`, `$.items[2]`. */
  path: string;
  /** The same location as a JSON Pointer, e.g. `/data/mood/happiness`. */
  pointer: string;
  message: string;
}

/** At most this many issues are reported for one document. */
export const MAX_ISSUES = 50;

type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsImport as unknown as { default?: AddFormats }).default ??
  addFormatsImport) as unknown as AddFormats;

let shared: Ajv | undefined;
/** Built on the first validation, not at import (it is not needed to start the studio). */
function ajv(): Ajv {
  if (!shared) {
    shared = new Ajv({ allErrors: true, strict: false });
    addFormats(shared);
  }
  return shared;
}
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function pointerToPath(pointer: string): string {
  if (!pointer) return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((seg) =>
        /^\d+$/.test(seg) ? `[${seg}]` : /^[A-Za-z_$][\w$]*$/.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`,
      )
      .join('')
  );
}

function describe(e: ErrorObject): { pointer: string; message: string } {
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return { pointer: `${e.instancePath}/${missing}`, message: `is required` };
  }
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return { pointer: `${e.instancePath}/${extra}`, message: 'is not allowed by the schema' };
  }
  if (e.keyword === 'const') {
    return {
      pointer: e.instancePath,
      message: `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`,
    };
  }
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
    return { pointer: e.instancePath, message: `must be one of ${allowed}` };
  }
  return { pointer: e.instancePath, message: e.message ?? 'is invalid' };
}

/** Thrown when a user-supplied JSON Schema does not compile. */
export class InvalidSchemaError extends Error {}

export function compileSchema(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    try {
      fn = ajv().compile(schema);
    } catch (err) {
      throw new InvalidSchemaError((err as Error).message);
    }
    compiled.set(schema, fn);
  }
  return fn;
}

/** Validates `value` against `schema`; an empty list means valid. */
export function validateAgainst(schema: JsonSchema, value: unknown): SchemaIssue[] {
  const fn = compileSchema(schema);
  if (fn(value)) return [];
  return (fn.errors ?? []).slice(0, MAX_ISSUES).map((e) => {
    const d = describe(e);
    return { path: pointerToPath(d.pointer), pointer: d.pointer, message: d.message };
  });
}
