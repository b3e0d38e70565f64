// The import boundaries of docs/ARCHITECTURE.md are ESLint rules (eslint.config.js); `npm run lint`
// enforces them on the tree. These cases keep the rules themselves from being loosened unseen:
// each forbidden import is reported, each allowed one is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  'no-restricted-globals',
  'no-restricted-syntax',
  '@eslint-community/eslint-comments/no-restricted-disable',
  '@eslint-community/eslint-comments/no-unlimited-disable',
]);

/** The sources of `no-restricted-imports` / `no-restricted-globals` reports for `code` as if it lived at `file`. */
async function boundaryHits(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return r!.messages.filter((m) => BOUNDARY_RULES.has(m.ruleId ?? '')).map((m) => code.split('\n')[m.line - 1]!.trim());
}

test('renderer: engine/api.ts as types only, nothing else of ours, no Node', async () => {
  const code = [
    "import type { ApiResults } from '../../../engine/api.js';",
    "import { apiArgs } from '../../../engine/api.js';",
    "import type { Scorer } from '../../../engine/types.js';",
    "import { readFileSync } from 'node:fs';",
    "import Database from 'better-sqlite3';",
    'export const x = [apiArgs, readFileSync, Database, process.env];',
    'export type Y = ApiResults | Scorer;',
  ].join('\n');
  assert.deepEqual(await boundaryHits('renderer/src/lib/probe.ts', code), code.split('\n').slice(1, 6));
});

test('native-model: engine/contract/types.ts as types only, nothing else of ours, no SQLite', async () => {
  const code = [
    "import type { Scorer } from '../engine/contract/types.js';",
    "import type { Settings } from '../engine/api.js';",
    "import { MIN_ACTIVITIES } from '../engine/contract/thresholds.js';",
    "import Database from 'better-sqlite3';",
    'export const x = [MIN_ACTIVITIES, Database];',
    'export type Y = Scorer | Settings;',
  ].join('\n');
  assert.deepEqual(await boundaryHits('native-model/probe.ts', code), code.split('\n').slice(1, 4));
});

test('db: engine types only; nothing imports electron/ or renderer/', async () => {
  const code = [
    "import type { Scorer } from '../engine/contract/types.js';",
    "import { MIN_ACTIVITIES } from '../engine/contract/thresholds.js';",
    "import { CONTENT_SECURITY_POLICY } from '../electron/security.js';",
    'export const x = [MIN_ACTIVITIES, CONTENT_SECURITY_POLICY];',
    'export type Y = Scorer;',
  ].join('\n');
  assert.deepEqual(await boundaryHits('db/probe.ts', code), code.split('\n').slice(1, 3));
});

test('engine: no SQLite, no shell, stores as parameters except in composition roots', async () => {
  const code = [
    "import type { PairStore } from '../../db/pair-store.js';",
    "import Database from 'better-sqlite3';",
    "import { Store } from '../../db/store.js';",
    "import { app } from 'electron';",
    "import { loadModel } from '../../native-model/model.js';",
    'export const x = [Database, Store, app, loadModel];',
    'export type Y = PairStore;',
  ].join('\n');
  assert.deepEqual(await boundaryHits('engine/findings/probe.ts', code), code.split('\n').slice(1, 5));
  // a composition root builds the store, still without SQLite or the shell
  assert.deepEqual(await boundaryHits('engine/cli/probe.ts', code), [code.split('\n')[1], code.split('\n')[3]]);
  // in service/ only the host and the runtime build; a use case (views, review, api-impl…) takes them
  assert.deepEqual(await boundaryHits('engine/service/create-host.ts', code), [code.split('\n')[1], code.split('\n')[3]]);
  assert.deepEqual(await boundaryHits('engine/service/views.ts', code), code.split('\n').slice(1, 5));
});

test('electron: only the thin shell files import electron; none opens SQLite', async () => {
  const code = ["import { app } from 'electron';", "import Database from 'better-sqlite3';", 'export const x = [app, Database];'].join('\n');
  assert.deepEqual(await boundaryHits('electron/probe.ts', code), code.split('\n').slice(0, 2));
  assert.deepEqual(await boundaryHits('electron/window.ts', code), [code.split('\n')[1]]); // the store and the model are the engine host's, not the shell's
  const owned = [
    "import { Store } from '../db/store.js';",
    "import { loadModel } from '../native-model/model.js';",
    'export const y = [Store, loadModel];',
  ].join('\n');
  assert.deepEqual(await boundaryHits('electron/main.ts', owned), owned.split('\n').slice(0, 2));
  assert.deepEqual(await boundaryHits('electron/tray-model.ts', owned), owned.split('\n').slice(0, 2));
});

test('no bypass: dynamic import, createRequire, other file kinds and inline disables are caught', async () => {
  const code = [
    "export const a = await import('../../electron/main.js');",
    "export const b = await import('better-sqlite3');",
    "import { createRequire } from 'node:module';",
    "export const c = createRequire(import.meta.url)('../../electron/security.js');",
    "const where = '../../electron/' + 'main.js';",
    'export const d = await import(where);',
    '// eslint-disable-next-line no-restricted-imports',
    "import { app } from 'electron';",
    '/* eslint-disable */',
    "export const e = [app, await import('../contract/thresholds.js')];",
  ].join('\n');
  const hits = await boundaryHits('engine/findings/probe.ts', code);
  for (const line of [0, 1, 3, 5, 6, 8])
    assert.ok(hits.includes(code.split('\n')[line]!.trim()), `not caught: ${code.split('\n')[line]}\n${hits.join('\n')}`);
  // an import of our own code stays allowed
  assert.ok(!hits.includes(code.split('\n')[9]!.trim()));
  // .mts / .js files in a room are held to the same rules
  for (const file of ['engine/findings/probe.mts', 'engine/findings/probe.js', 'db/probe.cjs']) {
    const h = await boundaryHits(file, "import { app } from 'electron';\nexport const x = app;");
    assert.deepEqual(h, ["import { app } from 'electron';"], file);
  }
  // db loads nothing dynamically from the engine; a composition root may load by path
  assert.equal((await boundaryHits('db/probe.ts', "export const m = await import('../engine/contract/thresholds.js');")).length, 1);
  assert.deepEqual(await boundaryHits('engine/service/create-host.ts', 'const p = String(1);\nexport const m = await import(p);'), []);
});
