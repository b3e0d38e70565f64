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

/** The sources of `no-restricted-imports` / `no-restricted-globals` reports for `code` as if it lived at `file`. */
async function boundaryHits(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return r!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => code.split('\n')[m.line - 1]!.trim());
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
    "import { MIN_ACTIVITIES } from '../engine/findings/thresholds.js';",
    "import Database from 'better-sqlite3';",
    'export const x = [MIN_ACTIVITIES, Database];',
    'export type Y = Scorer | Settings;',
  ].join('\n');
  assert.deepEqual(await boundaryHits('native-model/probe.ts', code), code.split('\n').slice(1, 4));
});

test('db: engine types only; nothing imports electron/ or renderer/', async () => {
  const code = [
    "import type { Scorer } from '../engine/contract/types.js';",
    "import { MIN_ACTIVITIES } from '../engine/findings/thresholds.js';",
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
});

test('electron: only the thin shell files import electron; none opens SQLite', async () => {
  const code = ["import { app } from 'electron';", "import Database from 'better-sqlite3';", 'export const x = [app, Database];'].join('\n');
  assert.deepEqual(await boundaryHits('electron/probe.ts', code), code.split('\n').slice(0, 2));
  assert.deepEqual(await boundaryHits('electron/window.ts', code), [code.split('\n')[1]]);
});
