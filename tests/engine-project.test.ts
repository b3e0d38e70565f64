// The engine's project (tsconfig.engine.json) cannot reach the shell or the window: an engine
// file importing electron/ or renderer/ does not compile, whichever way it imports (a static
// import, a type import, a dynamic import, a re-export). The probe is compiled in memory as if
// it were engine/app/probe.ts, beside the project's real files; nothing is written to the tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = ts.getParsedCommandLineOfConfigFile(
  path.join(root, 'tsconfig.engine.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  },
)!;
const probeFile = path.join(root, 'engine', 'app', 'probe.ts');
/** each probe's program reuses the last one's unchanged files, so only the probe is parsed again */
let previous: ts.Program | undefined;

/** The TS6307 ("not listed within the file list of project") errors for `code` living at engine/app/probe.ts. */
function unlistedFiles(code: string): string[] {
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => (f === probeFile ? code : readFile(f));
  host.fileExists = (f) => f === probeFile || fileExists(f);
  host.getSourceFile = (f, lang, ...rest) => (f === probeFile ? ts.createSourceFile(f, code, lang) : getSourceFile(f, lang, ...rest));
  const program = ts.createProgram({ rootNames: [...config.fileNames, probeFile], options: config.options, host, oldProgram: previous });
  previous = program;
  // TS6307 is reported where the unlisted file is imported: the probe's own diagnostics say it
  return [...program.getOptionsDiagnostics(), ...program.getSemanticDiagnostics(program.getSourceFile(probeFile))]
    .filter((d) => d.code === 6307)
    .map((d) => path.relative(root, /'([^']+)' is not listed/.exec(ts.flattenDiagnosticMessageText(d.messageText, '\n'))?.[1] ?? '?'));
}

test('the engine project lists only engine/, db/ and native-model/, and a probe using none of them compiles', () => {
  const outside = config.fileNames.map((f) => path.relative(root, f)).filter((f) => !/^(engine|db|native-model)\//.test(f));
  assert.deepEqual(outside, []);
  assert.deepEqual(unlistedFiles('export const probe = 1;'), []);
});

test('an engine file may import the engine, db and the model', () => {
  const code = [
    "import type { Settings } from '../api.js';",
    "import type { PairStore } from '../../db/pair-store.js';",
    "import { MIN_ACTIVITIES } from '../contract/thresholds.js';",
    'export const probe = [MIN_ACTIVITIES];',
    'export type P = Settings | PairStore;',
  ].join('\n');
  assert.deepEqual(unlistedFiles(code), []);
});

for (const [how, line] of [
  ['a static import', "import { createLogger } from '../../electron/log.js'; export const p = createLogger;"],
  ['a type import', "import type { LogLevel } from '../../electron/log.js'; export type P = LogLevel;"],
  ['a dynamic import', "export const p = () => import('../../electron/log.js');"],
  ['a re-export', "export * from '../../renderer/src/lib/format.js';"],
] as const) {
  test(`${how} of the shell or the window does not compile in the engine project`, () => {
    const unlisted = unlistedFiles(line);
    assert.ok(
      unlisted.some((f) => f.startsWith('electron/') || f.startsWith('renderer/')),
      `expected an unlisted electron/ or renderer/ file, got ${JSON.stringify(unlisted)}`,
    );
  });
}
