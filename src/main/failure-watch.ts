/** Webhook URLs remembered at most (the oldest is forgotten first). */
export const WATCHED_URLS_MAX = 1000;

/**
 * Follows delivery attempts for the tray and the notifications: how many failed since the
 * user last looked at the window, and whether a failure is a webhook's first after a
 * success (the moment worth a notification; a webhook that keeps failing says so once).
 */
export function createFailureWatch() {
  const last = new Map<string, 'success' | 'failed'>();
  let unseen = 0;
  return {
    /** Returns true when this attempt is its webhook's first failure after a success. */
    record(attempt: { webhookUrl: string; status: 'success' | 'failed' }, looking: boolean): boolean {
      const before = last.get(attempt.webhookUrl);
      last.delete(attempt.webhookUrl);
      last.set(attempt.webhookUrl, attempt.status);
      if (last.size > WATCHED_URLS_MAX) last.delete(last.keys().next().value as string);
      if (attempt.status !== 'failed') return false;
      if (!looking) unseen++;
      return before === 'success';
    },
    unseen: () => unseen,
    markSeen(): void {
      unseen = 0;
    },
  };
}
export type FailureWatch = ReturnType<typeof createFailureWatch>;
