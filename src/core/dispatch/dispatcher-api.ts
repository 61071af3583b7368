/**
 * What the rest of the core may ask of the dispatcher. The events feature fires through
 * `fire`; the inspector replays through `replay`; the mock API only reads the store.
 * Implemented by `createDispatcher` in `dispatch/` (issue 4).
 */

/** Failure injection for QA, per webhook, global, or per fired event (scenario step). */
export interface Injection {
  /** Extra latency before sending, ms. */
  latencyMs?: number;
  /** Probability 0..1 that a delivery is not sent (recorded as injected "drop"). */
  dropRate?: number;
  /** Probability 0..1 that a delivery is sent twice. */
  duplicateRate?: number;
  /** Hold deliveries and send them in shuffled order (window size). */
  reorderWindow?: number;
  /** Answer this status instead of sending (recorded as injected "forced_status"). */
  forceStatus?: number;
}

export interface FireInput {
  projectId: string;
  eventType: string;
  /** The exact JSON bytes to deliver (already serialised: the dispatcher never re-serialises). */
  body: string | Buffer;
  /** Unique id of the event, also inside the body's envelope. */
  eventId: string;
  agentId?: string | null;
  userId?: string | null;
  /** Where it came from: 'ui' | 'cli' | 'scenario' | 'wakeup' | 'api' … */
  source?: string;
  injection?: Injection;
  /** 'sonzai' (default) or a platform with a delivery profile ('oneinbox'). */
  platform?: string;
  /**
   * Where it goes, decided by its platform (OneInbox: subscriptions, status, per-call
   * override). Absent: the project's active Sonzai webhooks for the event type.
   */
  targets?: { webhookId: string | null; url: string }[];
}

export interface FiredDelivery {
  deliveryId: string;
  /** Empty for a delivery to a URL given with the event (OneInbox's per-call webhook_url). */
  webhookId: string;
  webhookUrl: string;
}

export interface FireResult {
  eventId: string;
  /** One per active webhook of the project for the event type; empty when none is registered. */
  deliveries: FiredDelivery[];
}

export interface ReplayInput {
  attemptId: string;
  /** Send to another URL instead of the attempt's own. */
  to?: string;
  /** Edited body: re-signed with the webhook's current secret before sending. */
  body?: string;
}

export interface DispatcherApi {
  /** Stores the event and its deliveries durably (before returning), then delivers in the background. */
  fire(input: FireInput): FireResult;
  /**
   * Several events in one transaction (a burst's slice): all stored, or none, before any is delivered.
   * `alongside` writes what the events imply (notifications) in the same transaction, after them: one
   * commit for both. Best effort: if it throws, its writes are undone and the events are still stored.
   */
  fireMany?(inputs: FireInput[], alongside?: () => void): FireResult[];
  /** Sends a stored attempt's request again; resolves with the new attempt's id once it is stored. */
  replay(input: ReplayInput): Promise<{ attemptId: string }>;
  /** Runs a pending retry now. */
  retryNow(deliveryId: string): void;
  /** Cancels a delivery's pending retries. */
  cancel(deliveryId: string): void;
  /** Resolves when nothing is in flight or due (tests, CLI `trigger --wait`). */
  idle(): Promise<void>;
}
