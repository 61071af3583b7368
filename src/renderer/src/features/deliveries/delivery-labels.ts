import i18next from 'i18next';
import type { DeliveryAttempt, DeliveryState, DeliverySummary } from '../../../../shared/contract/deliveries';
import { DELIVERY_STATES } from '../../../../shared/contract/deliveries';
import { codeLabel } from './match';
import { count, duration } from '../../format';

/** A delivery's state in words (`deliveries:state.*`), in the UI's language. */
export function stateLabel(state: DeliveryState): string {
  return i18next.t(`deliveries:state.${state}`);
}

/**
 * The words of the grouped view, by state. Each one is read from the catalog when it is read
 * (`STATE_LABEL[state]` during a render), so a live language switch shows the new words.
 */
export const STATE_LABEL: Readonly<Record<DeliveryState, string>> = Object.defineProperties(
  {} as Record<DeliveryState, string>,
  Object.fromEntries(
    DELIVERY_STATES.map((s) => [s, { enumerable: true, get: () => stateLabel(s) }]),
  ) as PropertyDescriptorMap,
);

export const STATE_TONE: Record<DeliveryState, 'ok' | 'warn' | 'bad' | 'muted'> = {
  scheduled: 'muted',
  sending: 'muted',
  retrying: 'warn',
  delivered: 'ok',
  failed: 'bad',
  cancelled: 'muted',
};

/** "3 tries", "3 tries + 1 replay". */
export function triesLabel(d: Pick<DeliverySummary, 'tries' | 'replays'>): string {
  const tries = i18next.t('deliveries:labels.tries', { count: d.tries, n: count(d.tries) });
  if (!d.replays) return tries;
  const replays = i18next.t('deliveries:labels.replays', { count: d.replays, n: count(d.replays) });
  return i18next.t('deliveries:labels.triesAndReplays', { tries, replays });
}

/** "200 · 31 ms", or "—" before the first try. */
export function lastLabel(d: DeliverySummary): string {
  return d.last
    ? i18next.t('deliveries:labels.last', {
        code: codeLabel(d.last.responseCode),
        duration: duration(d.last.durationMs),
      })
    : '—';
}

/** "original", "retry 2", "replay of try 1", "edited replay of try 1". */
export function attemptKindLabel(a: DeliveryAttempt): string {
  if (a.kind === 'delivery') return i18next.t('deliveries:labels.original');
  if (a.kind === 'retry') return i18next.t('deliveries:labels.retry', { n: count(a.attemptNumber - 1) });
  return a.edited
    ? i18next.t('deliveries:labels.editedReplayOf', { n: count(a.attemptNumber) })
    : i18next.t('deliveries:labels.replayOf', { n: count(a.attemptNumber) });
}

/** "12,408 deliveries · 37 failing · 51,220 attempts". */
export function countsLabel(c: { deliveries: number; failing: number; attempts: number }): string {
  return i18next.t('deliveries:counts.summary', {
    deliveries: i18next.t('deliveries:counts.deliveries', { count: c.deliveries, n: count(c.deliveries) }),
    failing: i18next.t('deliveries:counts.failing', { n: count(c.failing) }),
    attempts: i18next.t('deliveries:counts.attempts', { count: c.attempts, n: count(c.attempts) }),
  });
}
