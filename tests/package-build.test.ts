// Builds the real Linux package (`electron-builder --linux dir`, electron-builder.yml as it is)
// with a stand-in Electron folder (no download: tests/support/package-build.ts) and reads what it
// holds: the asar has the compiled app and every production dependency, and nothing of the
// repository (tests, bench, sources, maps, docs); native addons are unpacked, the wasm backend
// stays inside; tfjs-node and what only it needs are left out; the fuses are flipped. Then the
// packed engine is loaded from an extracted copy of the asar, as the app would load it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveShellPaths } from '../electron/paths.js';
import { ELECTRON_DEFAULT_FUSES, buildLinuxDir, projectDirFor } from './support/package-build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(archive: string, opts?: object): string[];
  statFile(archive: string, file: string): { size?: number; unpacked?: boolean; files?: unknown };
  extractAll(archive: string, dest: string): void;
  extractFile(archive: string, file: string): Buffer;
};
const fuses = require('@electron/fuses') as { getCurrentFuseWire(binary: string): Promise<Record<number, number>> };

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  peer?: boolean;
}
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const lockPackages = (keep: (e: LockEntry) => boolean) =>
  Object.entries(lock.packages)
    .filter(([k, e]) => k.startsWith('node_modules/') && keep(e))
    .map(([k]) => k);

const BUILD_OUTPUTS = ['dist', 'renderer/dist'];
/** what only the whole `npm run build` writes (tsconfig.build.json, electron, the renderer) */
const WHOLE_BUILD = [
  'dist/electron/main.js',
  'dist/engine/cli/run.js',
  'dist/engine/service/host-thread-worker.js',
  'dist/native-model/classifier-worker.js',
  'renderer/dist/index.html',
];

test('the --linux dir package holds the app and its dependencies, and nothing of the repository', { timeout: 600_000 }, async (t) => {
  if (process.platform !== 'linux') {
    t.skip('the stand-in Electron folder is a Linux one');
    return;
  }
  // the whole build: another test (electron-stray) may have compiled dist/electron alone
  if (!WHOLE_BUILD.every((f) => existsSync(path.join(root, f)))) {
    const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    assert.equal(b.status, 0, 'npm run build');
  }
  const project = projectDirFor(root, BUILD_OUTPUTS);
  if ('skip' in project) {
    t.skip(project.skip);
    return;
  }
  const work = mkdtempSync(path.join(tmpdir(), 'bw-pack-'));
  t.after(() => {
    rmSync(work, { recursive: true, force: true });
    if (project.dir !== root) rmSync(project.dir, { recursive: true, force: true });
  });
  const built = buildLinuxDir(root, project.dir, work);
  if ('error' in built) assert.fail(built.error);
  assert.doesNotMatch(built.log, /download/i, 'nothing was downloaded');

  const archive = path.join(built.resources, 'app.asar');
  const entries = asar.listPackage(archive).map((e) =>
    e
      .replace(/^[\\/]/, '')
      .split(path.sep)
      .join('/'),
  );
  const files = entries.filter((e) => asar.statFile(archive, e).files === undefined);
  const unpackedBytes = readdirSync(path.join(built.resources, 'app.asar.unpacked'), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .reduce((n, d) => n + statSync(path.join(d.parentPath, d.name)).size, 0);
  t.diagnostic(
    `app.asar: ${entries.length} entries (${files.length} files), ${(statSync(archive).size / 1e6).toFixed(1)} MB; app.asar.unpacked ${(unpackedBytes / 1e6).toFixed(1)} MB`,
  );
  const has = (e: string) => entries.includes(e);

  // what electron/paths.ts loads at run time, and the engine's entry points
  const paths = resolveShellPaths({
    mainModuleUrl: pathToFileURL('/app/dist/electron/main.js').href,
    userData: '/tmp',
    isPackaged: true,
    resourcesPath: '/r',
  });
  for (const p of [paths.preload, paths.rendererIndex, paths.trayIcon, paths.windowIcon]) assert.ok(has(path.posix.relative('/app', p)), p);
  for (const e of [
    'package.json',
    'dist/electron/main.js',
    'dist/engine/service/create-host.js',
    'dist/native-model/classifier-worker.js',
    'dist/engine/service/host-thread-worker.js',
  ]) {
    assert.ok(has(e), `${e} is packed`);
  }
  // nothing of the repository beyond dist/, renderer/dist and the run-time icons
  const outside = entries.filter(
    (e) => !/^(package\.json$|node_modules(\/|$)|dist(\/|$)|renderer(\/dist(\/|$)|$)|build(\/(tray|icons)(\/|$)|$))/.test(e),
  );
  assert.deepEqual(outside, [], 'only the compiled app, the renderer build, the icons and node_modules');
  assert.deepEqual(
    entries.filter((e) => /^dist\/(tests|bench|scripts)(\/|$)/.test(e)),
    [],
    'no compiled tests, bench or scripts',
  );
  assert.deepEqual(
    entries.filter((e) => /\.(map|ts|cts|mts|md)$/.test(e)),
    [],
    'no source maps, TypeScript or docs',
  );
  assert.deepEqual(
    entries.filter((e) => /^build\/icons\//.test(e)),
    ['build/icons/256x256.png'],
  );

  // every production package of the lockfile is there; what only the optional tfjs-node needs is not
  const missing = lockPackages((e) => !e.dev && !e.devOptional && !e.optional && !e.peer).filter((k) => !has(`${k}/package.json`));
  assert.deepEqual(missing, [], 'production dependencies missing from the asar');
  const optionalOnly = lockPackages((e) => !!e.optional && !e.dev && !e.devOptional).filter((k) => has(k));
  assert.deepEqual(optionalOnly, [], 'tfjs-node and the packages only it needs are left out');
  // each tfjs package's Node entry ("main") is packed, and its browser bundles are not
  for (const dir of entries.filter((e) => /^node_modules\/@tensorflow\/[^/]+$/.test(e))) {
    const main = (JSON.parse(asar.extractFile(archive, `${dir}/package.json`).toString()) as { main: string }).main;
    assert.ok(has(path.posix.join(dir, main)), `${dir}: ${main}`);
  }
  assert.deepEqual(
    entries.filter((e) => /@tensorflow\/.*\.(min|es2017|fesm)\.js$/.test(e)),
    [],
    'no browser bundles',
  );

  // native addons are unpacked (this platform's only); the wasm backend stays inside the asar
  const wasm = entries.filter((e) => e.endsWith('.wasm'));
  assert.ok(wasm.length >= 2, `wasm binaries packed: ${wasm.join(', ')}`);
  for (const w of wasm) assert.notEqual(asar.statFile(archive, w).unpacked, true, `${w} is read from the asar`);
  const unpackedDir = path.join(built.resources, 'app.asar.unpacked');
  const nodes = entries.filter((e) => e.endsWith('.node'));
  assert.ok(nodes.includes(`node_modules/better-sqlite3/prebuilds/linux-${process.arch}.node`), nodes.join(', '));
  assert.deepEqual(
    nodes.filter((n) => !/\/prebuilds\/linux(musl)?-/.test(n)),
    [],
    'no other platform’s addon',
  );
  for (const n of nodes) assert.ok(existsSync(path.join(unpackedDir, n)), `${n} is unpacked`);
  assert.deepEqual(readdirSync(path.join(unpackedDir, 'node_modules')), ['better-sqlite3'], 'only the native addon is unpacked');

  // the fuses electron-builder.yml asks for are flipped in the (stand-in) binary
  const wire = await fuses.getCurrentFuseWire(path.join(built.appOutDir, 'beaconwatch'));
  const ON = 49;
  const OFF = 48;
  assert.deepEqual(
    ELECTRON_DEFAULT_FUSES.map((_, i) => wire[i]),
    [OFF, ON, OFF, OFF, ON, ON, ELECTRON_DEFAULT_FUSES[6], ELECTRON_DEFAULT_FUSES[7]],
    'RunAsNode off, cookie encryption on, NODE_OPTIONS off, inspect off, asar integrity on, only from asar on',
  );
  assert.ok(existsSync(path.join(built.resources, 'model', 'model.json')), 'the CNN model at <resources>/model');

  // the packed engine loads from the asar's contents alone: its imports resolve, SQLite opens and
  // the CNN's WebAssembly backend starts
  const app = path.join(work, 'extracted');
  asar.extractAll(archive, app);
  cpSync(unpackedDir, app, { recursive: true });
  const probe = `
    const { createEngineHost } = await import(${JSON.stringify(pathToFileURL(path.join(app, 'dist/engine/service/create-host.js')).href)});
    const { selectBackend } = await import(${JSON.stringify(pathToFileURL(path.join(app, 'dist/native-model/backend.js')).href)});
    const host = await createEngineHost({ dbFile: ${JSON.stringify(path.join(work, 'probe.sqlite'))}, mode: 'serve', log: () => {} });
    const status = await host.api.getStatus({});
    await host.stop();
    console.log(JSON.stringify({ backend: await selectBackend({ preferNative: false }), paused: status.paused }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: work, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim().split('\n').pop()!), { backend: 'wasm', paused: false });
});
