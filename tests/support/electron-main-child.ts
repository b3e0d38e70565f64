// Runs the real dist/electron/main.js against the Electron stand-in in a process of its own (a
// stray rejection inside a node:test file fails that test whatever the app does with it), leaves
// a rejected promise and a timer's exception to Electron main, then quits from the tray.
// Prints one JSON line: {alive, exitCode, log} (log: the app's log file).
//   node --import tsx tests/support/electron-main-child.ts DATA_DIR
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './browser.js';
import { standin } from './electron-standin.js';
import { waitFor } from './page-checks.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = process.argv[2]!;
process.env.BEACONWATCH_DATA_DIR = dataDir;
standin.version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
standin.browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'],
});
const standinUrl = import.meta.resolve('./electron-standin.js');
registerHooks({
  resolve: (specifier, context, next) => (specifier === 'electron' ? { url: standinUrl, shortCircuit: true } : next(specifier, context)),
});
await import(pathToFileURL(path.join(root, 'dist', 'electron', 'main.js')).href);
await waitFor(async () => standin.trays.length === 1 && standin.trays[0]!.labels().includes('Pause'), 60_000, 'the app never started');
void Promise.reject(new Error('stray rejection in Electron main'));
setTimeout(() => {
  throw new Error('stray exception in Electron main');
}, 10);
await new Promise((r) => setTimeout(r, 500));
const alive = standin.exitCode === null;
standin.trays[0]!.click('Quit Beaconwatch');
const exitCode = await Promise.race([standin.exited!, new Promise<string>((r) => setTimeout(() => r('timeout'), 30_000))]);
await standin.browser.close();
console.log(JSON.stringify({ alive, exitCode, log: readFileSync(path.join(dataDir, 'logs', 'beaconwatch.log'), 'utf8') }));
process.exit(0);
