import type { Clock } from '../deps';
import type { Db } from '../store/open';
import { inboxDefaults, type Inbox } from '../../shared/contract/tunnel';

interface InboxRow {
  name: string;
  response_status: number;
  response_body: string;
  response_content_type: string;
  delay_ms: number;
  forward_to: string | null;
  forward_timeout_ms: number;
  created_at: string;
  updated_at: string;
}

export const DEFAULT_INBOX = 'dev';

function toInbox(r: InboxRow): Inbox {
  return {
    name: r.name,
    responseStatus: r.response_status,
    responseBody: r.response_body,
    responseContentType: r.response_content_type,
    delayMs: r.delay_ms,
    forwardTo: r.forward_to,
    forwardTimeoutMs: r.forward_timeout_ms,
    updatedAt: r.updated_at,
  };
}

/** Each inbox's configuration: its answer, or the local target it forwards to. */
export function createInboxesRepo(db: Db, clock: Clock) {
  const getInboxStmt = db.prepare<[string], InboxRow>('SELECT * FROM inboxes WHERE name = ?');
  const listInboxesStmt = db.prepare<[], InboxRow>('SELECT * FROM inboxes ORDER BY name');
  const insertInbox = db.prepare(
    `INSERT INTO inboxes (name, response_status, response_body, response_content_type, delay_ms, forward_to,
       forward_timeout_ms, created_at, updated_at)
     VALUES (@name, @response_status, @response_body, @response_content_type, @delay_ms, @forward_to,
       @forward_timeout_ms, @created_at, @updated_at)
     ON CONFLICT(name) DO UPDATE SET response_status = excluded.response_status,
       response_body = excluded.response_body, response_content_type = excluded.response_content_type,
       delay_ms = excluded.delay_ms, forward_to = excluded.forward_to,
       forward_timeout_ms = excluded.forward_timeout_ms, updated_at = excluded.updated_at`,
  );
  // The inbox reads its configuration on every request: kept here, refreshed when it is written.
  const inboxes = new Map<string, InboxRow | null>();

  const defaults = (name: string): Inbox => inboxDefaults(name, clock.now().toISOString());

  /** The inbox's configuration; any name works, unconfigured ones answer 200 with an empty body. */
  function getInbox(name: string): Inbox {
    let row = inboxes.get(name);
    if (row === undefined) {
      row = getInboxStmt.get(name) ?? null;
      if (inboxes.size >= 1000) inboxes.clear();
      inboxes.set(name, row);
    }
    return row ? toInbox(row) : defaults(name);
  }

  return {
    getInbox,
    listInboxes(): Inbox[] {
      const rows = listInboxesStmt.all().map(toInbox);
      if (!rows.some((i) => i.name === DEFAULT_INBOX)) rows.unshift(defaults(DEFAULT_INBOX));
      return rows;
    },
    configureInbox(name: string, patch: Partial<Omit<Inbox, 'name' | 'updatedAt'>>): Inbox {
      const now = clock.now().toISOString();
      const current = { ...getInbox(name), ...patch };
      insertInbox.run({
        name,
        response_status: current.responseStatus,
        response_body: current.responseBody,
        response_content_type: current.responseContentType,
        delay_ms: current.delayMs,
        forward_to: current.forwardTo,
        forward_timeout_ms: current.forwardTimeoutMs,
        created_at: now,
        updated_at: now,
      });
      inboxes.delete(name);
      return getInbox(name);
    },
  };
}
