#!/usr/bin/env node
// Runs the test suites with Node's built-in runner (TypeScript through tsx).
//   node scripts/run-tests.js          unit + integration + end-to-end
//   node scripts/run-tests.js unit     everything except tests/e2e
//   node scripts/run-tests.js e2e      only tests/e2e (needs /usr/bin/chromium)
// Node 20's runner takes no globs, so the files are listed here.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureProjectNode } from './project-node.js';

// the tests load better-sqlite3 13, which needs Node >= 22: never run them on an older Node
await ensureProjectNode();

const root = fileURLToPath(new URL('..', import.meta.url));
const which = process.argv[2] ?? 'all';
// renderer/ too: a test file there runs like any other (the renderer's own tests live in tests/renderer/:
// renderer/ imports nothing of Node, node:test included)
const SKIP = new Set(['node_modules', 'dist', '.git', '.scratch']);

function collect(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) collect(full, out);
    else if (e.name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out;
}

const all = collect(root, []).sort();
const isE2e = (f) => f.startsWith(join('tests', 'e2e'));
const files =
  which === 'unit' ? all.filter((f) => !isE2e(f)) : which === 'e2e' ? all.filter(isE2e) : [...all.filter((f) => !isE2e(f)), ...all.filter(isE2e)];
if (files.length === 0) {
  console.error(`no test files found for "${which}"`);
  process.exit(1);
}
// the tests start commands with other Nodes themselves: the one-time re-run marker of
// ensureProjectNode (set when this runner was started by an older Node) is not theirs
const env = { ...process.env };
delete env.BEACONWATCH_REEXEC;
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { cwd: root, stdio: 'inherit', env });
process.exit(r.status ?? 1);
