#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm install`/`npm ci`
// through the `prepare` script). Without a build we say so instead of a module-not-found trace.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/engine/cli/run.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('beaconwatch: not built yet. Run `npm install` (or `npm run build`) in the project folder first.\n');
  process.exit(2);
}
await import(entry.href);
