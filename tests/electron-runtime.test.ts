// What the desktop app and the CLI run on: the SQLite addon is Node-API (so one binary loads in
// Node and in Electron without a compiler), the project brings its own Node (>= 22.12) and uses
// it even when an older Node starts it, and tfjs-node ships only when it works on the builder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Names in an ELF64 little-endian file's dynamic symbol table (.dynsym via its .dynstr). */
export function elfDynamicSymbols(buf: Buffer): string[] {
  assert.equal(buf.toString('latin1', 1, 4), 'ELF', 'an ELF file');
  assert.equal(buf[4], 2, 'ELF64');
  assert.equal(buf[5], 1, 'little-endian');
  const shoff = Number(buf.readBigUInt64LE(0x28));
  const shentsize = buf.readUInt16LE(0x3a);
  const shnum = buf.readUInt16LE(0x3c);
  const section = (i: number) => {
    const o = shoff + i * shentsize;
    return {
      type: buf.readUInt32LE(o + 4),
      offset: Number(buf.readBigUInt64LE(o + 0x18)),
      size: Number(buf.readBigUInt64LE(o + 0x20)),
      link: buf.readUInt32LE(o + 0x28),
      entsize: Number(buf.readBigUInt64LE(o + 0x38)),
    };
  };
  const SHT_DYNSYM = 11;
  const names: string[] = [];
  for (let i = 0; i < shnum; i++) {
    const s = section(i);
    if (s.type !== SHT_DYNSYM) continue;
    const strtab = section(s.link);
    for (let off = s.offset; off + s.entsize <= s.offset + s.size; off += s.entsize) {
      const start = strtab.offset + buf.readUInt32LE(off);
      const end = buf.indexOf(0, start);
      if (end > start) names.push(buf.toString('latin1', start, end));
    }
  }
  return names;
}

test(
  'better-sqlite3 is 13.x and its addon is Node-API (exports napi_register_module_v1), used without a compiled copy',
  { skip: process.platform !== 'linux' && 'the ELF check runs on Linux' },
  () => {
    assert.match(pkg.dependencies['better-sqlite3'] ?? '', /^13\./);
    const dir = path.dirname(require.resolve('better-sqlite3/package.json'));
    const musl = existsSync('/lib/ld-musl-x86_64.so.1') || existsSync('/lib/ld-musl-aarch64.so.1');
    const addon = path.join(dir, 'prebuilds', `${musl ? 'linuxmusl' : 'linux'}-${process.arch}.node`);
    const symbols = elfDynamicSymbols(readFileSync(addon));
    assert.ok(symbols.includes('napi_register_module_v1'), `${addon} is a Node-API addon`);
    // a V8-ABI addon (what 12.x compiled) registers through node_register_module_v<ABI> instead
    assert.ok(!symbols.some((s) => /^node_register_module_v\d+$/.test(s)), 'no per-ABI registration');
    // npm runs `node-gyp rebuild` for any package with a binding.gyp, with the Node that runs npm
    // (Node 20 on a fresh machine); allowScripts turns that off, and a build/Release copy would be
    // loaded before the prebuild (lib/binding.js)
    assert.equal((pkg as { allowScripts?: Record<string, boolean> }).allowScripts?.['better-sqlite3'], false);
    assert.ok(!existsSync(path.join(dir, 'build')), 'npm ci did not run node-gyp for better-sqlite3');
    const Database = require('better-sqlite3') as new (f: string) => { prepare(s: string): { get(): unknown }; close(): void };
    const db = new Database(':memory:');
    assert.deepEqual(db.prepare('SELECT 1 AS one').get(), { one: 1 });
    db.close();
  },
);

test('the project brings its own Node >= 22.12 and the tests run on it', async () => {
  const { MIN_NODE, atLeast, projectNodePath } = (await import(pathToFileURL(path.join(root, 'scripts', 'project-node.js')).href)) as {
    MIN_NODE: string;
    atLeast(v: string, min?: string): boolean;
    projectNodePath(root?: string): string | null;
  };
  assert.equal(MIN_NODE, '22.12.0');
  assert.ok(atLeast('v24.21.0') && atLeast('22.12.0') && !atLeast('v22.11.9') && !atLeast('v20.20.2') && atLeast('v23.0.0'));
  assert.match(pkg.devDependencies.node ?? '', /^2[2-9]\.\d+\.\d+$/, 'the node devDependency is pinned');
  const exe = projectNodePath(root);
  assert.ok(exe, 'node_modules/node/bin/node is installed');
  const v = spawnSync(exe, ['--version'], { encoding: 'utf8' }).stdout.trim();
  assert.equal(v, `v${pkg.devDependencies.node}`);
  assert.ok(atLeast(process.version), `the tests run on ${process.version}`);
  // engines states what runs npm (install and scripts): the code itself runs on the Node above
  assert.equal(pkg.engines.node, '>=20.19.0');
});

test('bin/beaconwatch.js started by an older Node runs on the project Node', (t) => {
  const old = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => {
    if (!existsSync(p)) return false;
    const v = spawnSync(p, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    return /^\d+\./.test(v) && Number(v.split('.')[0]) < 22;
  });
  if (!old) {
    t.skip('no Node older than 22 on this machine to start it with');
    return;
  }
  // `scan` loads better-sqlite3 13, which crashes Node 20: a clean exit proves the re-run
  const r = spawnSync(old, [path.join(root, 'bin', 'beaconwatch.js'), 'scan', '--json', '--db', ':memory:', path.join(root, 'package.json')], {
    encoding: 'utf8',
    cwd: root,
  });
  assert.equal(r.signal, null, r.stderr);
  assert.doesNotMatch(r.stderr, /Segmentation|NODE_MODULE_VERSION/);
  const v = spawnSync(
    old,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(pathToFileURL(path.join(root, 'scripts', 'project-node.js')).href)}); await m.ensureProjectNode(); console.log(process.version)`,
    ],
    { encoding: 'utf8', cwd: root },
  );
  assert.equal(v.status, 0, v.stderr);
  assert.equal(v.stdout.trim(), `v${pkg.devDependencies.node}`);
});
