import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { createStudio, type Studio } from '../core/index';
import { defaultDataDir } from '../core/paths';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { DESKTOP_CSP, hardenWebContents, trustedUrlCheck } from './security';
import { createMainWindow, rendererUrl } from './window';

const DEFAULT_PORT = 8455;
const dataDir = process.env.WEBHOOK_STUDIO_DATA_DIR ?? defaultDataDir();
app.setPath('userData', dataDir);

let studio: Studio | null = null;
let win: BrowserWindow | null = null;

async function start(): Promise<void> {
  const isTrustedUrl = trustedUrlCheck(rendererUrl());
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DESKTOP_CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  app.on('web-contents-created', (_e, wc) =>
    hardenWebContents(wc, isTrustedUrl, (url) => void shell.openExternal(url)),
  );

  const port = Number(process.env.WEBHOOK_STUDIO_PORT ?? DEFAULT_PORT);
  studio = await createStudio({ dataDir, port, nativeBinding: process.env.WEBHOOK_STUDIO_NATIVE_BINDING });
  registerIpc({
    ipcMain,
    dispatch: studio.dispatch,
    bus: studio.bus,
    isTrustedUrl,
    target: () => (win && !win.isDestroyed() ? win.webContents : null),
  });
  installMenu(process.platform === 'darwin');
  win = createMainWindow(dataDir, isTrustedUrl);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app
    .whenReady()
    .then(start, () => undefined)
    .catch((err: Error) => {
      dialog.showErrorBox('Sonzai Webhook Studio could not start', err.message);
      app.exit(1);
    });
  app.on('window-all-closed', () => {
    void (studio?.close() ?? Promise.resolve()).then(() => app.quit());
  });
}
