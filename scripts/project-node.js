// The project runs on the Node it brings (the `node` devDependency, a Node 24 binary from the
// npm registry), not on whatever Node started npm: better-sqlite3 13 and Electron's tooling need
// Node >= 22.12, and better-sqlite3 13 crashes outright on Node 20. npm scripts and `npx` already
// find node_modules/.bin/node first on PATH; this covers the rest (`node bin/beaconwatch.js`,
// a shell without that PATH) by re-running the same command with the project's Node.
// Plain JavaScript, no dependencies: it must run on the old Node before anything else loads.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIN_NODE = '22.12.0';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// set on the re-run so that a project Node that is itself too old cannot loop
const REEXEC_ENV = 'BEACONWATCH_REEXEC';

/** true when `version` ("v20.20.2" or "20.20.2") is at least `min` */
export function atLeast(version, min = MIN_NODE) {
  const a = version.replace(/^v/, '').split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** The node executable of the `node` devDependency, or null when it is not installed. */
export function projectNodePath(root = ROOT) {
  try {
    const require = createRequire(path.join(root, 'package.json'));
    const pkgFile = require.resolve('node/package.json');
    const bin = JSON.parse(readFileSync(pkgFile, 'utf8')).bin?.node ?? 'bin/node';
    const exe = path.join(path.dirname(pkgFile), bin);
    return existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

/**
 * Returns when this process runs on a Node the project supports; otherwise re-runs the current
 * command with the project's Node (this process then only relays its exit) or exits with a
 * message saying what to install. Call it before importing anything that loads native code.
 * `v8Flags`: heap flags the command needs (they can only be given at start): when missing, the
 * command is re-run with them, once.
 */
export async function ensureProjectNode({ root = ROOT, argv = process.argv, env = process.env, v8Flags = [] } = {}) {
  const supported = atLeast(process.versions.node);
  const missingFlags = v8Flags.filter((f) => !process.execArgv.includes(f));
  if (supported && (missingFlags.length === 0 || env[REEXEC_ENV])) return;
  const exe = supported ? process.execPath : projectNodePath(root);
  if (!exe || (!supported && env[REEXEC_ENV])) {
    process.stderr.write(
      `beaconwatch: this is Node ${process.versions.node}; Beaconwatch needs Node >= ${MIN_NODE}. ` +
        'Run `npm ci` in the project folder (it installs the Node the project runs on), or install Node 22 or newer.\n',
    );
    process.exit(2);
  }
  const child = spawn(exe, [...missingFlags, ...process.execArgv, ...argv.slice(1)], { stdio: 'inherit', env: { ...env, [REEXEC_ENV]: '1' } });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  const code = await new Promise((resolve) => {
    child.on('error', (err) => {
      process.stderr.write(`beaconwatch: cannot start ${exe}: ${err.message}\n`);
      resolve(2);
    });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  process.exit(code);
}
