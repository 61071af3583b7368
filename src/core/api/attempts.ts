import { HttpProblem } from '../http/problem';
import { attemptBodySql } from '../dispatch/attempts-repo';
import { attemptOut, type AttemptRow } from './mappers';
import { boundedInt, decodeCursor, encodeCursor } from './pagination';
import { checkEventType, withSchema } from './respond';
import { routeProject } from './webhooks';
import type { ApiDeps, OperationHandlers, RouteHandler } from './types';

/** Largest page of attempts, either pagination style. */
export const MAX_ATTEMPTS_PAGE = 500;
/** Largest `offset` accepted (deeper pages use the cursor). */
export const MAX_ATTEMPTS_OFFSET = 1_000_000;

const COLUMNS = `seq, attempt_id, project_id, event_type, webhook_url, attempt_number, status, response_code, duration_ms,
  error_message, ${attemptBodySql('attempts')} AS request_body, response_body, created_at`;

/**
 * Delivery attempts of a webhook, newest first, read from the dispatcher's `attempts`
 * table. Two pagination styles: `limit` (1..500, default 50) + `offset` (the seed page),
 * and `page_size` (1..500) + base64 `cursor` with `has_more`/`next_cursor` (the OpenAPI
 * document). Mixing the two is rejected.
 */
export function attemptRoutes(deps: ApiDeps): OperationHandlers {
  const list: RouteHandler = (req) => {
    const p = routeProject(deps, req);
    const eventType = checkEventType((req.params as { eventType: string }).eventType);
    const q = req.query as { page_size?: unknown; cursor?: string; limit?: unknown; offset?: unknown };
    const offsetStyle = q.limit !== undefined || q.offset !== undefined;
    const cursorStyle = q.page_size !== undefined || q.cursor !== undefined;
    if (offsetStyle && cursorStyle) {
      throw new HttpProblem(422, 'use either limit/offset or page_size/cursor, not both', [
        { location: 'query', message: 'mixed pagination styles', value: null },
      ]);
    }
    let rows: AttemptRow[];
    let hasMore: boolean;
    let next: string | undefined;
    if (offsetStyle) {
      const limit = boundedInt(q.limit, 'limit', 1, MAX_ATTEMPTS_PAGE, 50);
      const offset = boundedInt(q.offset, 'offset', 0, MAX_ATTEMPTS_OFFSET, 0);
      rows = deps.db
        .prepare<unknown[], AttemptRow>(
          `SELECT ${COLUMNS} FROM attempts WHERE project_id = ? AND event_type = ? ORDER BY seq DESC LIMIT ? OFFSET ?`,
        )
        .all(p.project_id, eventType, limit + 1, offset);
      hasMore = rows.length > limit;
      rows = rows.slice(0, limit);
      if (hasMore) next = encodeCursor({ s: rows[rows.length - 1].seq });
    } else {
      const size = boundedInt(q.page_size, 'page_size', 1, MAX_ATTEMPTS_PAGE, 50);
      const before = q.cursor ? decodeCursor(q.cursor, ['s']).s : Number.MAX_SAFE_INTEGER;
      rows = deps.db
        .prepare<unknown[], AttemptRow>(
          `SELECT ${COLUMNS} FROM attempts WHERE project_id = ? AND event_type = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
        )
        .all(p.project_id, eventType, before, size + 1);
      hasMore = rows.length > size;
      rows = rows.slice(0, size);
      if (hasMore) next = encodeCursor({ s: rows[rows.length - 1].seq });
    }
    return withSchema(deps, 'PaginatedDeliveryAttemptsResponse', {
      attempts: rows.map(attemptOut),
      has_more: hasMore,
      ...(next ? { next_cursor: next } : {}),
    });
  };
  return { listDeliveryAttemptsForTenant: list, listDeliveryAttempts: list };
}
