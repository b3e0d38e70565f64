// Checks electron-builder.yml and package.json against electron-builder's own schema and what
// they point at: identity and targets, the metadata the deb needs, the fuses, the model as an
// extra resource, icons (valid PNGs of the stated size), and `main` = where the build puts
// electron/main.ts. What the package really holds is read from a real build in
// tests/package-build.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import ts from 'typescript';
import { resolveShellPaths } from '../electron/paths.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
// js-yaml ships with electron-builder (no types of its own)
const yaml = require('js-yaml') as { load(text: string): unknown };

interface FileSetEntry {
  from: string;
  to: string;
  filter?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  electronVersion?: string;
  beforePack?: string;
  electronFuses: Record<string, boolean>;
  directories: { buildResources: string; output: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  extraResources: FileSetEntry[];
  linux: { target: string[]; category: string; maintainer: string; icon: string; executableName: string };
  mac: { target: string[]; category: string; icon: string };
  win: { target: string[]; icon: string };
}

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  homepage: string;
  author: { name: string; email: string };
  description: string;
  license: string;
  desktopName: string;
  scripts: Record<string, string>;
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
};

test('electron-builder.yml passes electron-builder 26 schema validation', async () => {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration(c: unknown, log: { isEnabled: boolean; add(k: string, v: unknown): void }): Promise<void>;
  };
  await validateConfiguration(config, { isEnabled: false, add() {} });
  // and it does reject a broken one, so the check means something
  await assert.rejects(validateConfiguration({ ...config, linux: { ...config.linux, targett: ['deb'] } }, { isEnabled: false, add() {} }));
});

test('identity, targets and categories', () => {
  assert.equal(config.appId, 'io.beaconwatch.app');
  assert.equal(config.productName, 'Beaconwatch');
  // electron-builder takes Electron's version from the electron devDependency, pinned exactly
  assert.equal(config.electronVersion, undefined);
  assert.match(pkg.devDependencies.electron ?? '', /^45\.\d+\.\d+$/);
  assert.ok(!('electron' in pkg.optionalDependencies), 'electron is a devDependency, never shipped');
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.equal(config.linux.category, 'Network');
  assert.match(config.linux.maintainer, /^.+ <[^@\s]+@[^@\s]+>$/, 'deb needs a maintainer');
  assert.deepEqual(config.mac.target, ['dmg']);
  assert.equal(config.mac.category, 'public.app-category.utilities');
  assert.deepEqual(config.win.target, ['nsis']);
  assert.equal(config.directories.buildResources, 'build');
  assert.ok(!('electron' in pkg.dependencies), 'electron-builder refuses electron among dependencies');
});

test('package.json has what the deb and the .desktop link need', () => {
  assert.match(pkg.homepage, /^https:\/\//, 'the deb target stops without a homepage');
  assert.match(`${pkg.author.name} <${pkg.author.email}>`, /^.+ <[^@\s]+@[^@\s]+>$/);
  assert.ok(pkg.description.length > 20);
  assert.equal(pkg.license, 'MIT');
  // Electron links the window to <desktopName>; electron-builder names the entry <executableName>.desktop
  assert.equal(pkg.desktopName, `${config.linux.executableName}.desktop`);
});

test('electron fuses: no running as Node, no NODE_OPTIONS or --inspect, app only from an integrity-checked asar, cookies encrypted', () => {
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
  });
  // what files are packed, unpacked and fused in the real package: tests/package-build.test.ts
  assert.equal(config.asar, true);
  assert.equal(config.npmRebuild, false);
  assert.equal(config.beforePack, undefined, 'no hook rewrites the files list');
});

test('the CNN model ships as an extra resource at <resources>/model, where the shell looks for it', () => {
  const model = config.extraResources.find((r) => r.to === 'model');
  assert.ok(model, 'extraResources has the model');
  assert.equal(model.from, 'native-model/model');
  const dir = path.join(root, model.from);
  assert.ok(existsSync(path.join(dir, 'model.json')), 'native-model/model/model.json is in the repo');
  const manifest = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as { weightsManifest?: { paths: string[] }[] };
  for (const group of manifest.weightsManifest ?? []) for (const p of group.paths) assert.ok(existsSync(path.join(dir, p)), `weights file ${p}`);
  const paths = resolveShellPaths({
    mainModuleUrl: pathToFileURL(path.join(root, 'dist/electron/main.js')).href,
    userData: '/tmp',
    isPackaged: true,
    resourcesPath: '/opt/bw/resources',
  });
  assert.equal(paths.modelDir, path.join('/opt/bw/resources', model.to));
});

// ---------- icons ----------

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** Parses a PNG fully (signature, chunk CRCs, IHDR, IDAT inflating to the right size); returns its size. */
function readPng(file: string): { width: number; height: number; colorType: number } {
  const buf = readFileSync(file);
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${file}: PNG signature`);
  let off = 8;
  let ihdr: Buffer | null = null;
  const idat: Buffer[] = [];
  let ended = false;
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    assert.equal(buf.readUInt32BE(off + 8 + len), crc32(buf.subarray(off + 4, off + 8 + len)), `${file}: ${type} CRC`);
    if (type === 'IHDR') ihdr = Buffer.from(data);
    if (type === 'IDAT') idat.push(Buffer.from(data));
    if (type === 'IEND') ended = true;
    off += 12 + len;
  }
  assert.ok(ihdr && ended && idat.length > 0, `${file}: IHDR, IDAT and IEND present`);
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const colorType = ihdr[9]!;
  assert.equal(ihdr[8], 8, 'bit depth 8');
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  assert.ok(channels > 0, `${file}: RGB or RGBA`);
  assert.equal(inflateSync(Buffer.concat(idat)).length, height * (width * channels + 1), `${file}: image data size`);
  return { width, height, colorType };
}

test('icons are valid PNGs of the stated sizes', () => {
  const icon = readPng(path.join(root, config.mac.icon));
  assert.equal(config.mac.icon, 'build/icon.png');
  assert.equal(config.win.icon, 'build/icon.png');
  assert.deepEqual([icon.width, icon.height], [512, 512], 'mac/win icon is 512×512 (≥256 for .ico, 512 for .icns)');

  const linuxDir = path.join(root, config.linux.icon);
  const names = readdirSync(linuxDir).filter((f) => f.endsWith('.png'));
  assert.ok(names.length >= 5, 'a Linux icon set');
  for (const name of names) {
    const m = /^(\d+)x(\d+)\.png$/.exec(name);
    assert.ok(m, `${name} is named NxN.png`);
    const png = readPng(path.join(linuxDir, name));
    assert.deepEqual([png.width, png.height], [Number(m[1]), Number(m[2])], name);
  }
  for (const size of [16, 32, 48, 256, 512]) assert.ok(names.includes(`${size}x${size}.png`), `${size}x${size}.png`);

  assert.deepEqual(Object.values(readPng(path.join(root, 'build/tray/tray.png'))).slice(0, 2), [16, 16]);
  assert.deepEqual(Object.values(readPng(path.join(root, 'build/tray/tray@2x.png'))).slice(0, 2), [32, 32]);
});

// ---------- main ----------

test('package.json main is where electron/tsconfig.json compiles electron/main.ts (preload → .cjs)', () => {
  const configPath = path.join(root, 'electron', 'tsconfig.json');
  const raw = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  assert.ok(!raw.error);
  const parsed = ts.parseJsonConfigFileContent(raw.config, ts.sys, path.dirname(configPath), undefined, configPath);
  const outputs = (file: string) =>
    ts
      .getOutputFileNames(parsed, path.join(root, file), false)
      .filter((f) => /\.c?js$/.test(f))
      .map((f) => path.relative(root, f).split(path.sep).join('/'));
  assert.deepEqual(outputs('electron/main.ts'), [pkg.main]);
  assert.equal(pkg.main, 'dist/electron/main.js');
  assert.deepEqual(outputs('electron/preload.cts'), ['dist/electron/preload.cjs'], 'the sandboxed preload is CommonJS');
  assert.ok(parsed.fileNames.some((f) => f.endsWith('electron/preload.cts')));
  assert.equal(pkg.scripts.start, 'node scripts/start.js');
  assert.equal(pkg.scripts['build:electron'], 'tsc -p electron/tsconfig.json');
});
