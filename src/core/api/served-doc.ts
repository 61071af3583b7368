import { SONZAI_DOC, type OpenApiDoc, type OperationInfo } from './openapi';

/**
 * Operations the studio adds to the published 31, marked `x-studio-extension` in the
 * served document so nobody mistakes them for production endpoints.
 */
export const EXTENSION_OPERATIONS: OperationInfo[] = [
  {
    operationId: 'revokeAPIKey',
    method: 'DELETE',
    path: '/projects/{projectId}/keys/{keyId}',
    op: {
      operationId: 'revokeAPIKey',
      summary: 'Revoke an API key (studio extension)',
      'x-studio-extension': true,
      tags: ['Projects'],
      parameters: [
        { name: 'projectId', in: 'path', required: true, schema: { type: 'string', description: 'Project UUID' } },
        { name: 'keyId', in: 'path', required: true, schema: { type: 'string', description: 'API key id' } },
      ],
      responses: {
        '204': { description: 'No Content' },
        default: {
          description: 'Error',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ErrorModel' } } },
        },
      },
      security: [{ apiKey: [] }],
    },
  },
];

/** The document served at `/api/v1/openapi.json`: the published one plus the extensions. */
export function buildServedDoc(): OpenApiDoc {
  const doc = structuredClone(SONZAI_DOC);
  doc.info = {
    ...doc.info,
    'x-studio':
      'Served by Sonzai Webhook Studio: the published Sonzai schemas the mock validates with, plus operations marked x-studio-extension.',
  };
  for (const e of EXTENSION_OPERATIONS) {
    doc.paths[e.path] ??= {};
    doc.paths[e.path][e.method.toLowerCase()] = e.op;
  }
  return doc;
}
