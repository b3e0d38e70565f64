// Electron main: the window, the tray, notifications and IPC forwarding. The engine (store,
// tailer, rescore, queries) runs on a worker thread (engine/service/thread-host.ts) behind the
// same EngineHost contract, so nothing it does can stall this thread's windows and tray. Thin:
// decisions live in plain modules (ipc-handlers, notification-plan, tray-model, paths, security)
// that are tested without Electron. The engine never imports Electron.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { type BrowserWindow, app, dialog } from 'electron';
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
import { ShellControl } from './shell-control.js';
import type { ShellPrefs } from './close-policy.js';
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
  const paths = shellPaths();

  let win: BrowserWindow | null = null;
  // `stopping` is set when quitting begins: IPC answers without touching the engine
  const q: QuitState = { quitting: false, stopping: false, stopped: false, smokeExit: null };
  let tray: ShellTray | null = null;
  const prefs = loadShellPrefs(paths.prefsFile);
  const trayVisible = trayKnownVisible({ platform: process.platform, env: process.env, statusNotifierWatcher: await askStatusNotifierWatcher() });
  const closeQuitsNow = () =>
    closeQuits({ platform: process.platform, hasTray: tray !== null, trayVisible, keepInBackground: prefs.keepInBackground });

  hardenSession(paths, log);
  app.on('web-contents-created', (_e, contents) => guardWebContents(contents, paths, log));

  const host = await startEngineHost(paths, () => win);
  // heavy calls are measured: with the engine on its thread they should not delay this loop
  const api = withLoopDelayLogging(host.api, (s) => log.debug(formatLoopDelay(s)));

  // closing really closes (and quits) unless the platform's convention or the user's choice keeps
  // the app running: close-policy.ts
  const windowHooks = {
    isQuitting: () => q.quitting || closeQuitsNow(),
    onRescore: () => control.rescore(),
    background: backgroundToggle(prefs, paths.prefsFile, trayVisible),
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
  const control = new ShellControl({ api, tray: () => tray, showWindow, quit: () => app.quit(), log });
  const refreshStatus = () => control.refreshStatus();

  registerIpc(api, paths.rendererIndexUrl, log, () => q.stopping);
  installAppMenu(windowHooks, !app.isPackaged);
  tray = makeTray(paths.trayIcon, control);
  const notifier = createNotifier(
    api,
    (pairId) => {
      const w = showWindow();
      if (pairId !== null) whenLoaded(w, () => send('openPair', { pairId }));
    },
    paths.windowIcon,
    log,
  );
  host.on('status', (s) => control.setStatus(s));
  host.on('changed', (c) => send('changed', c));
  host.on('alerts', (findings) => {
    notifier.handleAlerts(findings).catch((err: unknown) => log.error('notification failed', err));
  });
  const poll = setInterval(() => void refreshStatus(), STATUS_POLL_MS);

  wireAppEvents(showWindow, closeQuitsNow, q);
  stopOnQuit(host, q, {
    stopping: () => clearInterval(poll),
    stopped: () => tray?.destroy(),
  });

  const first = showWindow();
  if (options.smokeTest)
    armSmokeTest(first, (code) => {
      q.smokeExit = code;
      app.quit();
    });
  await refreshStatus();
  host
    .start()
    .then(() => refreshStatus())
    .catch((err: unknown) => log.error('engine start failed', err));
}

/** Linux's "keep running in the background" menu item: shown where a tray can be seen. */
function backgroundToggle(prefs: ShellPrefs, prefsFile: string, trayVisible: boolean) {
  if (process.platform !== 'linux') return null;
  return {
    checked: prefs.keepInBackground,
    enabled: trayVisible,
    toggle: (keep: boolean) => {
      prefs.keepInBackground = keep;
      saveShellPrefs(prefsFile, prefs);
      log.info(`keep running in the background: ${keep ? 'on' : 'off'}`);
    },
  };
}

function shellPaths(): ReturnType<typeof resolveShellPaths> {
  const paths = resolveShellPaths({
    mainModuleUrl: import.meta.url,
    userData: app.getPath('userData'),
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
  });
  log.info(`Beaconwatch ${app.getVersion()}: db ${paths.dbFile}; logs ${app.getPath('logs')}`);
  log.debug(`app root ${paths.root}; model ${paths.modelDir}`);
  return paths;
}

/** A second start and the dock show the window; a tray app quits on the last close only where close-policy.ts says so. */
function wireAppEvents(showWindow: () => void, closeQuitsNow: () => boolean, q: QuitState): void {
  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  app.on('window-all-closed', () => {
    if (closeQuitsNow()) app.quit();
  });
  app.on('before-quit', () => {
    q.quitting = true;
  });
}

interface QuitState {
  quitting: boolean;
  stopping: boolean;
  stopped: boolean;
  /** the smoke test's verdict, the exit code once stopped */
  smokeExit: number | null;
}

/** The engine on its worker thread; the folder picker is a dialog over the window when there is one. */
function startEngineHost(paths: ReturnType<typeof resolveShellPaths>, win: () => BrowserWindow | null): Promise<EngineHost> {
  return createEngineHostInThread({
    dbFile: paths.dbFile,
    mode: 'desktop',
    demo: options.demo,
    modelDir: paths.modelDir,
    pickDirectory: async () => {
      const opts = { title: 'Choose the Zeek log directory', properties: ['openDirectory' as const] };
      const w = win();
      const r = w ? await dialog.showOpenDialog(w, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    log: (line) => log.info(line),
  });
}

/** some Linux desktops have no tray; the window then behaves as a normal window */
function makeTray(icon: string, control: ShellControl): ShellTray | null {
  try {
    return createTray(icon, (action) => control.onTray(action), log);
  } catch (err) {
    log.warn(`no tray: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

/** run `fn` once the window's page has loaded (a notification click may come before it has) */
function whenLoaded(w: BrowserWindow, fn: () => void): void {
  if (w.webContents.isLoading()) w.webContents.once('did-finish-load', fn);
  else fn();
}

/** Quitting stops the engine first (its store closes cleanly), then exits, with the smoke test's code if one ran. */
function stopOnQuit(host: EngineHost, q: QuitState, on: { stopping(): void; stopped(): void }): void {
  app.on('will-quit', (event) => {
    if (q.stopped) return;
    event.preventDefault();
    if (q.stopping) return;
    q.stopping = true;
    on.stopping();
    host
      .stop()
      .catch((err: unknown) => log.error('engine stop failed', err))
      .finally(() => {
        q.stopped = true;
        on.stopped();
        log.info('stopped');
        if (q.smokeExit !== null) app.exit(q.smokeExit);
        else app.quit();
      });
  });
}

/** `--smoke-test`: the verdict comes even if stopping hangs (unattended runs cannot wait forever). */
function armSmokeTest(first: BrowserWindow, verdict: (code: number) => void): void {
  setTimeout(() => {
    log.error('smoke test FAILED: the app did not finish within 3 minutes');
    app.exit(1);
  }, 180_000).unref();
  void runSmokeTest(first.webContents).then((r) => {
    log[r.ok ? 'info' : 'error'](`smoke test ${r.ok ? 'passed' : 'FAILED'}: ${r.detail}`);
    verdict(r.ok ? 0 : 1);
  });
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
