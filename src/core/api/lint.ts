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

/** What the generic lint needs of an operation, computed once per route. */
export interface LintInfo {
  operationId: string;
  /** Query parameters production knows: the published ones, plus those the seed pages document. */
  knownQuery: ReadonlySet<string>;
  /** Query parameters that are integers (production parses them as Go integers). */
  integerQuery: ReadonlySet<string>;
  hasBody: boolean;
}

export function lintInfoOf(info: OperationInfo, seedQuery: readonly string[] = []): LintInfo {
  const integers = (info.op.parameters ?? [])
    .filter((p) => p.in === 'query' && (p.schema as { type?: unknown } | undefined)?.type === 'integer')
    .map((p) => p.name);
  return {
    operationId: info.operationId,
    knownQuery: new Set([...publishedQuery(info), ...seedQuery]),
    // The seed pages' extra parameters (limit, offset) are integers too.
    integerQuery: new Set([...integers, ...seedQuery]),
    hasBody: !!info.op.requestBody,
  };
}

/** Notes unknown query parameters and bodies sent to operations that take none. */
export function lintGeneric(req: FastifyRequest, info: LintInfo): void {
  const query = req.query as Record<string, unknown> | undefined;
  if (query) {
    for (const name in query) {
      if (!info.knownQuery.has(name)) {
        addLint(
          req,
          'unknown_query_parameter',
          `query parameter "${name}" is not in the published schema of ${info.operationId}; production ignores it`,
        );
      }
    }
  }
  if (!info.hasBody && req.api.rawBody !== undefined && req.api.rawBody.trim() !== '') {
    addLint(
      req,
      'unexpected_body',
      `${info.operationId} takes no request body in the published schema; production ignores it`,
    );
  }
}

export type { LintNote };
