import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';

/**
 * A stand-in for the parts of Electron's main-process API the studio uses, faithful to
 * what the real one does in the ways that matter to the code under test: `whenReady`
 * resolves once, `protocol.registerSchemesAsPrivileged` only works before ready and
 * `protocol.handle` only after, `app.quit()` runs `before-quit` (which can be prevented),
 * closing the last window emits `window-all-closed`, every WebContents is announced with
 * `web-contents-created`. Tests drive it (ready(), close a window, click a menu item) and
 * read what the bundle did.
 */
export interface MenuItem {
  label?: string;
  role?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: (item: { checked: boolean }) => void;
  submenu?: MenuItem[];
}

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  sent: [string, unknown][] = [];
  destroyed = false;
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Like a page trying to navigate: true when the navigation was prevented. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

function newState() {
  return {
    ready: false,
    packaged: false,
    lock: true,
    paths: new Map<string, string>(),
    quitCalls: 0,
    exitCode: null as number | null,
    quitted: false,
    errorBoxes: [] as { title: string; content: string }[],
    messageBoxes: [] as Record<string, unknown>[],
    messageBoxAnswers: [] as number[],
    opened: [] as string[],
    openedPaths: [] as string[],
    clipboardText: '',
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    headersHooks: [] as unknown[],
    permissionRequest: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    permissionCheck: null as null | ((wc: unknown, p: string) => boolean),
    devicePermission: null as null | ((d: unknown) => boolean),
    ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    appMenu: null as null | { items: MenuItem[] },
    notifications: [] as { title: string; body: string }[],
    windows: [] as FakeBrowserWindow[],
    trays: [] as FakeTray[],
  };
}
export type FakeState = ReturnType<typeof newState>;

/** The fake in use: one at a time, like the one Electron a process has. */
const active = {} as { state: FakeState; app: FakeApp; readyPromise: Promise<void> };

export class FakeApp extends EventEmitter {
  get isPackaged() {
    return active.state.packaged;
  }
  setPath(name: string, p: string) {
    active.state.paths.set(name, p);
  }
  getPath(name: string) {
    return active.state.paths.get(name) ?? `/fake/${name}`;
  }
  requestSingleInstanceLock() {
    return active.state.lock;
  }
  whenReady() {
    return active.readyPromise;
  }
  isReady() {
    return active.state.ready;
  }
  quit() {
    active.state.quitCalls++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    for (const w of [...active.state.windows]) if (!w.destroyed) w.destroy();
    active.state.quitted = true;
    this.emit('will-quit', { preventDefault() {} });
    this.emit('quit');
  }
  exit(code = 0) {
    active.state.exitCode = code;
    active.state.quitted = true;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  webContents = new FakeWebContents();
  loaded: string[] = [];
  destroyed = false;
  minimized = false;
  focused = false;
  visible = false;
  maximized = false;
  constructor(public options: Record<string, unknown>) {
    super();
    active.state.windows.push(this);
    active.app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string) {
    this.loaded.push(url);
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  focus() {
    this.focused = true;
    this.emit('focus');
  }
  blur() {
    this.focused = false;
    this.emit('blur');
  }
  restore() {
    this.minimized = false;
  }
  minimize() {
    this.minimized = true;
    this.blur();
  }
  isMinimized() {
    return this.minimized;
  }
  isFocused() {
    return this.focused;
  }
  isDestroyed() {
    return this.destroyed;
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 820 };
  }
  destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  /** The user closes the window; the app hears `window-all-closed` after the last one. */
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroy();
    if (active.state.windows.every((w) => w.destroyed)) active.app.emit('window-all-closed');
  }
}

export class FakeTray extends EventEmitter {
  tooltip = '';
  title = '';
  menu: { items: MenuItem[] } | null = null;
  destroyed = false;
  constructor(public image: { path: string; isEmpty(): boolean; reps: { scaleFactor: number; buffer: Buffer }[] }) {
    super();
    active.state.trays.push(this);
  }
  setToolTip(t: string) {
    this.tooltip = t;
  }
  setTitle(t: string) {
    this.title = t;
  }
  setContextMenu(m: { items: MenuItem[] }) {
    this.menu = m;
  }
  destroy() {
    this.destroyed = true;
  }
}

export class FakeNotification {
  static isSupported() {
    return true;
  }
  constructor(public o: { title: string; body: string }) {}
  show() {
    active.state.notifications.push({ title: this.o.title, body: this.o.body });
  }
}

export function createFakeElectron() {
  const state = newState();
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));

  const app = new FakeApp();
  active.state = state;
  active.app = app;
  active.readyPromise = readyPromise;

  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: (fn: unknown) => state.headersHooks.push(fn) },
      setPermissionRequestHandler: (h: typeof state.permissionRequest) => (state.permissionRequest = h),
      setPermissionCheckHandler: (h: typeof state.permissionCheck) => (state.permissionCheck = h),
      setDevicePermissionHandler: (h: typeof state.devicePermission) => (state.devicePermission = h),
    },
  };

  const protocol = {
    registerSchemesAsPrivileged(schemes: unknown[]) {
      if (state.ready) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
      state.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (req: Request) => Promise<Response>) {
      if (!state.ready) throw new Error('protocol.handle must be called after the app is ready');
      state.protocolHandlers.set(scheme, handler);
    },
  };

  const ipcMain = {
    handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) {
      if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      state.ipcHandlers.set(channel, fn);
    },
    removeHandler(channel: string) {
      state.ipcHandlers.delete(channel);
    },
  };

  const Menu = {
    buildFromTemplate: (items: MenuItem[]) => ({ items }),
    setApplicationMenu: (m: { items: MenuItem[] }) => (state.appMenu = m),
  };

  const dialog = {
    showErrorBox: (title: string, content: string) => state.errorBoxes.push({ title, content }),
    showMessageBox: async (...args: unknown[]) => {
      const options = (args.length > 1 ? args[1] : args[0]) as Record<string, unknown>;
      state.messageBoxes.push(options);
      return { response: state.messageBoxAnswers.shift() ?? (options.cancelId as number) ?? 0, checkboxChecked: false };
    },
  };

  const shell = {
    openExternal: async (url: string) => void state.opened.push(url),
    openPath: async (p: string) => {
      state.openedPaths.push(p);
      return '';
    },
  };

  // Electron 44's main-process clipboard is asynchronous.
  const clipboard = {
    readText: async () => state.clipboardText,
    writeText: async (t: string) => void (state.clipboardText = t),
  };

  const nativeImage = {
    createFromPath: (path: string) => {
      const reps: { scaleFactor: number; buffer: Buffer }[] = [];
      return {
        path,
        reps,
        isEmpty: () => !existsSync(path),
        addRepresentation: (r: { scaleFactor: number; buffer: Buffer }) => void reps.push(r),
      };
    },
  };

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    session,
    protocol,
    ipcMain,
    Menu,
    dialog,
    shell,
    clipboard,
    nativeImage,
  };

  return {
    electron,
    state,
    /** Emits `ready`, as Electron does once it has initialised. */
    ready() {
      state.ready = true;
      resolveReady();
      app.emit('ready');
    },
    /** Fetches through the handler the bundle registered for `scheme`, as the window would. */
    async fetch(url: string, init?: RequestInit): Promise<Response> {
      const handler = state.protocolHandlers.get(new URL(url).protocol.slice(0, -1));
      if (!handler) throw new Error(`no protocol handler for ${url}`);
      return handler(new Request(url, init));
    },
    /** Calls an ipcMain.handle channel as a frame at `frameUrl` would. */
    invoke(channel: string, frameUrl: string, ...args: unknown[]) {
      const fn = state.ipcHandlers.get(channel);
      if (!fn) throw new Error(`no handler for ${channel}`);
      return fn({ senderFrame: { url: frameUrl } }, ...args);
    },
  };
}
export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** Finds a menu item by its label anywhere in a menu. */
export function findItem(items: MenuItem[] | undefined, label: string): MenuItem | undefined {
  for (const i of items ?? []) {
    if (i.label === label) return i;
    const inner = findItem(i.submenu, label);
    if (inner) return inner;
  }
  return undefined;
}
