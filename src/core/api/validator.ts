import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldError } from '../http/problem';
import { DOC_ID, SONZAI_DOC, type OpenApiDoc } from './openapi';

/**
 * The ajv instance the mock validates requests with: the same options as the studio's
 * fastify (`coerceTypes: 'array'`, `removeAdditional: false`, all errors), plus the
 * published document registered under `sonzai.json` so routes `$ref` its components.
 * Bodies are validated without coercion (`coerce = false`): a number is not a string,
 * as in production; query and path parameters are coerced from their text.
 */
export function createApiAjv(doc: OpenApiDoc = SONZAI_DOC, coerce = true): Ajv {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    removeAdditional: false,
    useDefaults: true,
    allErrors: true,
    verbose: true,
    strict: false,
  });
  addFormats(ajv);
  // OpenAPI's numeric formats carry no constraint JSON Schema can check beyond the type.
  for (const f of ['int64', 'int32', 'double', 'float']) ajv.addFormat(f, true);
  ajv.addSchema({ $id: DOC_ID, components: doc.components });
  return ajv;
}

/** Validation-only ajv for responses: no coercion, no defaults (a test of what we send). */
export function createResponseAjv(doc: OpenApiDoc = SONZAI_DOC): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const f of ['int64', 'int32', 'double', 'float']) ajv.addFormat(f, true);
  ajv.addSchema({ $id: DOC_ID, components: doc.components });
  return ajv;
}

/**
 * A validator compiled on its first call, not at start: the mock has ~80 routes, and
 * compiling all their schemas up front was a third of the studio's cold start. The
 * returned function is a drop-in `ValidateFunction` (fastify and callers read `.errors`).
 */
export function lazyCompile(ajv: () => Ajv, schema: object): ValidateFunction {
  let fn: ValidateFunction | undefined;
  const lazy = ((data: unknown) => {
    fn ??= ajv().compile(schema);
    const ok = fn(data);
    lazy.errors = fn.errors;
    return ok;
  }) as ValidateFunction;
  lazy.errors = null;
  return lazy;
}

/** `make()` on the first call, the same instance after (an ajv built only when a route first validates). */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

function joinLocation(context: string, instancePath: string, prop?: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (prop) parts.push(prop);
  let out = context;
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : `.${p}`;
  return out;
}

/** ajv errors → Sonzai's `ErrorDetail`s (`location` like `body.webhook_url`, `query.limit`). */
export function toFieldErrors(errors: readonly ErrorObject[], context: string): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let fe: FieldError;
    if (e.keyword === 'required') {
      const prop = (e.params as { missingProperty: string }).missingProperty;
      fe = {
        location: joinLocation(context, e.instancePath, prop),
        message: `expected required property ${prop} to be present`,
        value: e.data,
      };
    } else if (e.keyword === 'additionalProperties') {
      const prop = (e.params as { additionalProperty: string }).additionalProperty;
      fe = {
        location: joinLocation(context, e.instancePath, prop),
        message: 'unexpected property',
        value: (e.data as Record<string, unknown>)?.[prop],
      };
    } else if (context === 'body' && e.instancePath === '' && (e.data === undefined || e.data === null)) {
      fe = { location: 'body', message: 'request body is required', value: null };
    } else {
      fe = { location: joinLocation(context, e.instancePath), message: e.message ?? 'invalid', value: e.data };
    }
    const k = `${fe.location}\u0000${fe.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(fe);
    }
  }
  return out;
}

export type { ValidateFunction };
