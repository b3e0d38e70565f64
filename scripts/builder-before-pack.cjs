// electron-builder `beforePack` hook (electron-builder.yml). @tensorflow/tfjs-node is optional:
// its install downloads libtensorflow, which fails offline, leaving a package that cannot load.
// electron-builder.yml therefore excludes it from the app, and this hook lifts that exclusion
// only when tfjs-node is present and really runs on the build machine, for the platform being
// packaged (a Linux binding is useless in a macOS installer). Without it the engine uses the
// WebAssembly backend, which always ships.
'use strict';
const { spawnSync } = require('node:child_process');

const TFJS_NODE_EXCLUDE = '!**/node_modules/@tensorflow/tfjs-node/**';
// loads the native binding and runs one op: a present-but-broken install fails here
const PROBE = "const tf = require('@tensorflow/tfjs-node'); if (tf.tensor1d([1, 2]).sum().dataSync()[0] !== 3) process.exit(1)";

/** true when tfjs-node loads and computes in `projectDir` with this Node */
function tfjsNodeWorks(projectDir, run = spawnSync) {
  const r = run(process.execPath, ['-e', PROBE], { cwd: projectDir, stdio: 'ignore', timeout: 120_000 });
  return r.status === 0;
}

const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

/**
 * Decides for one packaging run; returns whether tfjs-node ships. `context` is electron-builder's
 * BeforePackContext: packager.config is the configuration the file matchers read after this hook.
 */
function beforePack(context, deps = {}) {
  const { works = tfjsNodeWorks, platform = process.platform, arch = process.arch, log = console.log } = deps;
  const config = context.packager.config;
  const files = Array.isArray(config.files) ? config.files : [];
  const sameTarget = context.electronPlatformName === platform && ARCH_NAMES[context.arch] === arch;
  const ship = sameTarget && works(context.packager.info?.projectDir ?? process.cwd());
  if (ship) config.files = files.filter((p) => p !== TFJS_NODE_EXCLUDE);
  else if (!files.includes(TFJS_NODE_EXCLUDE)) config.files = [...files, TFJS_NODE_EXCLUDE];
  log(
    `beaconwatch: @tensorflow/tfjs-node ${ship ? 'works here: shipped' : 'absent, broken or for another platform: left out (the WebAssembly backend is used)'}`,
  );
  return ship;
}

module.exports = beforePack;
module.exports.default = beforePack;
module.exports.beforePack = beforePack;
module.exports.tfjsNodeWorks = tfjsNodeWorks;
module.exports.TFJS_NODE_EXCLUDE = TFJS_NODE_EXCLUDE;
