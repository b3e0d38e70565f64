// Electron main: hosts the engine, the window, the tray and notifications. Thin: decisions live
// in plain modules (ipc-handlers, notification-plan, tray-model, paths, security) that are tested
// without Electron. The engine never imports Electron; it yields between chunks itself.
import { BrowserWindow, app, dialog } from 'electron';
import type { EngineStatus } from '../engine/api.js';
import type { EngineHost } from '../engine/host.js';
import { createEngineHost } from '../engine/service.js';
import { PUSH_CHANNELS } from './api-channels.js';
import { registerIpc } from './ipc.js';
import { createLogger, logLevelFrom } from './log.js';
import { formatLoopDelay, withLoopDelayLogging } from './loop-delay.js';
import { createNotifier } from './notifications.js';
import { resolveShellPaths, shellOptionsFrom } from './paths.js';
import { createTray } from './tray.js';
import type { ShellTray } from './tray.js';
import type { TrayAction } from './tray-model.js';
import { createMainWindow, guardWebContents, hardenSession, installAppMenu } from './window.js';

const STATUS_POLL_MS = 10_000;

const log = createLogger(logLevelFrom(process.env, process.argv));
const options = shellOptionsFrom(process.argv, process.env);

app.setName('Beaconwatch');
// a separate data directory (tests, a second profile) must be set before 'ready'
if (options.dataDir) app.setPath('userData', options.dataDir);
if (process.platform === 'win32') app.setAppUserModelId('io.beaconwatch.app');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void main().catch((err: unknown) => {
    log.error('Beaconwatch failed to start', err);
    dialog.showErrorBox('Beaconwatch failed to start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}

async function main(): Promise<void> {
  await app.whenReady();
  const paths = resolveShellPaths({
    mainModuleUrl: import.meta.url,
    userData: app.getPath('userData'),
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
  });
  log.debug(`app root ${paths.root}; db ${paths.dbFile}; model ${paths.modelDir}`);

  let win: BrowserWindow | null = null;
  let quitting = false;
  let stopped = false;
  let status: EngineStatus | null = null;
  let rescoring = false;
  let tray: ShellTray | null = null;

  hardenSession(paths, log);
  app.on('web-contents-created', (_e, contents) => guardWebContents(contents, paths, log));

  const host: EngineHost = await createEngineHost({
    dbFile: paths.dbFile,
    mode: 'desktop',
    demo: options.demo,
    modelDir: paths.modelDir,
    pickDirectory: async () => {
      const opts = { title: 'Choose the Zeek log directory', properties: ['openDirectory' as const] };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    log: (line) => log.info(line),
  });
  // heavy calls are measured: the engine should keep the main loop responsive while it works
  const api = withLoopDelayLogging(host.api, (s) => log.debug(formatLoopDelay(s)));

  // without a tray (some Linux desktops) closing the window really closes it
  const windowHooks = { isQuitting: () => quitting || tray === null, onRescore: () => rescore() };
  const showWindow = () => {
    if (!win || win.isDestroyed()) win = createMainWindow(paths, windowHooks, log);
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return win;
  };
  const send = <K extends keyof typeof PUSH_CHANNELS>(event: K, payload: unknown) => {
    if (win && !win.isDestroyed()) win.webContents.send(PUSH_CHANNELS[event], payload);
  };
  const setStatus = (s: EngineStatus | null) => {
    if (s) status = s;
    tray?.update(status, rescoring);
  };
  function rescore(): void {
    if (rescoring) return;
    rescoring = true;
    setStatus(null);
    api
      .rescoreNow({})
      .then((r) => log.info(`rescored ${r.pairs} pairs in ${Math.round(r.durationMs)} ms, ${r.newAlerts} new alert(s)`))
      .catch((err: unknown) => log.error('rescore failed', err))
      .finally(() => {
        rescoring = false;
        void refreshStatus();
      });
  }
  async function refreshStatus(): Promise<void> {
    try {
      setStatus(await api.getStatus({}));
    } catch (err) {
      log.debug(`getStatus failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const onTray = (action: TrayAction) => {
    switch (action) {
      case 'open':
        showWindow();
        return;
      case 'rescore':
        rescore();
        return;
      case 'toggle-pause':
        api
          .setPaused({ paused: !(status?.paused ?? false) })
          .then((s) => setStatus(s))
          .catch((err: unknown) => log.error('pause/resume failed', err));
        return;
      case 'quit':
        app.quit();
        return;
    }
  };

  registerIpc(api, paths.rendererIndexUrl, log);
  installAppMenu(windowHooks, !app.isPackaged);
  try {
    tray = createTray(paths.trayIcon, onTray, log);
  } catch (err) {
    // some Linux desktops have no tray; the window then behaves as a normal window
    log.warn(`no tray: ${err instanceof Error ? err.message : String(err)}`);
  }
  const notifier = createNotifier(
    api,
    (pairId) => {
      const w = showWindow();
      if (pairId !== null) {
        const push = () => send('openPair', { pairId });
        if (w.webContents.isLoading()) w.webContents.once('did-finish-load', push);
        else push();
      }
    },
    paths.windowIcon,
    log,
  );

  host.on('status', (s) => setStatus(s));
  host.on('changed', (c) => send('changed', c));
  host.on('alerts', (findings) => {
    notifier.handleAlerts(findings).catch((err: unknown) => log.error('notification failed', err));
  });
  const poll = setInterval(() => void refreshStatus(), STATUS_POLL_MS);

  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  // a tray app: closing the last window does not quit (only Quit does); without a tray, it does
  app.on('window-all-closed', () => {
    if (!tray) app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    clearInterval(poll);
    host
      .stop()
      .catch((err: unknown) => log.error('engine stop failed', err))
      .finally(() => {
        stopped = true;
        tray?.destroy();
        app.quit();
      });
  });

  showWindow();
  await refreshStatus();
  host
    .start()
    .then(() => refreshStatus())
    .catch((err: unknown) => log.error('engine start failed', err));
}
