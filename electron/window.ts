// The main window and the session it uses: sandboxed, isolated, no Node, CSP header, no remote
// requests, navigation and new windows denied (lookup links open in the user's browser), permissions refused. Closing hides the window
// unless it should quit (hooks.isQuitting, from close-policy.ts).
import { BrowserWindow, Menu, session, shell } from 'electron';
import type { MenuItemConstructorOptions, WebContents } from 'electron';
import type { Logger } from './log.js';
import type { ShellPaths } from './paths.js';
import { SECURE_WEB_PREFERENCES, isAllowedNavigation, isAllowedRequest, withCspHeader } from './security.js';
import { isLookupUrl } from './external-links.js';

/** Session-wide guards; call once before the first window. */
export function hardenSession(paths: ShellPaths, log: Logger): void {
  const ses = session.defaultSession;
  ses.webRequest.onBeforeRequest((details, callback) => {
    const ok = isAllowedRequest(details.url, paths.rendererDirUrl);
    if (!ok) log.warn(`blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !ok });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders) });
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

/** Applied to every WebContents the app creates (app 'web-contents-created'). */
export function guardWebContents(contents: WebContents, paths: ShellPaths, log: Logger): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, paths.rendererIndexUrl)) {
      event.preventDefault();
      log.warn(`navigation to ${url.slice(0, 200)} denied`);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, paths.rendererIndexUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // a lookup link the user clicked (finding page) opens in their browser, never in the app
    if (isLookupUrl(url)) void shell.openExternal(url);
    else log.warn(`window.open(${url.slice(0, 200)}) denied`);
    return { action: 'deny' };
  });
}

export interface MainWindowHooks {
  /** true once the user chose Quit, or when closing should quit (close-policy.ts) */
  isQuitting(): boolean;
  onRescore(): void;
  /** Linux: the "keep running in the background" choice (enabled only when a tray icon shows) */
  background?: { checked: boolean; enabled: boolean; toggle(keep: boolean): void } | null;
}

export function createMainWindow(paths: ShellPaths, hooks: MainWindowHooks, log: Logger): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Beaconwatch',
    icon: paths.windowIcon,
    backgroundColor: '#111418',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: paths.preload },
  });
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => {
    if (hooks.isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
  win.webContents.on('render-process-gone', (_e, details) => log.error(`renderer gone: ${details.reason}`));
  win.webContents.on('preload-error', (_e, file, err) => log.error(`preload ${file} failed`, err));
  win.loadFile(paths.rendererIndex).catch((err: unknown) => log.error(`cannot load ${paths.rendererIndex} (run npm run build)`, err));
  return win;
}

/** Keyboard-friendly application menu (standard roles; DevTools only in development). */
export function installAppMenu(hooks: MainWindowHooks, dev: boolean): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Rescore now', accelerator: 'CmdOrCtrl+Shift+R', click: () => hooks.onRescore() },
        { type: 'separator' },
        ...(hooks.background
          ? [
              {
                label: hooks.background.enabled ? 'Keep running in the background' : 'Keep running in the background (needs a tray icon)',
                type: 'checkbox' as const,
                checked: hooks.background.checked && hooks.background.enabled,
                enabled: hooks.background.enabled,
                click: (item: { checked: boolean }) => hooks.background?.toggle(item.checked),
              },
              { type: 'separator' as const },
            ]
          : []),
        { label: 'Close window', accelerator: 'CmdOrCtrl+W', role: 'close' },
        { label: 'Quit Beaconwatch', accelerator: 'CmdOrCtrl+Q', role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        ...(dev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
