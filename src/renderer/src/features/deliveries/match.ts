import type { AttemptSummary } from '../../../../shared/contract';
import type { AttemptFilter } from '../../../../shared/contract/inspector';
import i18next from 'i18next';
import { clockTime } from '../../format';

/**
 * Whether a live attempt belongs in the list under this filter. Body text cannot be
 * checked here (the summary has no body): `null` means "ask the core".
 */
export function matchesFilter(a: AttemptSummary, f: AttemptFilter): boolean | null {
  if (f.eventType && a.eventType !== f.eventType) return false;
  if (f.status && a.status !== f.status) return false;
  if (f.codeClass) {
    const cls = f.codeClass === 'none' ? 0 : Number(f.codeClass[0]);
    if (Math.floor(a.responseCode / 100) !== cls) return false;
  }
  if (f.webhookUrl && a.webhookUrl !== f.webhookUrl) return false;
  if (f.kind && a.kind !== f.kind) return false;
  if (f.platform && (a.platform ?? 'sonzai') !== f.platform) return false;
  if (f.since && Date.parse(a.createdAt) < Date.parse(f.since)) return false;
  if (f.until && Date.parse(a.createdAt) >= Date.parse(f.until)) return false;
  if (f.text) return null;
  return true;
}

/** A response code as shown: the number, or "no response" (code 0) in the UI's language. */
export function codeLabel(code: number): string {
  return code === 0 ? i18next.t('deliveries:code.none') : String(code);
}

export function codeTone(a: Pick<AttemptSummary, 'status' | 'responseCode'>): 'ok' | 'warn' | 'bad' {
  if (a.status === 'success') return 'ok';
  return a.responseCode >= 400 && a.responseCode < 500 ? 'warn' : 'bad';
}

/** A moment in a list (the one format every area uses: `format.ts`). */
export const timeLabel = (iso: string): string => clockTime(iso);
