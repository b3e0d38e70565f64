// Electron main: the window, the tray, notifications and IPC forwarding. The engine (store,
// tailer, rescore, queries) runs on a worker thread (engine/service/thread-host.ts) behind the
// same EngineHost contract, so nothing it does can stall this thread's windows and tray. Thin:
// decisions live in plain modules (ipc-handlers, notification-plan, tray-model, paths, security)
// that are tested without Electron. The engine never imports Electron.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { type BrowserWindow, app, dialog } from 'electron';
import type { EngineStatus } from '../engine/api.js';
import type { EngineHost } from '../engine/contract/host.js';
import { guardProcess } from '../engine/app/process-guard.js';
import { createEngineHostInThread } from '../engine/service/thread-host.js';
import { PUSH_CHANNELS } from './api-channels.js';
import { WATCHER_QUERY, closeQuits, loadShellPrefs, parseWatcherReply, saveShellPrefs, trayKnownVisible } from './close-policy.js';
import { registerIpc } from './ipc.js';
import { createLogFile, createLogger, logLevelFrom } from './log.js';
import { formatLoopDelay, withLoopDelayLogging } from './loop-delay.js';
import { createNotifier } from './notifications.js';
import { resolveShellPaths, shellOptionsFrom } from './paths.js';
import { runSmokeTest } from './smoke-test.js';
import { createTray } from './tray.js';
import type { ShellTray } from './tray.js';
import type { TrayAction } from './tray-model.js';
import { createMainWindow, guardWebContents, hardenSession, installAppMenu } from './window.js';

const STATUS_POLL_MS = 10_000;

const options = shellOptionsFrom(process.argv, process.env);

app.setName('Beaconwatch');
// a separate data directory (tests, a second profile) must be set before 'ready'; the logs go
// with it so that a test or a smoke test leaves nothing in the user's profile
if (options.dataDir) {
  app.setPath('userData', options.dataDir);
  app.setAppLogsPath(path.join(options.dataDir, 'logs'));
}
if (process.platform === 'win32') app.setAppUserModelId('io.beaconwatch.app');

const sinks: ((line: string) => void)[] = [(line) => process.stderr.write(`${line}\n`)];
const log = createLogger(logLevelFrom(process.env, process.argv), (line) => {
  for (const sink of sinks) sink(line);
});
// a stray rejection (an openExternal without a catch) is logged and counted, never a crash
guardProcess((line) => log.error(line));
try {
  sinks.push(createLogFile({ dir: app.getPath('logs') }).write);
} catch (err) {
  log.warn(`no log file: ${err instanceof Error ? err.message : String(err)}`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void main().catch((err: unknown) => {
    log.error('Beaconwatch failed to start', err);
    // a smoke test runs unattended: no modal box, the exit code says it
    if (!options.smokeTest) dialog.showErrorBox('Beaconwatch failed to start', err instanceof Error ? err.message : String(err));
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
  log.info(`Beaconwatch ${app.getVersion()}: db ${paths.dbFile}; logs ${app.getPath('logs')}`);
  log.debug(`app root ${paths.root}; model ${paths.modelDir}`);

  let win: BrowserWindow | null = null;
  let quitting = false;
  let stopped = false;
  let stopping = false; // set when quitting begins: IPC answers without touching the engine
  let status: EngineStatus | null = null;
  let rescoring = false;
  let tray: ShellTray | null = null;
  let smokeExit: number | null = null;
  const prefs = loadShellPrefs(paths.prefsFile);
  const trayVisible = trayKnownVisible({ platform: process.platform, env: process.env, statusNotifierWatcher: await askStatusNotifierWatcher() });
  const closeQuitsNow = () =>
    closeQuits({ platform: process.platform, hasTray: tray !== null, trayVisible, keepInBackground: prefs.keepInBackground });

  hardenSession(paths, log);
  app.on('web-contents-created', (_e, contents) => guardWebContents(contents, paths, log));

  const host: EngineHost = await createEngineHostInThread({
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
  // heavy calls are measured: with the engine on its thread they should not delay this loop
  const api = withLoopDelayLogging(host.api, (s) => log.debug(formatLoopDelay(s)));

  // closing really closes (and quits) unless the platform's convention or the user's choice keeps
  // the app running: close-policy.ts
  const windowHooks = {
    isQuitting: () => quitting || closeQuitsNow(),
    onRescore: () => rescore(),
    background:
      process.platform === 'linux'
        ? {
            checked: prefs.keepInBackground,
            enabled: trayVisible,
            toggle: (keep: boolean) => {
              prefs.keepInBackground = keep;
              saveShellPrefs(paths.prefsFile, prefs);
              log.info(`keep running in the background: ${keep ? 'on' : 'off'}`);
            },
          }
        : null,
  };
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

  registerIpc(api, paths.rendererIndexUrl, log, () => stopping);
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
  // a tray app: closing the last window quits only where close-policy.ts says so
  app.on('window-all-closed', () => {
    if (closeQuitsNow()) app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    clearInterval(poll);
    host
      .stop()
      .catch((err: unknown) => log.error('engine stop failed', err))
      .finally(() => {
        stopped = true;
        tray?.destroy();
        log.info('stopped');
        if (smokeExit !== null) app.exit(smokeExit);
        else app.quit();
      });
  });

  const first = showWindow();
  if (options.smokeTest) {
    // the verdict must come even if stopping hangs: unattended runs cannot wait forever
    setTimeout(() => {
      log.error('smoke test FAILED: the app did not finish within 3 minutes');
      app.exit(1);
    }, 180_000).unref();
    void runSmokeTest(first.webContents).then((r) => {
      log[r.ok ? 'info' : 'error'](`smoke test ${r.ok ? 'passed' : 'FAILED'}: ${r.detail}`);
      smokeExit = r.ok ? 0 : 1;
      app.quit();
    });
  }
  await refreshStatus();
  host
    .start()
    .then(() => refreshStatus())
    .catch((err: unknown) => log.error('engine start failed', err));
}

/** Asks the session bus whether a StatusNotifierWatcher (what shows tray icons) is running. */
function askStatusNotifierWatcher(): Promise<boolean | null> {
  if (process.platform !== 'linux') return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile('dbus-send', [...WATCHER_QUERY], { timeout: 1500 }, (err, stdout) => {
      resolve(err ? null : parseWatcherReply(0, String(stdout)));
    });
  });
}
