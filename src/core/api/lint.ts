import type { FastifyRequest } from 'fastify';
import type { LintNote } from '../../shared/contract/api';
import { publishedQuery, type OperationInfo } from './openapi';

/**
 * Request lint: things the mock accepted but production's published schema would reject
 * or silently ignore. Each note is stored with the request in the API log.
 */
export function addLint(req: FastifyRequest, code: string, message: string): void {
  if (!req.api.lint.some((n) => n.code === code && n.message === message)) req.api.lint.push({ code, message });
}

/** Notes unknown query parameters and bodies sent to operations that take none. */
export function lintGeneric(req: FastifyRequest, info: OperationInfo): void {
  const known = publishedQuery(info);
  const query = (req.query ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(query)) {
    if (!known.has(name)) {
      addLint(
        req,
        'unknown_query_parameter',
        `query parameter "${name}" is not in the published schema of ${info.operationId}; production ignores it`,
      );
    }
  }
  const hasBodySchema = !!info.op.requestBody;
  if (!hasBodySchema && req.api.rawBody !== undefined && req.api.rawBody.trim() !== '') {
    addLint(
      req,
      'unexpected_body',
      `${info.operationId} takes no request body in the published schema; production ignores it`,
    );
  }
}

export type { LintNote };
