import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { StudioActions } from './studio-actions';

export interface NotifyToggle {
  get(): boolean;
  set(on: boolean): void;
}

/** The studio's own items, shared by the application menu and the tray. */
export function studioItems(actions: StudioActions, notify: NotifyToggle): MenuItemConstructorOptions[] {
  return [
    { label: 'Copy SONZAI env', click: () => void actions.copyEnv() },
    { label: 'Open data folder', click: () => void actions.openDataFolder() },
    { label: 'Open in browser', click: () => void actions.openInBrowser() },
    { label: 'Check signature from clipboard', click: () => void actions.checkSignatureFromClipboard() },
    { type: 'separator' },
    {
      label: 'Notify when a webhook starts failing',
      type: 'checkbox',
      checked: notify.get(),
      click: (item) => notify.set(item.checked),
    },
  ];
}

export function installMenu(isMac: boolean, actions: StudioActions, notify: NotifyToggle): void {
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'Studio', submenu: studioItems(actions, notify) },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
