import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { createStudio, type Studio } from '../core/index';
import { leanHeap } from '../core/heap';
import type { AttemptSummary } from '../shared/contract';
import trayIcon from '../../build/tray.png?asset';
import trayIcon2x from '../../build/tray@2x.png?asset';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, APP_URL, rendererFileHandler } from './app-protocol';
import { loadDesktopPrefs, saveDesktopPrefs } from './desktop-prefs';
import { createExternalOpener } from './external-links';
import { createFailureWatch } from './failure-watch';
import { registerIpc } from './ipc';
import { launchOptions } from './launch-options';
import { installMenu, type NotifyToggle } from './menu';
import { DESKTOP_CSP, denyAllPermissions, hardenWebContents, trustedUrlCheck } from './security';
import { createStudioActions } from './studio-actions';
import { createStudioTray } from './tray';
import { createMainWindow } from './window';
import { parseStopWith, STOP_WITH_ENV, watchLaunchers } from '../core/stop-with-launchers';

// Before the app is ready: the renderer's own scheme, standard and secure.
protocol.registerSchemesAsPrivileged(APP_SCHEME_PRIVILEGES);

const opts = launchOptions(process.argv, process.env, app.isPackaged);
app.setPath('userData', opts.dataDir);
const rendererDir = join(__dirname, '../renderer');
const rendererUrl = opts.devRendererUrl ?? APP_URL;
const isTrustedUrl = trustedUrlCheck(rendererUrl);

let studio: Studio | null = null;
let win: BrowserWindow | null = null;
let tray: ReturnType<typeof createStudioTray> | null = null;
const watch = createFailureWatch();

const openLink = createExternalOpener({
  openExternal: (url) => shell.openExternal(url),
  confirm: async (url) =>
    (
      await dialog.showMessageBox({
        type: 'question',
        buttons: ['Open in browser', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: 'Open this link in your browser?',
        detail: url,
      })
    ).response === 0,
  studioOrigins: () => {
    const port = studio?.status().port;
    return port ? [`http://127.0.0.1:${port}`, `http://localhost:${port}`] : [];
  },
});

function showWindow(): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function onAttempt(a: AttemptSummary, notify: NotifyToggle): void {
  const looking = !!win && !win.isDestroyed() && win.isFocused();
  const first = watch.record(a, looking);
  if (first && notify.get() && Notification.isSupported()) {
    const why = a.responseCode ? `HTTP ${a.responseCode}` : (a.errorMessage ?? 'no response');
    new Notification({
      title: 'A webhook started failing',
      body: `${a.eventType} to ${a.webhookUrl}: ${why}`,
    }).show();
  }
  if (a.status === 'failed') tray?.refresh();
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  if (opts.devRendererUrl) {
    // Development only: the dev server's responses get the same CSP header.
    session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
      cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DESKTOP_CSP] } });
    });
  } else {
    protocol.handle(APP_SCHEME, rendererFileHandler(rendererDir));
  }
  app.on('web-contents-created', (_e, wc) => hardenWebContents(wc, isTrustedUrl, (url) => void openLink(url)));

  leanHeap(); // as headless serve does (src/core/heap.ts)
  const s = await createStudio({
    dataDir: opts.dataDir,
    port: opts.port,
    nativeBinding: opts.nativeBinding,
    allowHosts: opts.allowHosts,
    // The same UI over HTTP, for "Open in browser".
    uiDir: rendererDir,
  });
  studio = s;
  registerIpc({
    ipcMain,
    dispatch: s.dispatch,
    bus: s.bus,
    isTrustedUrl,
    target: () => (win && !win.isDestroyed() ? win.webContents : null),
  });
  let prefs = loadDesktopPrefs(opts.dataDir);
  const notify: NotifyToggle = {
    get: () => prefs.notifyOnFirstFailure,
    set: (on) => {
      prefs = { ...prefs, notifyOnFirstFailure: on };
      saveDesktopPrefs(opts.dataDir, prefs);
    },
  };
  const actions = createStudioActions({ status: s.status, dispatch: s.dispatch, window: () => win });
  installMenu(process.platform === 'darwin', actions, notify);
  win = createMainWindow(opts.dataDir, rendererUrl);
  win.on('focus', () => {
    watch.markSeen();
    tray?.refresh();
  });
  tray = createStudioTray({
    iconPath: trayIcon,
    iconPath2x: trayIcon2x,
    actions,
    notify,
    watch,
    running: () => s.status().state === 'ready',
    apiBaseUrl: () => s.status().apiBaseUrl,
    showWindow,
    quit: () => app.quit(),
  });
  s.bus.subscribe(
    (e) => {
      if (e.event === 'attempt.recorded') onAttempt(e.payload, notify);
    },
    ['attempt.recorded'],
  );
}

let stopping: Promise<void> | null = null;
/** Stops the studio once: its HTTP server, dispatcher and store (closing the store checkpoints the WAL). */
function shutdown(): Promise<void> {
  stopping ??= (async () => {
    tray?.destroy();
    tray = null;
    await studio?.close();
  })();
  return stopping;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showWindow);
  // Under `npm start`: quit when the script, its shell or npm goes (even killed outright).
  watchLaunchers(parseStopWith(process.env[STOP_WITH_ENV]), () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch(async (err: Error) => {
      dialog.showErrorBox('Sonzai Webhook Studio could not start', err.message);
      await shutdown().catch(() => undefined);
      app.exit(1);
    });
  app.on('window-all-closed', () => {
    void shutdown().then(() => app.quit());
  });
  let readyToQuit = false;
  app.on('before-quit', (e) => {
    if (readyToQuit) return;
    e.preventDefault();
    void shutdown().then(() => {
      readyToQuit = true;
      app.quit();
    });
  });
}
