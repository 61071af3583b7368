import type { DeliveryRow } from './deliveries-repo';

/**
 * What a platform other than Sonzai tells the dispatcher about its deliveries. The
 * dispatcher stays platform-agnostic: it stores, queues, retries and records; a profile
 * (registered by `src/core/providers/<platform>/`) says where a delivery may still go,
 * which headers it carries and how long a receiver has to answer. Profiles do not sign.
 */
export interface DeliveryProfile {
  /**
   * The headers of a delivery going out now, or null when it must not go (its webhook
   * was deleted or paused since it was fired): the delivery is then cancelled.
   */
  headersFor(
    d: Pick<DeliveryRow, 'delivery_id' | 'event_id' | 'webhook_id' | 'webhook_url'>,
  ): [string, string][] | null;
  /** The headers of a replay of a stored attempt (to its URL or another). */
  replayHeaders(origin: { webhook_id: string | null; webhook_url: string }): [string, string][];
  /** How long a receiver has to answer, ms. */
  timeoutMs(): number;
}

/** Profiles by platform name ('oneinbox', …). Sonzai is the dispatcher's own path. */
export type DeliveryProfiles = ReadonlyMap<string, DeliveryProfile>;

/** The platform of a stored row; rows from before migration 011 are Sonzai's. */
export function platformOf(row: { platform?: string | null }): string {
  return row.platform || 'sonzai';
}
