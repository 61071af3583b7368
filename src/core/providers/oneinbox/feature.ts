import { ONEINBOX_EVENT_TYPES, ONEINBOX_LIMITS } from '../../../shared/contract/oneinbox';
import type { StudioContext } from '../../context';
import type { RequestLog } from '../../api/request-log';
import type { Clock } from '../../deps';
import type { Dispatcher } from '../../dispatch';
import type { DeliveryProfile } from '../../dispatch/profile';
import { createSender } from '../../dispatch/send';
import type { Feature } from '../../feature';
import { createRng } from '../../events/prng';
import { oneInboxDeliveryProfile } from './delivery-profile';
import { createOneInboxRepo } from './repo';
import { registerOneInboxRoutes } from './routes';
import { callDto, createOneInboxService, webhookDto, type OneInboxService } from './service';

/** How often planned call events are looked at (real ms); a clock jump is seen within this. */
export const CALL_TICK_MS = 250;

export interface OneInboxFeature extends Feature {
  service: OneInboxService;
}

/**
 * OneInbox as a feature: its mock API under `/v1`, its delivery profile in the shared
 * dispatcher, the calls' ticker on the studio clock, and the UI's / CLI's commands.
 */
export function oneInboxFeature(
  ctx: StudioContext,
  deps: {
    dispatcher: Dispatcher;
    profiles: Map<string, DeliveryProfile>;
    studioClock: Clock;
    /** The API request log OneInbox's requests join (Sonzai's). */
    requestLog?: RequestLog;
  },
): OneInboxFeature {
  // Calls and webhooks are stamped on the studio clock, as the call events are.
  const repo = createOneInboxRepo(ctx.db, deps.studioClock, ctx.random);
  repo.apiKey();
  deps.profiles.set('oneinbox', oneInboxDeliveryProfile(repo));
  const sender = createSender();
  const service = createOneInboxService({
    db: ctx.db,
    repo,
    dispatcher: deps.dispatcher,
    studioClock: deps.studioClock,
    clock: ctx.clock,
    random: ctx.random,
    bus: ctx.bus,
    sender,
  });
  registerOneInboxRoutes(
    ctx.app,
    repo,
    service,
    deps.requestLog ? { log: deps.requestLog, clock: ctx.clock } : undefined,
  );
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    try {
      service.runDue();
    } catch (err) {
      console.error(`webhook-studio: OneInbox call events: ${(err as Error).message}`);
    }
  };

  return {
    name: 'oneinbox',
    service,
    handlers: {
      'oneinbox.status': () => ({
        baseUrl: ctx.status().apiBaseUrl,
        apiKey: repo.apiKey(),
        settings: repo.settings(),
        eventTypes: [...ONEINBOX_EVENT_TYPES],
      }),
      'oneinbox.settings.set': ({ patch }) => service.setSettings(patch),
      'oneinbox.webhooks.list': () => ({ webhooks: service.listWebhooks().map(webhookDto) }),
      'oneinbox.webhooks.create': (p) => webhookDto(service.createWebhook(p)),
      'oneinbox.webhooks.update': ({ id, ...patch }) => webhookDto(service.updateWebhook(id, patch)),
      'oneinbox.webhooks.delete': ({ id }) => {
        service.deleteWebhook(id);
        return { id, deleted: true as const };
      },
      'oneinbox.webhooks.test': async ({ id }) => {
        const { row } = await service.testWebhook(id);
        return {
          attemptId: row.attempt_id,
          responseStatus: row.response_code,
          responseBody: row.response_body,
          error: row.error_message,
        };
      },
      'oneinbox.calls.start': (p) => callDto(service.startCall(p)),
      'oneinbox.calls.list': () => ({ calls: repo.calls().map(callDto) }),
      'oneinbox.trigger': ({ eventType, seed }) => service.trigger(eventType, seed),
      'oneinbox.scenario.busyAfternoon': ({ seed }) => ({ calls: busyAfternoon(service, seed).map(callDto) }),
    },
    start() {
      timer = setInterval(tick, CALL_TICK_MS);
      timer.unref();
    },
    close() {
      if (timer) clearInterval(timer);
      sender.close();
    },
  };
}

/**
 * The built-in "busy afternoon": several calls that overlap (started a few seconds to two
 * minutes apart, each lasting about one to three minutes), in en / ja / zh, a third failing.
 */
export function busyAfternoon(service: OneInboxService, seed: string | number = 'busy-afternoon') {
  const rng = createRng(seed);
  const numbers = ['+14155550123', '+819012345678', '+8613800138000', '+447700900123', '+15739693824', '+819087654321'];
  const calls = [];
  let delayMs = 0;
  for (let i = 0; i < ONEINBOX_LIMITS.busyAfternoonCalls; i++) {
    calls.push(
      service.startCall({
        agentId: `agt_${['sales', 'support'][i % 2]}`,
        toNumber: numbers[i % numbers.length]!,
        fromNumber: '+15739693824',
        fail: i % 3 === 2 ? rng.pick(['no-answer', 'busy']) : null,
        delayMs,
        seed: `${String(seed)}:${i}`,
      }),
    );
    delayMs += rng.int(5, 40) * 1000;
  }
  return calls;
}
