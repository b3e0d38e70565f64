// Where the desktop shell finds its files, in development and packaged alike. Plain module.
//
// Layout (repo checkout and the packaged app.asar are the same tree):
//   <root>/package.json              main: dist/electron/main.js
//   <root>/dist/electron/main.js     this shell, compiled
//   <root>/dist/electron/preload.cjs the sandboxed preload (CommonJS)
//   <root>/renderer/dist/index.html  the UI, loaded over file://
//   <root>/build/tray/tray.png       tray icon (listed in electron-builder `files`)
// The CNN model is an extraResource when packaged (<resources>/model), else native-model/model.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ShellPaths {
  root: string;
  preload: string;
  rendererDir: string;
  rendererIndex: string;
  /** file:// URL of the renderer directory, with a trailing slash */
  rendererDirUrl: string;
  rendererIndexUrl: string;
  trayIcon: string;
  windowIcon: string;
  /** the SQLite store, under Electron's user-data path */
  dbFile: string;
  /** the shell's own preferences (close behaviour), under the user-data path */
  prefsFile: string;
  modelDir: string;
}

export interface ShellPathInput {
  /** import.meta.url of dist/electron/main.js */
  mainModuleUrl: string;
  /** app.getPath('userData') */
  userData: string;
  /** app.isPackaged */
  isPackaged: boolean;
  /** process.resourcesPath (Electron) */
  resourcesPath: string;
}

/** <root> from dist/electron/main.js's URL. */
export function appRootFromMain(mainModuleUrl: string): string {
  return path.resolve(path.dirname(fileURLToPath(mainModuleUrl)), '..', '..');
}

export function resolveShellPaths(input: ShellPathInput): ShellPaths {
  const root = appRootFromMain(input.mainModuleUrl);
  const rendererDir = path.join(root, 'renderer', 'dist');
  const rendererIndex = path.join(rendererDir, 'index.html');
  const dirUrl = pathToFileURL(rendererDir).href;
  return {
    root,
    preload: path.join(root, 'dist', 'electron', 'preload.cjs'),
    rendererDir,
    rendererIndex,
    rendererDirUrl: dirUrl.endsWith('/') ? dirUrl : `${dirUrl}/`,
    rendererIndexUrl: pathToFileURL(rendererIndex).href,
    trayIcon: path.join(root, 'build', 'tray', 'tray.png'),
    windowIcon: path.join(root, 'build', 'icons', '256x256.png'),
    dbFile: path.join(input.userData, 'beaconwatch.sqlite'),
    prefsFile: path.join(input.userData, 'shell-prefs.json'),
    modelDir: input.isPackaged ? path.join(input.resourcesPath, 'model') : path.join(root, 'native-model', 'model'),
  };
}

export interface ShellOptions {
  /** `--demo`: load the generated demo day instead of following a directory */
  demo: boolean;
  /** `--data-dir <dir>` / `--data-dir=<dir>` or BEACONWATCH_DATA_DIR: where userData (and the store) live */
  dataDir: string | null;
  /** `--smoke-test`: quit after the page loaded and one IPC round trip; the exit code is the verdict */
  smokeTest: boolean;
}

/** Reads the shell's own flags from process.argv (dev: [electron, root, …]; packaged: [exe, …]). */
export function shellOptionsFrom(argv: readonly string[], env: Record<string, string | undefined>): ShellOptions {
  let dataDir: string | null = env.BEACONWATCH_DATA_DIR || null;
  let demo = false;
  let smokeTest = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--demo') demo = true;
    else if (a === '--smoke-test') smokeTest = true;
    else if (a === '--data-dir' && argv[i + 1]) dataDir = argv[++i] as string;
    else if (a.startsWith('--data-dir=') && a.length > '--data-dir='.length) dataDir = a.slice('--data-dir='.length);
  }
  return { demo, dataDir: dataDir ? path.resolve(dataDir) : null, smokeTest };
}
