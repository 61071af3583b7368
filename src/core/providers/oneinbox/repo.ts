import type { Clock, Random } from '../../deps';
import type { Db } from '../../store/open';
import { OneInboxSettingsSchema, type OneInboxSettings } from '../../../shared/contract/oneinbox';
import type { CallStatePatch, CallStatus, PlannedEvent } from './lifecycle';
import type { TranscriptMessage } from './transcripts';

export interface WebhookRow {
  webhook_id: string;
  name: string;
  url: string;
  events: string[];
  status: 'active' | 'inactive';
  skipped_while_inactive: number;
  created_at: string;
  updated_at: string;
}

export interface CallRow {
  call_id: string;
  agent_id: string;
  to_number: string;
  from_number: string;
  webhook_url: string | null;
  language: string;
  status: CallStatus;
  outcome: string | null;
  reason: string | null;
  duration_seconds: number | null;
  ai_summary: string | null;
  recording_url: string | null;
  transcript: TranscriptMessage[];
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  updated_at: string;
}

export interface DueCallEvent {
  seq: number;
  call_id: string;
  event_type: string;
  due_at: string;
  payload_json: string;
  state_json: string;
}

/** Rows listed by the API, at most. */
export const MAX_WEBHOOKS = 500;
export const MAX_CALLS_LISTED = 200;

export type NewCall = Pick<CallRow, 'call_id' | 'agent_id' | 'to_number' | 'from_number' | 'webhook_url' | 'language'>;

type RawWebhook = Omit<WebhookRow, 'events'> & { events_json: string };
type RawCall = Omit<CallRow, 'transcript'> & { transcript_json: string };

function webhookOf(r: RawWebhook): WebhookRow {
  const { events_json, ...rest } = r;
  return { ...rest, events: JSON.parse(events_json) as string[] };
}
function callOf(r: RawCall): CallRow {
  const { transcript_json, ...rest } = r;
  return { ...rest, transcript: JSON.parse(transcript_json) as TranscriptMessage[] };
}

/** OneInbox's own tables (migration 011): the account, webhooks, calls and their planned events. */
export function createOneInboxRepo(db: Db, clock: Clock, random: Random) {
  const iso = () => clock.now().toISOString();
  const q = {
    account: db.prepare<[], { api_key: string; settings_json: string }>(
      'SELECT api_key, settings_json FROM oneinbox_account WHERE id = 1',
    ),
    createAccount: db.prepare(
      `INSERT OR IGNORE INTO oneinbox_account (id, api_key, settings_json, created_at) VALUES (1, ?, '{}', ?)`,
    ),
    saveSettings: db.prepare('UPDATE oneinbox_account SET settings_json = ? WHERE id = 1'),
    webhooks: db.prepare<[number], RawWebhook>('SELECT * FROM oneinbox_webhooks ORDER BY seq LIMIT ?'),
    webhook: db.prepare<[string], RawWebhook>('SELECT * FROM oneinbox_webhooks WHERE webhook_id = ?'),
    countWebhooks: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM oneinbox_webhooks'),
    callsInProgress: db.prepare<[], { n: number }>(
      'SELECT COUNT(DISTINCT call_id) AS n FROM oneinbox_call_events WHERE fired_at IS NULL',
    ),
    insertWebhook: db.prepare(
      `INSERT INTO oneinbox_webhooks (webhook_id, name, url, events_json, status, created_at, updated_at)
       VALUES (@webhook_id, @name, @url, @events_json, 'active', @now, @now)`,
    ),
    updateWebhook: db.prepare(
      `UPDATE oneinbox_webhooks SET name = @name, url = @url, events_json = @events_json, status = @status,
         updated_at = @now WHERE webhook_id = @webhook_id`,
    ),
    deleteWebhook: db.prepare('DELETE FROM oneinbox_webhooks WHERE webhook_id = ?'),
    // Open rows only, through the deliveries_ready index (it holds open rows only, migration 005;
    // left to itself the planner walks every delivery the webhook ever had); by id, not URL: a
    // webhook whose URL changed still has retries to its old one.
    cancelOpen: db.prepare(
      `UPDATE deliveries INDEXED BY deliveries_ready SET status = 'cancelled', next_attempt_at = NULL
       WHERE platform = 'oneinbox' AND webhook_id = ? AND status IN ('pending', 'failed')`,
    ),
    skipped: db.prepare(
      'UPDATE oneinbox_webhooks SET skipped_while_inactive = skipped_while_inactive + 1 WHERE webhook_id = ?',
    ),
    insertCall: db.prepare(
      `INSERT INTO oneinbox_calls (call_id, agent_id, to_number, from_number, webhook_url, language, status,
         created_at, updated_at) VALUES (@call_id, @agent_id, @to_number, @from_number, @webhook_url, @language,
         'ringing', @now, @now)`,
    ),
    call: db.prepare<[string], RawCall>('SELECT * FROM oneinbox_calls WHERE call_id = ?'),
    calls: db.prepare<[number], RawCall>('SELECT * FROM oneinbox_calls ORDER BY seq DESC LIMIT ?'),
    insertEvent: db.prepare(
      `INSERT INTO oneinbox_call_events (call_id, event_type, due_at, payload_json, state_json)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    due: db.prepare<[string, number], DueCallEvent>(
      `SELECT seq, call_id, event_type, due_at, payload_json, state_json FROM oneinbox_call_events
       WHERE fired_at IS NULL AND due_at <= ? ORDER BY due_at, seq LIMIT ?`,
    ),
    nextDue: db.prepare<[], { at: string | null }>(
      'SELECT MIN(due_at) AS at FROM oneinbox_call_events WHERE fired_at IS NULL',
    ),
    markFired: db.prepare('UPDATE oneinbox_call_events SET fired_at = ? WHERE seq = ?'),
    deliveries: db.prepare<
      [string, number],
      {
        attempt_id: string;
        event_type: string;
        webhook_url: string;
        attempt_number: number;
        kind: string;
        status: string;
        response_code: number;
        response_body: string | null;
        error_message: string | null;
        duration_ms: number;
        injected_json: string | null;
        created_at: string;
      }
    >(
      `SELECT attempt_id, event_type, webhook_url, attempt_number, kind, status, response_code, response_body,
         error_message, duration_ms, injected_json, created_at
       FROM attempts INDEXED BY attempts_webhook WHERE webhook_id = ? AND platform = 'oneinbox'
       ORDER BY seq DESC LIMIT ?`,
    ),
  };

  const applyState = (callId: string, patch: CallStatePatch, now: string) => {
    const cols: string[] = [];
    const vals: unknown[] = [];
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      if (k === 'transcript') {
        cols.push('transcript_json = ?');
        vals.push(JSON.stringify(v));
      } else if (/^[a-z_]+$/.test(k)) {
        cols.push(`${k} = ?`);
        vals.push(v);
      }
    }
    cols.push('updated_at = ?');
    vals.push(now);
    db.prepare(`UPDATE oneinbox_calls SET ${cols.join(', ')} WHERE call_id = ?`).run(...vals, callId);
  };

  const deleteTx = db.transaction((id: string): boolean => {
    const gone = q.deleteWebhook.run(id).changes > 0;
    if (gone) q.cancelOpen.run(id);
    return gone;
  });
  const createCallTx = db.transaction((c: NewCall, plan: PlannedEvent[]) => {
    q.insertCall.run({ ...c, now: iso() });
    for (const e of plan)
      q.insertEvent.run(
        c.call_id,
        e.eventType,
        new Date(e.at).toISOString(),
        JSON.stringify(e.payload),
        JSON.stringify(e.state),
      );
  });
  const firedTx = db.transaction((e: DueCallEvent, now: string) => {
    q.markFired.run(now, e.seq);
    applyState(e.call_id, JSON.parse(e.state_json) as CallStatePatch, now);
  });

  return {
    /** The account's API key, made on first use (`oi_…`, a prefix of the studio's choosing). */
    apiKey(): string {
      const row = q.account.get();
      if (row) return row.api_key;
      q.createAccount.run(`oi_${random.token(24)}`, iso());
      return q.account.get()!.api_key;
    },
    settings(): OneInboxSettings {
      const raw = q.account.get()?.settings_json ?? '{}';
      try {
        const parsed = OneInboxSettingsSchema.safeParse(JSON.parse(raw));
        if (parsed.success) return parsed.data;
      } catch {
        /* a corrupt value: defaults */
      }
      return OneInboxSettingsSchema.parse({});
    },
    saveSettings(s: OneInboxSettings): void {
      this.apiKey();
      q.saveSettings.run(JSON.stringify(s));
    },
    webhooks: (): WebhookRow[] => q.webhooks.all(MAX_WEBHOOKS).map(webhookOf),
    countWebhooks: (): number => q.countWebhooks.get()!.n,
    callsInProgress: (): number => q.callsInProgress.get()!.n,
    webhook(id: string): WebhookRow | undefined {
      const r = q.webhook.get(id);
      return r ? webhookOf(r) : undefined;
    },
    createWebhook(w: { name: string; url: string; events: string[] }): WebhookRow {
      const webhook_id = `wh_${random.token(9).replace(/[-_]/g, 'x')}`;
      q.insertWebhook.run({ webhook_id, name: w.name, url: w.url, events_json: JSON.stringify(w.events), now: iso() });
      return this.webhook(webhook_id)!;
    },
    updateWebhook(id: string, w: Pick<WebhookRow, 'name' | 'url' | 'events' | 'status'>): WebhookRow {
      q.updateWebhook.run({
        webhook_id: id,
        name: w.name,
        url: w.url,
        events_json: JSON.stringify(w.events),
        status: w.status,
        now: iso(),
      });
      return this.webhook(id)!;
    },
    /** Deletes it and cancels its pending retries, in one transaction. */
    deleteWebhook: (id: string): boolean => deleteTx(id),
    countSkipped: (ids: string[]) => {
      for (const id of ids) q.skipped.run(id);
    },
    /** The call and every event it has planned, in one transaction. */
    createCall: (c: NewCall, plan: PlannedEvent[]): void => createCallTx(c, plan),
    call(id: string): CallRow | undefined {
      const r = q.call.get(id);
      return r ? callOf(r) : undefined;
    },
    calls: (limit = MAX_CALLS_LISTED): CallRow[] => q.calls.all(limit).map(callOf),
    due: (nowIso: string, limit: number): DueCallEvent[] => q.due.all(nowIso, limit),
    nextDueAt: (): string | null => q.nextDue.get()?.at ?? null,
    /** Marks a planned event fired and moves its call's state, in one transaction. */
    fired: (e: DueCallEvent, now: string): void => firedTx(e, now),
    deliveries: (webhookId: string, limit: number) => q.deliveries.all(webhookId, limit),
  };
}
export type OneInboxRepo = ReturnType<typeof createOneInboxRepo>;
