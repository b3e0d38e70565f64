#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm install`/`npm ci`
// through the `prepare` script). Without a build we say so instead of a module-not-found trace.
// Started by a Node older than the project's (a machine with Node 20), it re-runs itself with the
// project's own Node first: the CLI loads better-sqlite3 13, which needs Node >= 22.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureProjectNode } from '../scripts/project-node.js';

// `scan` is one batch that allocates in bursts (a million events, thousands of pairs): a young
// generation capped at 4 MB per semi-space keeps ~60-100 MB of garbage from ever becoming resident.
const SCAN_FLAGS = ['--max-semi-space-size=4'];
await ensureProjectNode({ v8Flags: process.argv[2] === 'scan' ? SCAN_FLAGS : [] });
const entry = new URL('../dist/engine/cli/run.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('beaconwatch: not built yet. Run `npm install` (or `npm run build`) in the project folder first.\n');
  process.exit(2);
}
await import(entry.href);
