import { readFileSync } from 'node:fs';
import { Menu, Tray, nativeImage } from 'electron';
import type { FailureWatch } from './failure-watch';
import { studioItems, type NotifyToggle } from './menu';
import type { StudioActions } from './studio-actions';

/** The text the tray shows: whether the studio runs and what failed since the user last looked. */
export function trayStatus(running: boolean, apiBaseUrl: string, unseenFailures: number): string {
  const state = running ? `running on ${apiBaseUrl}` : 'stopped';
  const failures =
    unseenFailures === 0
      ? 'no failed deliveries since you last looked'
      : `${unseenFailures} failed ${unseenFailures === 1 ? 'delivery' : 'deliveries'} since you last looked`;
  return `Sonzai Webhook Studio ${state} · ${failures}`;
}

export function createStudioTray(o: {
  iconPath: string;
  /** The same icon at twice the size, for high-density screens. */
  iconPath2x: string;
  actions: StudioActions;
  notify: NotifyToggle;
  watch: FailureWatch;
  running: () => boolean;
  apiBaseUrl: () => string;
  showWindow: () => void;
  quit: () => void;
}) {
  const image = nativeImage.createFromPath(o.iconPath);
  image.addRepresentation({ scaleFactor: 2, buffer: readFileSync(o.iconPath2x) });
  const tray = new Tray(image);
  function refresh(): void {
    const n = o.watch.unseen();
    const status = trayStatus(o.running(), o.apiBaseUrl(), n);
    tray.setToolTip(status);
    if (process.platform === 'darwin') tray.setTitle(n ? String(n) : '');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: status, enabled: false },
        { label: 'Show window', click: () => o.showWindow() },
        { type: 'separator' },
        ...studioItems(o.actions, {
          get: o.notify.get,
          set: (on) => {
            o.notify.set(on);
            refresh();
          },
        }),
        { type: 'separator' },
        { label: 'Quit', click: () => o.quit() },
      ]),
    );
  }
  tray.on('click', () => o.showWindow());
  refresh();
  return { refresh, destroy: () => tray.destroy() };
}
