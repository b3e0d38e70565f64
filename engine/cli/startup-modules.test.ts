import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// A hook that records every module loaded, then the command line's modules as `scan` loads them.
const HOOK = `import { registerHooks } from 'node:module';
const seen = [];
registerHooks({ load(url, ctx, next) { seen.push(url); return next(url, ctx); } });
process.on('exit', () => process.stdout.write(JSON.stringify(seen)));`;

function modulesLoadedBy(entry: string): string[] {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      `data:text/javascript,${encodeURIComponent(HOOK)}`,
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(entry)});`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as string[];
}

test('scan starts without zod: the command line and the scan load neither zod nor the contract', () => {
  // ~0.16 s of every scan's start-up; only validating input (settings, allow rules, imports) needs it
  const loaded = modulesLoadedBy('./engine/cli/program.ts').concat(modulesLoadedBy('./engine/scan/scan.ts'));
  assert.ok(
    loaded.some((u) => u.includes('/engine/scan/scan.ts')),
    'the hook saw the scan load',
  );
  assert.deepEqual(
    loaded.filter((u) => /\/node_modules\/zod\/|\/engine\/contract\/api\.ts$/.test(u)),
    [],
  );
});
