import rawDoc from './openapi/sonzai.json';
import rawNeighbours from './openapi/sonzai-neighbours.json';

/**
 * The published OpenAPI documents the mock serves, its one source of truth: the 31
 * webhook and notification operations (`sonzai.json`) plus the SDK operations next to
 * them (`sonzai-neighbours.json`: key revoke, schedules, backend events, agent profile
 * and status, mood, diary, breakthroughs). Routes take their parameter and body schemas
 * from it, and `/api/v1/openapi.json` serves it.
 */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Record<string, unknown>;
  description?: string;
}
export interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
  [k: string]: unknown;
}
export interface OpenApiDoc {
  openapi: string;
  info: Record<string, unknown>;
  servers: { url: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Record<string, unknown>>; [k: string]: unknown };
}

/** The neighbour operations the mock serves (the document's conversation reads are not served). */
export const NEIGHBOUR_OPERATIONS: ReadonlySet<string> = new Set([
  'revokeAPIKey',
  'createSchedule',
  'listSchedules',
  'getSchedule',
  'patchSchedule',
  'deleteSchedule',
  'upcomingSchedule',
  'triggerBackendEvent',
  'updateAgentProfile',
  'setAgentStatus',
  'getMood',
  'updateMood',
  'getMoodHistory',
  'getDiary',
  'listBreakthroughs',
]);

/** Both documents as one: the neighbours' served operations and their schemas added to the 31. */
function mergeDocs(base: OpenApiDoc, extra: OpenApiDoc, ops: ReadonlySet<string>): OpenApiDoc {
  const doc = structuredClone(base);
  for (const [path, item] of Object.entries(extra.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !ops.has(op.operationId)) continue;
      doc.paths[path] ??= {};
      doc.paths[path][method] = structuredClone(op);
    }
  }
  for (const [name, schema] of Object.entries(extra.components.schemas)) {
    doc.components.schemas[name] ??= structuredClone(schema);
  }
  return doc;
}

export const SONZAI_DOC = mergeDocs(
  rawDoc as unknown as OpenApiDoc,
  rawNeighbours as unknown as OpenApiDoc,
  NEIGHBOUR_OPERATIONS,
);

/** The id under which the document is registered with ajv; `$ref`s point into it. */
export const DOC_ID = 'sonzai.json';
export const schemaRef = (name: string) => ({ $ref: `${DOC_ID}#/components/schemas/${name}` });

export interface OperationInfo {
  operationId: string;
  method: string;
  /** OpenAPI path, relative to `/api/v1` (e.g. `/webhooks/{eventType}`). */
  path: string;
  op: OpenApiOperation;
}

/** Every operation of a document, keyed by operationId. */
export function operationsOf(doc: OpenApiDoc): Map<string, OperationInfo> {
  const out = new Map<string, OperationInfo>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !('operationId' in op)) continue;
      out.set(op.operationId, { operationId: op.operationId, method: method.toUpperCase(), path, op });
    }
  }
  return out;
}

/** `/webhooks/{eventType}` → `/webhooks/:eventType` (fastify's syntax). */
export const toFastifyPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/** Rewrites `#/components/...` refs so the schema resolves against the registered document. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOC_ID}${v}` : rebase(v);
  }
  return out;
}

/** The params / querystring / body schemas of an operation, as fastify route schemas. */
export function routeSchemas(info: OperationInfo): { params?: object; querystring?: object; body?: object } {
  const params = (info.op.parameters ?? []).filter((p) => p.in === 'path');
  const query = (info.op.parameters ?? []).filter((p) => p.in === 'query');
  const out: { params?: object; querystring?: object; body?: object } = {};
  if (params.length) {
    out.params = {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name, rebase(p.schema)])),
      required: params.map((p) => p.name),
    };
  }
  if (query.length) {
    // Unknown query parameters are ignored, as production does (the request lint notes them).
    out.querystring = {
      type: 'object',
      properties: Object.fromEntries(query.map((p) => [p.name, rebase(p.schema)])),
      required: query.filter((p) => p.required).map((p) => p.name),
    };
  }
  const body = info.op.requestBody?.content?.['application/json']?.schema;
  if (body && Object.keys(body).length) out.body = rebase(body) as object;
  return out;
}

/** The 200/202 response schema of an operation (for tests and the served document). */
export function responseSchema(info: OperationInfo, status: number): Record<string, unknown> | undefined {
  const r = info.op.responses[String(status)] ?? info.op.responses.default;
  const content = r?.content?.['application/json'] ?? r?.content?.['application/problem+json'];
  return content ? (rebase(content.schema) as Record<string, unknown>) : undefined;
}

/** Names of the query parameters an operation publishes. */
export const publishedQuery = (info: OperationInfo) =>
  new Set((info.op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
