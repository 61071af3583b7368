import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { loadWindowState, saveWindowState } from './window-state';

/** The main window: sandboxed, context-isolated, no Node, no <webview>, loading `url`. */
export function createMainWindow(dataDir: string, url: string): BrowserWindow {
  const state = loadWindowState(dataDir);
  // The webPreferences are written out here, literally, so a static audit reads them as they are.
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Sonzai Webhook Studio',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // No middle-click navigation (auxclick) around the will-navigate guard.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    saveWindowState(dataDir, { ...b, maximized: win.isMaximized() });
  });
  void win.loadURL(url);
  return win;
}
