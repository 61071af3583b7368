import type { DeliverySettings } from '../../shared/delivery-settings';
import type { Clock } from '../deps';
import { sign } from '../signing/signature';
import { attemptRow, deliveryHeaders, syntheticResult } from './attempt-record';
import type { AttemptRow } from './attempts-repo';
import type { DeliveryOutcome, ReadyDelivery } from './deliveries-repo';
import { deliverProfiled } from './deliver-profiled';
import { labelsFor, type InjectionPlan } from './injection';
import { platformOf, type DeliveryProfiles } from './profile';
import { decide, type RandomFloat } from './schedule';
import type { Sender, SendResult } from './send';
import type { Targets } from './targets';

export interface DeliverDeps {
  sender: Sender;
  targets: Targets;
  clock: Clock;
  /** Real time, for the signature timestamp. */
  signingClock?: Clock;
  random: RandomFloat;
  uuid: () => string;
  settings: () => DeliverySettings;
  signal: AbortSignal;
  /** Platforms other than Sonzai (no signature, their own headers and timeout). */
  profiles?: DeliveryProfiles;
}

export interface TryResult {
  attempts: AttemptRow[];
  /** null when the try was aborted by a shutdown: the delivery runs again after a restart. */
  outcome: DeliveryOutcome | null;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/** One try of one delivery: inject, sign, send, record, decide what comes next. */
export async function deliverOnce(
  d: ReadyDelivery,
  plan: InjectionPlan,
  reordered: boolean,
  deps: DeliverDeps,
): Promise<TryResult> {
  const profile = deps.profiles?.get(platformOf(d));
  if (profile) return deliverProfiled(d, plan, reordered, deps, profile);
  const settings = deps.settings();
  const iso = () => deps.clock.now().toISOString();
  const target = d.webhook_id
    ? deps.targets.forDelivery(d.webhook_id, deps.clock.now(), settings.rotationOverlapSeconds)
    : null;
  const webhook = target?.webhook;
  if (!target || !webhook || !webhook.is_active) {
    // Deleted or deactivated since it was fired: production would not send it either.
    return {
      attempts: [],
      outcome: {
        delivery_id: d.delivery_id,
        status: 'cancelled',
        attempt_count: d.attempt_count,
        next_attempt_at: null,
      },
    };
  }
  if (plan.latencyMs > 0) await sleep(plan.latencyMs, deps.signal);
  if (deps.signal.aborted) return { attempts: [], outcome: null };

  const attemptNumber = d.attempt_count + 1;
  const now = deps.clock.now();
  // After an injected latency the secrets are read again: a rotation meanwhile applies.
  const secrets =
    plan.latencyMs > 0
      ? deps.targets.signingSecrets(webhook.webhook_id, now, settings.rotationOverlapSeconds)
      : target.secrets;
  const signedAt = Math.floor((deps.signingClock ?? deps.clock).now().getTime() / 1000);
  const body = d.body;
  const signature = secrets.length
    ? sign(
        body,
        secrets.map((s) => s.secret),
        signedAt,
      )
    : null;
  const headers = deliveryHeaders({
    signature: signature ?? '',
    authHeader: webhook.auth_header,
    extras: settings.extraHeaders ? { deliveryId: d.delivery_id, eventId: d.event_id, attemptNumber } : null,
  });

  let result: SendResult;
  if (!signature) {
    result = syntheticResult(headers, body, 0, { kind: 'network', message: 'the webhook has no signing secret' });
  } else if (plan.drop) {
    result = syntheticResult(headers, body, 0, { kind: 'network', message: 'dropped by failure injection (not sent)' });
  } else if (plan.forceStatus !== null) {
    result = syntheticResult(headers, body, plan.forceStatus, null);
  } else {
    result = await deps.sender.send({
      url: d.webhook_url,
      body,
      headers,
      timeoutMs: settings.timeoutMs,
      signal: deps.signal,
    });
    if (result.error?.kind === 'aborted') return { attempts: [], outcome: null };
  }

  const common = {
    deliveryId: d.delivery_id,
    eventId: d.event_id,
    webhookId: d.webhook_id,
    projectId: d.project_id,
    eventType: d.event_type,
    webhookUrl: d.webhook_url,
    attemptNumber,
    kind: attemptNumber === 1 ? ('delivery' as const) : ('retry' as const),
    body,
    bodyFromEvent: true,
    signature,
    signedAt: signature ? signedAt : null,
    secretIds: secrets.map((s) => s.secret_id),
  };
  const first = attemptRow({
    ...common,
    attemptId: deps.uuid(),
    injected: labelsFor(plan, reordered),
    result,
    createdAt: now.toISOString(),
  });
  const attempts = [first];

  if (plan.duplicate && !plan.drop && plan.forceStatus === null && signature) {
    const again = await deps.sender.send({
      url: d.webhook_url,
      body,
      headers,
      timeoutMs: settings.timeoutMs,
      signal: deps.signal,
    });
    if (again.error?.kind !== 'aborted') {
      attempts.push(
        attemptRow({ ...common, attemptId: deps.uuid(), injected: ['duplicate'], result: again, createdAt: iso() }),
      );
    }
  }

  const decision = decide(
    { responseCode: result.status, retryAfter: result.headers?.['retry-after'] },
    attemptNumber,
    settings,
    deps.clock.now(),
    deps.random,
  );
  const status =
    decision.kind === 'succeeded'
      ? 'succeeded'
      : decision.kind === 'gone'
        ? 'gone'
        : decision.kind === 'exhausted'
          ? 'exhausted'
          : 'failed';
  return {
    attempts,
    outcome: {
      delivery_id: d.delivery_id,
      status,
      attempt_count: attemptNumber,
      next_attempt_at: decision.kind === 'retry' ? decision.at.toISOString() : null,
    },
  };
}
