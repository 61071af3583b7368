import { UI_CSP } from '../core/static-ui';

/** The renderer's CSP in the desktop app: the headless one plus loopback WebSockets. */
export const DESKTOP_CSP = UI_CSP;

export interface WebContentsHardenable {
  on(event: 'will-navigate', listener: (e: { preventDefault(): void }, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** No navigation away from the app, no new windows; links go to the system browser. */
export function hardenWebContents(
  wc: WebContentsHardenable,
  isTrustedUrl: (url: string) => boolean,
  openExternal: (url: string) => void,
): void {
  wc.on('will-navigate', (e, url) => {
    if (!isTrustedUrl(url)) e.preventDefault();
  });
  wc.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** The renderer is loaded from the app's own files (or the dev server in development). */
export function trustedUrlCheck(rendererUrl: string): (url: string) => boolean {
  const base = new URL(rendererUrl);
  return (url) => {
    try {
      const u = new URL(url);
      return base.protocol === 'file:'
        ? u.protocol === 'file:' && u.pathname === base.pathname
        : u.origin === base.origin;
    } catch {
      return false;
    }
  };
}

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: false,
} as const;
