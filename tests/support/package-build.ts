// Builds the real `electron-builder --linux dir` package without downloading Electron: the
// `electronDist` option points at a stand-in folder whose `electron` is a tiny script that
// carries Electron's fuse wire (sentinel, version, one byte per fuse), so electron-builder copies
// it, renames it and flips its fuses exactly as it does the real binary.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** @electron/fuses' marker in the binary; the wire follows it */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron 45's shipped states (48 off, 49 on), in FuseV1Options order: RunAsNode on, cookie
// encryption off, NODE_OPTIONS on, inspect arguments on, asar integrity off, only-from-asar off,
// browser V8 snapshot off, file:// privileges on
export const ELECTRON_DEFAULT_FUSES = [49, 48, 49, 49, 48, 48, 48, 49];

export function writeStandinElectronDist(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron: nothing to run"\nexit 0\n#');
  const wire = Buffer.from([1, ELECTRON_DEFAULT_FUSES.length, ...ELECTRON_DEFAULT_FUSES]);
  writeFileSync(path.join(dir, 'electron'), Buffer.concat([script, Buffer.from(FUSE_SENTINEL), wire, Buffer.from('\n')]), { mode: 0o755 });
}

export interface BuiltPackage {
  /** <out>/linux-unpacked */
  appOutDir: string;
  /** <appOutDir>/resources */
  resources: string;
  log: string;
}

/**
 * The folder electron-builder should build from. A checkout whose node_modules is a symbolic
 * link (a git worktree sharing another checkout's install) makes `npm ls`, which electron-builder
 * reads, call every package "extraneous", and the package would lose most dependencies; such a
 * checkout is staged in a temporary folder: every tracked file (so the `files` patterns face the
 * whole repository, as in a release build), the build outputs, and a hard-linked copy of
 * node_modules (same disk: instant). A plain checkout (CI) builds where it is.
 */
export function projectDirFor(root: string, buildOutputs: readonly string[]): { dir: string } | { skip: string } {
  if (!lstatSync(path.join(root, 'node_modules')).isSymbolicLink()) return { dir: root };
  const tracked = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  if (tracked.status !== 0) return { skip: `node_modules is a link and git cannot list the tracked files to stage: ${tracked.stderr.trim()}` };
  const dir = mkdtempSync(path.join(tmpdir(), 'bw-pack-src-'));
  const files = tracked.stdout.split('\0').filter((f) => f !== '' && f !== 'node_modules' && existsSync(path.join(root, f)));
  for (const f of [...files, ...buildOutputs]) cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
  const linked = spawnSync('cp', ['-al', realpathSync(path.join(root, 'node_modules')), path.join(dir, 'node_modules')], { encoding: 'utf8' });
  if (linked.status !== 0) return { skip: `node_modules is a link and cannot be hard-linked into a staging folder: ${linked.stderr.trim()}` };
  return { dir };
}

export function buildLinuxDir(root: string, projectDir: string, work: string): BuiltPackage | { error: string } {
  const electronDist = path.join(work, 'electron-dist');
  writeStandinElectronDist(electronDist);
  const out = path.join(work, 'out');
  // npm's variables from an enclosing `npm test` would point electron-builder at the checkout
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
  const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
  const r = spawnSync(
    process.execPath,
    [cli, '--linux', 'dir', '--projectDir', projectDir, `-c.electronDist=${electronDist}`, `-c.directories.output=${out}`],
    { cwd: projectDir, env: { ...env, CI: 'true' }, encoding: 'utf8', timeout: 300_000 },
  );
  const log = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) return { error: `electron-builder exited ${r.status ?? r.signal}:\n${log}` };
  const appOutDir = path.join(out, 'linux-unpacked');
  return { appOutDir, resources: path.join(appOutDir, 'resources'), log };
}
