import type { DeliverySettings } from '../../shared/delivery-settings';
import { StudioError } from '../../shared/errors';
import type { Clock } from '../deps';
import { sign } from '../signing/signature';
import { attemptRow, deliveryHeaders } from './attempt-record';
import type { AttemptRow, AttemptsRepo } from './attempts-repo';
import type { ReplayInput } from './dispatcher-api';
import { platformOf, type DeliveryProfiles } from './profile';
import type { Sender } from './send';
import type { Targets } from './targets';

export const MAX_REPLAY_BYTES = 1024 * 1024;

export interface ReplayDeps {
  sender: Sender;
  targets: Targets;
  clock: Clock;
  uuid: () => string;
  settings: () => DeliverySettings;
  signal: AbortSignal;
  attempts: AttemptsRepo;
  /** Stores the new attempt (and announces it). */
  write: (row: AttemptRow) => AttemptRow & { seq: number };
  profiles?: DeliveryProfiles;
}

/**
 * Sends a stored attempt's request again, freshly signed (a replayed timestamp would be
 * stale) with the webhook's current secret; optionally to another URL or with an edited
 * body. The new attempt is linked to its origin (`replay_of`) and does not change the
 * delivery's retry state.
 */
export async function replayAttempt(input: ReplayInput, deps: ReplayDeps): Promise<{ attemptId: string }> {
  const origin = deps.attempts.get(input.attemptId);
  if (!origin) throw new StudioError('not_found', `no attempt ${input.attemptId}`);
  const body = input.body !== undefined ? Buffer.from(input.body, 'utf8') : (origin.request_body ?? Buffer.alloc(0));
  // Sent as its event's stored bytes: not stored again (migration 014).
  const bodyFromEvent =
    origin.body_from_event === 1 && origin.request_body !== null && body.equals(origin.request_body);
  if (body.length > MAX_REPLAY_BYTES)
    throw new StudioError('invalid_params', `body is larger than the limit of ${MAX_REPLAY_BYTES} bytes`);
  const url = input.to ?? origin.webhook_url;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new StudioError('invalid_params', `not an http(s) URL: ${url}`);
  }
  const profile = deps.profiles?.get(platformOf(origin));
  if (profile) {
    // An unsigned platform: the same body (or the edited one) with the platform's headers.
    const headers = profile.replayHeaders(origin);
    const result = await deps.sender.send({ url, body, headers, timeoutMs: profile.timeoutMs(), signal: deps.signal });
    const row = deps.write(
      attemptRow({
        platform: origin.platform,
        attemptId: deps.uuid(),
        deliveryId: origin.delivery_id,
        eventId: origin.event_id,
        webhookId: origin.webhook_id,
        projectId: origin.project_id,
        eventType: origin.event_type,
        webhookUrl: url,
        attemptNumber: origin.attempt_number,
        kind: 'replay',
        replayOf: origin.attempt_id,
        body,
        bodyFromEvent,
        signature: null,
        signedAt: null,
        secretIds: [],
        injected: [],
        result,
        createdAt: deps.clock.now().toISOString(),
      }),
    );
    return { attemptId: row.attempt_id };
  }
  const webhook = origin.webhook_id ? deps.targets.webhook(origin.webhook_id) : undefined;
  const settings = deps.settings();
  const now = deps.clock.now();
  const secrets = webhook ? deps.targets.signingSecrets(webhook.webhook_id, now, settings.rotationOverlapSeconds) : [];
  if (secrets.length === 0)
    throw new StudioError('not_found', 'the webhook of this attempt no longer exists or has no signing secret');
  const signedAt = Math.floor(now.getTime() / 1000);
  const signature = sign(
    body,
    secrets.map((s) => s.secret),
    signedAt,
  );
  const headers = deliveryHeaders({
    signature,
    authHeader: webhook!.auth_header,
    extras: settings.extraHeaders
      ? { deliveryId: origin.delivery_id, eventId: origin.event_id, attemptNumber: origin.attempt_number }
      : null,
  });
  const result = await deps.sender.send({ url, body, headers, timeoutMs: settings.timeoutMs, signal: deps.signal });
  const row = deps.write(
    attemptRow({
      attemptId: deps.uuid(),
      deliveryId: origin.delivery_id,
      eventId: origin.event_id,
      webhookId: origin.webhook_id,
      projectId: origin.project_id,
      eventType: origin.event_type,
      webhookUrl: url,
      attemptNumber: origin.attempt_number,
      kind: 'replay',
      replayOf: origin.attempt_id,
      body,
      bodyFromEvent,
      signature,
      signedAt,
      secretIds: secrets.map((s) => s.secret_id),
      injected: [],
      result,
      createdAt: deps.clock.now().toISOString(),
    }),
  );
  return { attemptId: row.attempt_id };
}
