import type { Clock, Random } from '../deps';
import type { Db } from '../store/open';
import { createNotificationsRepo, type NewProactive, type NewProjectNotification } from './notifications-repo';
import { createStudioClock, type StudioClock } from './studio-clock';
import { createWakeupsRepo, type WakeupRow, type WakeupScope } from './wakeups-repo';

export type { ProactiveRow, ProjectNotificationRow } from './notifications-repo';
export type { WakeupRow } from './wakeups-repo';

/** The message a wakeup carries when nothing richer generated one. */
export function defaultWakeupMessage(w: Pick<WakeupRow, 'intent' | 'check_type'>): string {
  return w.intent ? `Hey! ${w.intent}` : `Hey! Just checking in (${w.check_type}).`;
}

/**
 * Proactive state shared by the mock API and the events feature: notifications,
 * wakeups and the simulated studio clock.
 *
 * - `createProactiveNotification(...)` queues a pending agent notification for a user.
 * - `createProjectNotification(...)` queues a pending project notification.
 * - `runDueWakeups(now, scope?)` marks every wakeup due at `now` (in scope) executed and returns them;
 *   each one is also passed to the `onWakeupExecuted` listeners (the lead glues these
 *   to the dispatcher: executed wakeup → `agent.wakeup` / `on_wakeup_ready` events).
 */
export function createProactive(db: Db, real: Clock, random: Random, shared?: StudioClock) {
  const studioClock = shared ?? createStudioClock(db, real);
  const clock: Clock = { now: () => studioClock.now() };
  const notifications = createNotificationsRepo(db, clock, random);
  const wakeups = createWakeupsRepo(db, clock, random);
  const listeners = new Set<(w: WakeupRow) => void>();

  function runDueWakeups(now: Date = studioClock.now(), scope?: WakeupScope): WakeupRow[] {
    const ran = wakeups.runDue(now, defaultWakeupMessage, scope);
    for (const w of ran) {
      for (const cb of listeners) {
        try {
          cb(w);
        } catch {
          /* a failing listener must not stop the others or the run */
        }
      }
    }
    return ran;
  }

  return {
    clock: studioClock,
    notifications,
    wakeups,
    createProactiveNotification: (n: NewProactive) => notifications.createProactive(n),
    createProjectNotification: (n: NewProjectNotification) => notifications.createProject(n),
    /** As the two above, without reading the stored row back: for every fired event (bursts). */
    recordProactiveNotification: (n: NewProactive) => notifications.recordProactive(n),
    recordProjectNotification: (n: NewProjectNotification) => notifications.recordProject(n),
    runDueWakeups,
    /** Called with each wakeup `runDueWakeups` executed; returns an unsubscribe function. */
    onWakeupExecuted(cb: (w: WakeupRow) => void): () => void {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}
export type Proactive = ReturnType<typeof createProactive>;
