import type { DeliveryAttempt, DeliveryState, DeliverySummary } from '../../../../shared/contract/deliveries';
import { codeLabel } from './match';
import { count } from '../../format';

/** The words of the grouped view, in one place (they move to a message catalog with i18n). */
export const STATE_LABEL: Record<DeliveryState, string> = {
  scheduled: 'scheduled',
  sending: 'sending',
  retrying: 'retrying',
  delivered: 'delivered',
  failed: 'failed for good',
  cancelled: 'cancelled',
};

export const STATE_TONE: Record<DeliveryState, 'ok' | 'warn' | 'bad' | 'muted'> = {
  scheduled: 'muted',
  sending: 'muted',
  retrying: 'warn',
  delivered: 'ok',
  failed: 'bad',
  cancelled: 'muted',
};

export function triesLabel(d: Pick<DeliverySummary, 'tries' | 'replays'>): string {
  const tries = `${d.tries} ${d.tries === 1 ? 'try' : 'tries'}`;
  return d.replays ? `${tries} + ${d.replays} ${d.replays === 1 ? 'replay' : 'replays'}` : tries;
}

export function lastLabel(d: DeliverySummary): string {
  return d.last ? `${codeLabel(d.last.responseCode)} · ${d.last.durationMs} ms` : '—';
}

/** "original", "retry 2", "replay of try 1", "edited replay of try 1". */
export function attemptKindLabel(a: DeliveryAttempt): string {
  if (a.kind === 'delivery') return 'original';
  if (a.kind === 'retry') return `retry ${a.attemptNumber - 1}`;
  return `${a.edited ? 'edited replay' : 'replay'} of try ${a.attemptNumber}`;
}

/** "12,408 deliveries · 37 failing · 51,220 attempts". */
export function countsLabel(c: { deliveries: number; failing: number; attempts: number }): string {
  const n = (x: number) => count(x);
  const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;
  return `${plural(c.deliveries, 'delivery', 'deliveries')} · ${n(c.failing)} failing · ${plural(c.attempts, 'attempt', 'attempts')}`;
}
