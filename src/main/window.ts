import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { hardenWebContents, SECURE_WEB_PREFERENCES } from './security';
import { loadWindowState, saveWindowState } from './window-state';

export function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return dev ?? `file://${join(__dirname, '../renderer/index.html')}`;
}

export function createMainWindow(dataDir: string, isTrustedUrl: (url: string) => boolean): BrowserWindow {
  const state = loadWindowState(dataDir);
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Sonzai Webhook Studio',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, '../preload/index.cjs') },
  });
  if (state.maximized) win.maximize();
  hardenWebContents(win.webContents, isTrustedUrl, (url) => void shell.openExternal(url));
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    saveWindowState(dataDir, { ...b, maximized: win.isMaximized() });
  });
  void win.loadURL(rendererUrl());
  return win;
}
