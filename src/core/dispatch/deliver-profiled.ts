import { attemptRow, syntheticResult } from './attempt-record';
import type { DeliverDeps, TryResult } from './deliver';
import type { ReadyDelivery } from './deliveries-repo';
import { labelsFor, type InjectionPlan } from './injection';
import type { DeliveryProfile } from './profile';
import { decide } from './schedule';
import type { SendResult } from './send';

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

/**
 * One try of a delivery of a platform with a profile (OneInbox): the same injection,
 * sending, recording and retry decision as Sonzai's, without a signature, with the
 * profile's headers and timeout. Any non-2xx is retried with backoff (no 410 rule: the
 * platform documents none).
 */
export async function deliverProfiled(
  d: ReadyDelivery,
  plan: InjectionPlan,
  reordered: boolean,
  deps: DeliverDeps,
  profile: DeliveryProfile,
): Promise<TryResult> {
  const settings = deps.settings();
  const iso = () => deps.clock.now().toISOString();
  const cancelled = (): TryResult => ({
    attempts: [],
    outcome: {
      delivery_id: d.delivery_id,
      status: 'cancelled',
      attempt_count: d.attempt_count,
      next_attempt_at: null,
    },
  });
  if (!profile.headersFor(d)) return cancelled();
  if (plan.latencyMs > 0) await sleep(plan.latencyMs, deps.signal);
  if (deps.signal.aborted) return { attempts: [], outcome: null };
  // Read again after a latency: a webhook deleted or paused meanwhile gets nothing.
  const headers = profile.headersFor(d);
  if (!headers) return cancelled();

  const attemptNumber = d.attempt_count + 1;
  const now = deps.clock.now();
  const body = d.body;
  const timeoutMs = profile.timeoutMs();
  let result: SendResult;
  if (plan.drop) {
    result = syntheticResult(headers, body, 0, { kind: 'network', message: 'dropped by failure injection (not sent)' });
  } else if (plan.forceStatus !== null) {
    result = syntheticResult(headers, body, plan.forceStatus, null);
  } else {
    result = await deps.sender.send({ url: d.webhook_url, body, headers, timeoutMs, signal: deps.signal });
    if (result.error?.kind === 'aborted') return { attempts: [], outcome: null };
  }

  const common = {
    platform: d.platform,
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
    signature: null,
    signedAt: null,
    secretIds: [],
  };
  const first = attemptRow({
    ...common,
    attemptId: deps.uuid(),
    injected: labelsFor(plan, reordered),
    result,
    createdAt: now.toISOString(),
  });
  const attempts = [first];
  if (plan.duplicate && !plan.drop && plan.forceStatus === null) {
    const again = await deps.sender.send({ url: d.webhook_url, body, headers, timeoutMs, signal: deps.signal });
    if (again.error?.kind !== 'aborted') {
      attempts.push(
        attemptRow({ ...common, attemptId: deps.uuid(), injected: ['duplicate'], result: again, createdAt: iso() }),
      );
    }
  }

  // 410 is Sonzai's "stop" rule; OneInbox documents none, so it is retried like any non-2xx.
  const code = result.status === 410 ? 0 : result.status;
  const decision = decide(
    { responseCode: code, retryAfter: result.headers?.['retry-after'] },
    attemptNumber,
    settings,
    deps.clock.now(),
    deps.random,
  );
  return {
    attempts,
    outcome: {
      delivery_id: d.delivery_id,
      status: decision.kind === 'succeeded' ? 'succeeded' : decision.kind === 'retry' ? 'failed' : 'exhausted',
      attempt_count: attemptNumber,
      next_attempt_at: decision.kind === 'retry' ? decision.at.toISOString() : null,
    },
  };
}
