// A stand-in for the `electron` module, for running the real dist/electron/main.js in plain Node
// (no Electron binary can be downloaded here). Each BrowserWindow is a Debian Chromium page
// (playwright-core); its preload (dist/electron/preload.cjs) runs in the page before the
// renderer, wrapped as Electron's sandbox does: a CommonJS function whose `require` knows only
// 'electron' (contextBridge and ipcRenderer), with no Node globals. ipcRenderer.invoke reaches
// the ipcMain handlers that main registered, with the page's URL as senderFrame.url.
// Tests drive it through `standin` (tray menu, notifications, dialogs) and read what happened.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrowserWindow } from './electron-standin-window.js';
import { preventable, standin, type Listener, type MenuTemplateItem } from './electron-standin-state.js';

export { standin, BrowserWindow };

class App extends EventEmitter {
  isPackaged = false;
  private name = 'Electron';
  private readyPromise = new Promise<void>((r) => setImmediate(r));
  private quitting = false;
  setName(n: string) {
    this.name = n;
  }
  getName() {
    return this.name;
  }
  getVersion() {
    return standin.version;
  }
  setAppUserModelId() {}
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return this.readyPromise.then(() => {
      this.emit('ready');
    });
  }
  getPath(name: string): string {
    const p = standin.paths.get(name);
    if (p) return p;
    if (name === 'userData') return path.join(tmpdir(), this.name);
    if (name === 'logs') return path.join(this.getPath('userData'), 'logs');
    return tmpdir();
  }
  setPath(name: string, p: string) {
    standin.paths.set(name, p);
  }
  setAppLogsPath(p?: string) {
    if (p) standin.paths.set('logs', p);
  }
  /** Electron's order: before-quit, close every window (a prevented close cancels), will-quit, quit. */
  quit() {
    if (this.quitting) return;
    this.quitting = true;
    void (async () => {
      try {
        const bq = preventable();
        standin.events.push('before-quit');
        this.emit('before-quit', bq);
        if (bq.defaultPrevented) return;
        for (const w of [...standin.windows]) {
          if (!(await w.closeForQuit())) return;
        }
        const wq = preventable();
        standin.events.push('will-quit');
        this.emit('will-quit', wq);
        if (wq.defaultPrevented) return;
        standin.events.push('quit');
        this.emit('quit', {}, 0);
        standin.resolveExit(0);
      } finally {
        this.quitting = false;
      }
    })();
  }
  exit(code = 0) {
    standin.events.push(`exit ${code}`);
    for (const w of [...standin.windows]) w.destroy();
    standin.resolveExit(code);
  }
}
export const app = new App();
standin.app = app;

export const ipcMain = {
  handle(channel: string, fn: Listener) {
    if (standin.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    standin.handlers.set(channel, fn);
  },
  removeHandler(channel: string) {
    standin.handlers.delete(channel);
  },
};

export const session = {
  defaultSession: {
    webRequest: {
      onBeforeRequest: (fn: Listener) => void (standin.session.beforeRequest = fn),
      onHeadersReceived: (fn: Listener) => void (standin.session.headersReceived = fn),
    },
    setPermissionRequestHandler: (fn: Listener) => void (standin.session.permissionRequest = fn),
    setPermissionCheckHandler: () => undefined,
  },
};

export const dialog = {
  showErrorBox: (title: string, content: string) => void standin.errorBoxes.push({ title, content }),
  showOpenDialog: async () => standin.openDialogResult,
};

export class Menu {
  constructor(readonly items: MenuTemplateItem[]) {}
  static buildFromTemplate(items: MenuTemplateItem[]) {
    return new Menu(items);
  }
  static setApplicationMenu(m: Menu | null) {
    standin.applicationMenu = m;
  }
}

export const nativeImage = {
  createFromPath: (p: string) => ({ path: p, isEmpty: () => !existsSync(p) }),
};

export class Tray extends EventEmitter {
  tooltip = '';
  menu: Menu | null = null;
  destroyed = false;
  constructor(readonly image: { path: string }) {
    super();
    standin.trays.push(this);
  }
  setToolTip(t: string) {
    this.tooltip = t;
  }
  setContextMenu(m: Menu) {
    this.menu = m;
  }
  destroy() {
    this.destroyed = true;
  }
  labels(): string[] {
    return (this.menu?.items ?? []).map((i) => (i.type === 'separator' ? '---' : (i.label ?? '')));
  }
  /** The user picks a menu item by its label. */
  click(label: string) {
    const item = this.menu?.items.find((i) => i.label === label);
    if (!item) throw new Error(`tray menu has no "${label}": ${this.labels().join(' | ')}`);
    if (item.enabled === false) throw new Error(`tray menu item "${label}" is disabled`);
    item.click?.({ checked: !item.checked });
  }
}

export class Notification extends EventEmitter {
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    standin.notifications.push(this);
  }
  static isSupported() {
    return true;
  }
  show() {
    this.shown = true;
  }
}

// the renderer-side modules exist in the real package too; main never uses them
export const contextBridge = {};
/** what the app asked the user's browser to open */
export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    shell.opened.push(url);
  },
};
export const ipcRenderer = {};
export default { app, BrowserWindow, ipcMain, session, dialog, Menu, nativeImage, Tray, Notification, contextBridge, ipcRenderer };
