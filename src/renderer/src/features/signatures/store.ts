import { create } from 'zustand';
import type { Diagnosis } from '../../../../shared/contract/inspector';
import { useStudio } from '../../store/studio';

export interface WebhookChoice {
  webhookId: string;
  projectId: string;
  eventType: string;
  webhookUrl: string;
}
export interface Snippet {
  language: 'node' | 'python' | 'go';
  filename: string;
  code: string;
}

/**
 * What went wrong, kept as data and said when rendered (so a language switch re-says it): no
 * secret nor webhook to check with, or the call failed (framed by `errorText`).
 */
export type VerifyError = { kind: 'needSecret' } | { kind: 'failed'; err: unknown };

interface SignaturesState {
  body: string;
  header: string;
  secret: string;
  /** A picked webhook: its current secret is used on the core side. */
  webhookId: string;
  tolerance: string;
  result: Diagnosis | null;
  error: VerifyError | null;
  busy: boolean;
  webhooks: WebhookChoice[];
  snippets: Snippet[];
  set(patch: Partial<Pick<SignaturesState, 'body' | 'header' | 'secret' | 'webhookId' | 'tolerance'>>): void;
  verify(): Promise<void>;
  load(): Promise<void>;
}

/** The verify-anything panel and the snippets. */
export const useSignatures = create<SignaturesState>((set, get) => ({
  body: '',
  header: '',
  secret: '',
  webhookId: '',
  tolerance: '300',
  result: null,
  error: null,
  busy: false,
  webhooks: [],
  snippets: [],
  set: (patch) => set({ ...patch, result: null, error: null }),
  async verify() {
    const c = useStudio.getState().client;
    const { body, header, secret, webhookId, tolerance } = get();
    if (!c) return;
    if (!secret && !webhookId) {
      set({ error: { kind: 'needSecret' }, result: null });
      return;
    }
    const t = Number(tolerance);
    set({ busy: true, error: null });
    try {
      const result = await c.call('signature.diagnose', {
        body,
        header,
        ...(webhookId ? { webhookId } : { secret }),
        ...(tolerance !== '' && Number.isInteger(t) && t >= 0 ? { toleranceSeconds: t } : {}),
      });
      set({ result, busy: false });
    } catch (err) {
      set({ error: { kind: 'failed', err }, result: null, busy: false });
    }
  },
  async load() {
    const c = useStudio.getState().client;
    if (!c) return;
    const [w, s] = await Promise.allSettled([c.call('signature.webhooks', {}), c.call('signature.snippets', {})]);
    set({
      ...(w.status === 'fulfilled' ? { webhooks: w.value.webhooks } : {}),
      ...(s.status === 'fulfilled' ? { snippets: s.value.snippets } : {}),
    });
  },
}));
