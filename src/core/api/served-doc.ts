import { SONZAI_DOC, type OpenApiDoc, type OperationInfo } from './openapi';

/**
 * Operations the studio adds to the published 31, marked `x-studio-extension` in the
 * served document so nobody mistakes them for production endpoints.
 */
export const EXTENSION_OPERATIONS: OperationInfo[] = [];

/** The document served at `/api/v1/openapi.json`: the published one plus the extensions. */
export function buildServedDoc(): OpenApiDoc {
  const doc = structuredClone(SONZAI_DOC);
  doc.info = {
    ...doc.info,
    'x-studio':
      'Served by Sonzai Webhook Studio: the published Sonzai operations (webhooks and notifications, and the SDK operations next to them) with the schemas the mock validates with; a studio extension, if any, is marked x-studio-extension.',
  };
  for (const e of EXTENSION_OPERATIONS) {
    doc.paths[e.path] ??= {};
    doc.paths[e.path][e.method.toLowerCase()] = e.op;
  }
  return doc;
}
