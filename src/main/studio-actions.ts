import { clipboard, dialog, shell, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { Method, ParamsOf, ResultOf, StudioStatus } from '../shared/contract';
import type { Dispatch } from '../core/rpc/dispatch';
import { parseSignedRequest } from './clipboard-signature';

export interface StudioActions {
  copyEnv(): Promise<void>;
  openDataFolder(): Promise<void>;
  openInBrowser(): Promise<void>;
  checkSignatureFromClipboard(): Promise<void>;
}

/** What the menu and the tray offer beyond the window: each acts on the running studio. */
export function createStudioActions(o: {
  status: () => StudioStatus;
  dispatch: Dispatch;
  window: () => BrowserWindow | null;
}): StudioActions {
  async function call<M extends Method>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const res = await o.dispatch({ id: 1, method, params });
    if ('error' in res) throw new Error(res.error.message);
    return res.result as ResultOf<M>;
  }
  async function tell(options: MessageBoxOptions): Promise<void> {
    const win = o.window();
    await (win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  }
  return {
    async copyEnv() {
      const s = o.status();
      await clipboard.writeText(`export SONZAI_BASE_URL=${s.apiBaseUrl} SONZAI_API_KEY=${s.apiKey}`);
    },
    async openDataFolder() {
      const failed = await shell.openPath(o.status().dataDir);
      if (failed) await tell({ type: 'error', message: 'Could not open the data folder', detail: failed });
    },
    async openInBrowser() {
      const url = o.status().uiUrl;
      if (url) await shell.openExternal(url);
    },
    async checkSignatureFromClipboard() {
      const req = parseSignedRequest(await clipboard.readText());
      if (!req) {
        return tell({
          type: 'info',
          message: 'No signed request on the clipboard',
          detail:
            'Copy a webhook request as text: its headers with Sonzai-Signature, a blank line, then the body exactly as received.',
        });
      }
      const { webhooks } = await call('signature.webhooks', {});
      if (!webhooks.length) {
        return tell({ type: 'info', message: 'No webhook to check against', detail: 'Register a webhook first.' });
      }
      const verdicts = [];
      for (const w of webhooks) {
        verdicts.push({
          w,
          d: await call('signature.diagnose', { body: req.body, header: req.header, webhookId: w.webhookId }),
        });
      }
      const ok = verdicts.find((v) => v.d.ok);
      if (ok) {
        return tell({
          type: 'info',
          message: 'Valid signature',
          detail: `Signed with the secret of the ${ok.w.eventType} webhook for ${ok.w.webhookUrl}. ${ok.d.message}`,
        });
      }
      // The most telling verdict: one that found the secret but something else wrong.
      const best = verdicts.find((v) => v.d.reason !== 'wrong_secret' && v.d.reason !== 'mismatch') ?? verdicts[0];
      return tell({
        type: 'warning',
        message: 'The signature does not verify',
        detail: [best.d.message, ...best.d.notes].join('\n'),
      });
    },
  };
}
