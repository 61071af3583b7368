import type { OneInboxCall, OneInboxSettings, OneInboxWebhook } from '../../../shared/contract/oneinbox';
import { OneInboxSettingsSchema } from '../../../shared/contract/oneinbox';
import { StudioError } from '../../../shared/errors';
import type { Clock, Random } from '../../deps';
import type { Dispatcher } from '../../dispatch';
import { attemptRow } from '../../dispatch/attempt-record';
import { createAttemptsRepo, toSummary } from '../../dispatch/attempts-repo';
import { timeOrderedId } from '../../ids';
import type { Sender } from '../../dispatch/send';
import type { Lang } from '../../events/generators/context';
import { createRng } from '../../events/prng';
import type { EventBus } from '../../live/bus';
import type { Db } from '../../store/open';
import type { OneInboxEventType } from './events';
import { planCall, samplePayload, type PlannedEvent } from './lifecycle';
import { MAX_WEBHOOKS, type CallRow, type OneInboxRepo, type WebhookRow } from './repo';
import { routeEvent } from './routing';

/** `project_id` of OneInbox's events, deliveries and attempts (OneInbox has accounts, not projects). */
export const ONEINBOX_PROJECT = 'oneinbox';
/** Planned call events fired per tick, at most (the rest on the next tick). */
export const FIRE_BATCH = 200;
/** Calls with events still to come, at most (each plans up to ten events). */
export const MAX_CALLS_IN_PROGRESS = 1_000;

/** The call's language, from the number it calls: Japan and China get ja / zh transcripts. */
export function languageOf(toNumber: string): Lang {
  if (toNumber.startsWith('+81')) return 'ja';
  if (toNumber.startsWith('+86') || toNumber.startsWith('+886') || toNumber.startsWith('+852')) return 'zh';
  return 'en';
}

function alnumId(prefix: string, random: Random): string {
  return `${prefix}${random.uuid().replace(/-/g, '').slice(0, 16)}`;
}

export function webhookDto(w: WebhookRow): OneInboxWebhook {
  return {
    id: w.webhook_id,
    name: w.name,
    url: w.url,
    events: w.events,
    status: w.status,
    skippedWhileInactive: w.skipped_while_inactive,
    createdAt: w.created_at,
    updatedAt: w.updated_at,
  };
}

export function callDto(c: CallRow): OneInboxCall {
  return {
    id: c.call_id,
    agentId: c.agent_id,
    toNumber: c.to_number,
    fromNumber: c.from_number,
    webhookUrl: c.webhook_url,
    language: c.language,
    status: c.status,
    outcome: c.outcome,
    reason: c.reason,
    durationSeconds: c.duration_seconds,
    aiSummary: c.ai_summary,
    recordingUrl: c.recording_url,
    transcript: c.transcript,
    createdAt: c.created_at,
    startedAt: c.started_at,
    endedAt: c.ended_at,
  };
}

export interface StartCall {
  agentId: string;
  toNumber: string;
  fromNumber: string;
  webhookUrl?: string | null;
  language?: Lang;
  /** A reason to fail with; null: connects; undefined: connects. */
  fail?: string | null;
  /** Starts this many ms after now on the studio clock (scenarios). */
  delayMs?: number;
  seed?: string | number;
}

/**
 * OneInbox's behaviour, shared by its API routes and the studio's commands: webhooks,
 * calls on the studio clock, routing of each event and its delivery through the shared
 * dispatcher, the test delivery and the deliveries log.
 */
export function createOneInboxService(deps: {
  db: Db;
  repo: OneInboxRepo;
  dispatcher: Dispatcher;
  /** The studio clock (real time + the offset `advance-time` moves). */
  studioClock: Clock;
  /** The clock attempts are stamped with (the dispatcher's). */
  clock: Clock;
  random: Random;
  bus: EventBus;
  sender: Sender;
}) {
  const { repo } = deps;
  const attempts = createAttemptsRepo(deps.db);
  const changed = (what: 'webhooks' | 'calls' | 'settings') => deps.bus.emit('oneinbox.changed', { what });

  function mustWebhook(id: string): WebhookRow {
    const w = repo.webhook(id);
    if (!w) throw new StudioError('not_found', `no webhook ${id}`);
    return w;
  }

  /** Routes one event and fires it through the dispatcher (stored before this returns). */
  function emit(eventType: string, payload: Record<string, unknown>, callWebhookUrl: string | null, source: string) {
    const route = routeEvent(eventType, repo.webhooks(), callWebhookUrl, repo.settings().perCallOverride);
    if (route.skipped.length) repo.countSkipped(route.skipped);
    const body = JSON.stringify(payload);
    const eventId = `evt_${timeOrderedId(deps.clock.now(), deps.random)}`;
    const fired = deps.dispatcher.fire({
      projectId: ONEINBOX_PROJECT,
      platform: 'oneinbox',
      eventType,
      body,
      eventId,
      agentId: typeof payload.agent_id === 'string' ? payload.agent_id : null,
      source,
      targets: route.targets,
    });
    if (route.skipped.length) changed('webhooks');
    return { eventId, eventType, body, deliveries: fired.deliveries };
  }

  function startCall(p: StartCall): CallRow {
    if (repo.callsInProgress() >= MAX_CALLS_IN_PROGRESS)
      throw new StudioError('conflict', `at most ${MAX_CALLS_IN_PROGRESS} calls in progress: advance the clock first`);
    const callId = alnumId('call_', deps.random);
    const language = p.language ?? languageOf(p.toNumber);
    const facts = { call_id: callId, agent_id: p.agentId, to_number: p.toNumber, from_number: p.fromNumber };
    const rng = createRng(p.seed ?? callId);
    const plan: PlannedEvent[] = planCall(
      { ...facts, language, fail: p.fail ?? null },
      deps.studioClock.now().getTime() + (p.delayMs ?? 0),
      rng,
    );
    repo.createCall({ ...facts, webhook_url: p.webhookUrl ?? null, language }, plan);
    changed('calls');
    return repo.call(callId)!;
  }

  /** Fires every planned call event due on the studio clock, oldest first; returns how many. */
  function runDue(): number {
    let n = 0;
    for (;;) {
      const due = repo.due(deps.studioClock.now().toISOString(), FIRE_BATCH);
      if (due.length === 0) break;
      for (const e of due) {
        const call = repo.call(e.call_id);
        emit(e.event_type, JSON.parse(e.payload_json) as Record<string, unknown>, call?.webhook_url ?? null, 'call');
        repo.fired(e, deps.studioClock.now().toISOString());
        n++;
      }
      if (due.length < FIRE_BATCH) break;
    }
    if (n) changed('calls');
    return n;
  }

  /** Sends a sample payload to a webhook's URL now and records it as an attempt (the docs' test delivery). */
  async function testWebhook(id: string) {
    const w = mustWebhook(id);
    const eventType = (w.events[0] ?? 'call.started') as OneInboxEventType;
    const facts = {
      call_id: 'call_test123',
      agent_id: 'agt_test123',
      to_number: '+919876543210',
      from_number: '+15739693824',
      language: 'en' as const,
    };
    const payload = samplePayload(eventType, facts, deps.studioClock.now().getTime(), createRng(`test:${id}`));
    const body = Buffer.from(JSON.stringify(payload), 'utf8');
    const settings = repo.settings();
    const headers: [string, string][] = [['Content-Type', 'application/json']];
    if (settings.authHeader) headers.push([settings.authHeader.name, settings.authHeader.value]);
    const startedAt = deps.clock.now();
    const result = await deps.sender.send({ url: w.url, body, headers, timeoutMs: settings.timeoutMs });
    const row = attemptRow({
      platform: 'oneinbox',
      attemptId: timeOrderedId(startedAt, deps.random),
      deliveryId: null,
      eventId: null,
      webhookId: w.webhook_id,
      projectId: ONEINBOX_PROJECT,
      eventType,
      webhookUrl: w.url,
      attemptNumber: 1,
      kind: 'delivery',
      body,
      bodyFromEvent: false,
      signature: null,
      signedAt: null,
      secretIds: [],
      injected: ['test'],
      result,
      createdAt: startedAt.toISOString(),
    });
    const seq = attempts.insert(row);
    deps.bus.emit('attempt.recorded', toSummary({ ...row, seq }));
    return { row, payload };
  }

  return {
    emit,
    startCall,
    runDue,
    testWebhook,
    mustWebhook,
    listWebhooks: () => repo.webhooks(),
    createWebhook(b: { name: string; url: string; events: string[] }) {
      if (repo.countWebhooks() >= MAX_WEBHOOKS)
        throw new StudioError('conflict', `at most ${MAX_WEBHOOKS} webhooks per account: delete one first`);
      const w = repo.createWebhook({ ...b, events: [...new Set(b.events)] });
      changed('webhooks');
      return w;
    },
    updateWebhook(id: string, patch: Partial<Pick<WebhookRow, 'name' | 'url' | 'events' | 'status'>>) {
      const w = mustWebhook(id);
      const next = repo.updateWebhook(id, {
        name: patch.name ?? w.name,
        url: patch.url ?? w.url,
        events: patch.events ? [...new Set(patch.events)] : w.events,
        status: patch.status ?? w.status,
      });
      changed('webhooks');
      return next;
    },
    deleteWebhook(id: string) {
      if (!repo.deleteWebhook(id)) throw new StudioError('not_found', `no webhook ${id}`);
      changed('webhooks');
    },
    call: (id: string) => repo.call(id),
    settings: () => repo.settings(),
    setSettings(patch: Partial<OneInboxSettings>): OneInboxSettings {
      const next = OneInboxSettingsSchema.parse({ ...repo.settings(), ...patch });
      repo.saveSettings(next);
      changed('settings');
      return next;
    },
    /** A sample event of one type, to the global webhooks (CLI `trigger --platform oneinbox`). */
    trigger(eventType: OneInboxEventType, seed?: string | number) {
      const callId = alnumId('call_', deps.random);
      const facts = {
        call_id: callId,
        agent_id: 'agt_studio',
        to_number: '+919876543210',
        from_number: '+15739693824',
        language: 'en' as const,
      };
      const payload = samplePayload(eventType, facts, deps.studioClock.now().getTime(), createRng(seed ?? callId));
      return emit(eventType, payload, null, 'trigger');
    },
  };
}
export type OneInboxService = ReturnType<typeof createOneInboxService>;
