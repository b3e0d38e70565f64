#!/usr/bin/env node
// `npm start`: launches the desktop app. Electron 45's npm package has no install script: its
// binary is downloaded the first time something requires 'electron', which needs internet. So we
// look for the binary without requiring the package (a require would start that download) and,
// when it is missing, say plainly what to do. Extra arguments go to the app, e.g.
// `npm start -- --demo`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const NO_ELECTRON_MESSAGE =
  'The Electron binary is not installed on this machine: Electron downloads it (about 100 MB, from GitHub) ' +
  'the first time it is needed, not at `npm ci`. With internet, run `npx install-electron`, then `npm start` again. ' +
  'Without it, run the same app in your browser instead: npx beaconwatch serve <ZEEK_DIR> (or --demo)';

/**
 * The Electron executable's path, or null when the package or its binary is missing. Mirrors
 * electron/index.js (path.txt names the executable inside dist/; ELECTRON_OVERRIDE_DIST_PATH
 * replaces dist/) without requiring it.
 */
export function findElectronBinary(fromDir = root, env = process.env) {
  let pkgDir;
  try {
    const require = createRequire(path.join(fromDir, 'package.json'));
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const bin = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, name || 'electron');
    return existsSync(bin) ? bin : null;
  }
  if (!name) return null;
  const bin = path.join(pkgDir, 'dist', name);
  return existsSync(bin) ? bin : null;
}

/** What must be built before launching, as npm script names. */
export function missingBuilds(dir = root) {
  const need = [];
  if (!existsSync(path.join(dir, 'dist', 'engine', 'service.js'))) need.push('build');
  if (!existsSync(path.join(dir, 'dist', 'electron', 'main.js')) || !existsSync(path.join(dir, 'dist', 'electron', 'preload.cjs'))) {
    need.push('build:electron');
  }
  if (!existsSync(path.join(dir, 'renderer', 'dist', 'index.html'))) need.push('build:renderer');
  return need;
}

function runNpm(script) {
  process.stdout.write(`beaconwatch: running npm run ${script}\n`);
  const r = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    process.stderr.write(`beaconwatch: npm run ${script} failed\n`);
    process.exit(r.status ?? 1);
  }
}

function main() {
  const electron = findElectronBinary();
  if (!electron) {
    process.stderr.write(`${NO_ELECTRON_MESSAGE}\n`);
    process.exit(1);
  }
  for (const script of missingBuilds()) runNpm(script);

  const env = { ...process.env };
  // set by some tools; it would make Electron behave as plain Node
  delete env.ELECTRON_RUN_AS_NODE;
  // `electron <root>` loads package.json's main (dist/electron/main.js) with <root> as the app
  // path, exactly as in the packaged app.asar
  const child = spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('error', (err) => {
    process.stderr.write(`beaconwatch: cannot start Electron: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
