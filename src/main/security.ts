import { UI_CSP } from '../core/static-ui';

/**
 * The renderer's CSP in the desktop app, sent as a header on every response of the app
 * scheme: the same policy the headless UI is served with (the desktop renderer talks to
 * the core over IPC, so it needs no more).
 */
export const DESKTOP_CSP = UI_CSP;

export interface WebContentsHardenable {
  on(event: 'will-navigate' | 'will-redirect', listener: (e: { preventDefault(): void }, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** No navigation away from the app, no new windows; links go through the external-link policy. */
export function hardenWebContents(
  wc: WebContentsHardenable,
  isTrustedUrl: (url: string) => boolean,
  openExternal: (url: string) => void,
): void {
  const refuseForeign = (e: { preventDefault(): void }, url: string) => {
    if (!isTrustedUrl(url)) e.preventDefault();
  };
  wc.on('will-navigate', refuseForeign);
  wc.on('will-redirect', refuseForeign);
  wc.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** Only the app's own origin (the app scheme, or the dev server in development) is trusted. */
export function trustedUrlCheck(rendererUrl: string): (url: string) => boolean {
  const base = new URL(rendererUrl);
  return (url) => {
    try {
      const u = new URL(url);
      // Compared by scheme and host: a custom scheme's URL has an opaque origin.
      return u.protocol === base.protocol && u.host === base.host && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  };
}

export interface SessionLike {
  setPermissionRequestHandler(h: (wc: unknown, permission: string, cb: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(h: (wc: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(h: (details: unknown) => boolean): void;
}

/** The studio needs no camera, microphone, notifications, HID, USB or serial: all denied. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, cb) => cb(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
