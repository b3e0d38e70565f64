// ESLint (flat config): typescript-eslint's recommended rules plus the import boundaries of
// docs/ARCHITECTURE.md ("Rooms and the direction of imports"), one block per folder. Formatting
// is Prettier's job (eslint-config-prettier turns the stylistic rules off).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import comments from '@eslint-community/eslint-plugin-eslint-comments';

// --- the rooms -------------------------------------------------------------------------------

const SQLITE = { group: ['better-sqlite3'], message: 'Only db/ talks to SQLite: take a store (db/store.ts) as a parameter.' };
const SHELL = {
  group: ['electron', '**/electron/**', '**/renderer/**'],
  message: 'Nothing imports electron/ or renderer/: they sit on top of the engine.',
};
const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'worker_threads',
  'zlib',
  'stream',
  'events',
  'util',
  'buffer',
];

/** `no-restricted-imports` with these patterns (a later block replaces an earlier one's list, so each folder lists all of its own). */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** the shell reaches the store and the model only through the engine host (engine/service/thread-host.ts) */
const ENGINE_OWNS = {
  group: ['**/db/**', '**/native-model/**'],
  message: "electron/ hosts the engine (engine/service/thread-host.ts); the store and the model are the engine's.",
};

const COMPOSITION_ROOTS = [
  'engine/cli/**',
  'engine/scan/scan.ts',
  'engine/service/create-host.ts',
  'engine/service/runtime.ts',
  'engine/score/scorers.ts',
];

/** every source a folder may hold, not only .ts: a .js, .mts or .cts file is held to the same rules */
const SOURCES = (dir) => [`${dir}/**/*.{ts,mts,cts,js,mjs,cjs}`];

/**
 * What static imports cannot say: a dynamic import() or createRequire() that reaches a room the
 * folder may not import, and (outside the composition roots) an import() of a computed path,
 * which no rule can check.
 */
const NO_BYPASS = (rooms, computed = true, require = false) => ({
  'no-restricted-syntax': [
    'error',
    {
      selector: `ImportExpression[source.type='Literal'][source.value=/${rooms}/]`,
      message: 'A dynamic import is still an import: the folder boundaries of docs/ARCHITECTURE.md hold for it too.',
    },
    ...(require
      ? []
      : [
          {
            selector: "CallExpression[callee.name='createRequire']",
            message: 'createRequire() loads modules past the import rules: import them (native-model/backend.ts alone resolves the wasm files).',
          },
        ]),
    ...(computed
      ? [
          {
            selector: "ImportExpression[source.type!='Literal']",
            message: 'import() of a computed path cannot be checked: only composition roots may load modules by path.',
          },
        ]
      : []),
  ],
});
const ENGINE_ROOMS = '(^|\\/)(electron|renderer)(\\/|$)|better-sqlite3|(^|\\/)db\\/';
const SHELL_ROOMS = '(^|\\/)(electron|renderer)(\\/|$)|better-sqlite3';

export default tseslint.config(
  { ignores: ['dist/**', 'renderer/dist/**', 'native-model/model/**', 'node_modules/**', 'build/**', 'release/**', 'coverage/**', '.bench/**'] },

  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Svelte's rules for the renderer's components only
  ...svelte.configs['flat/recommended'].map((c) => ({ ...c, files: c.files ?? ['renderer/**/*.svelte', 'renderer/**/*.svelte.ts'] })),

  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // TypeScript checks names; `no-undef` does not know TS's global types
      'no-undef': 'off',
    },
  },
  { files: ['**/*.cjs', '**/*.cts'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },

  // an inline comment cannot switch the boundaries off (other rules may be, one line at a time)
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}', '**/*.svelte'],
    plugins: { '@eslint-community/eslint-comments': comments },
    rules: {
      '@eslint-community/eslint-comments/no-restricted-disable': ['error', 'no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals'],
      '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
    },
  },

  // engine/: the Electron-free core. Only composition roots may take concrete stores from db/.
  {
    files: SOURCES('engine'),
    rules: {
      ...NO_BYPASS(ENGINE_ROOMS),
      ...restrict(
        SQLITE,
        SHELL,
        {
          group: ['**/db/**'],
          allowTypeImports: true,
          message:
            'engine/ takes its stores as parameters; only composition roots (engine/cli, engine/scan/scan.ts, engine/service/create-host.ts and runtime.ts, engine/score/scorers.ts) build them.',
        },
        {
          group: ['**/native-model/**'],
          allowTypeImports: true,
          message: 'engine/ reaches native-model/ through engine/score/scorers.ts (and the CNN scorer) only.',
        },
      ),
    },
  },
  {
    files: COMPOSITION_ROOTS,
    rules: { ...NO_BYPASS(SHELL_ROOMS, false), ...restrict(SQLITE, SHELL) },
  },
  {
    files: ['engine/score/cnn-scorer.ts'],
    rules: { ...NO_BYPASS(SHELL_ROOMS), ...restrict(SQLITE, SHELL) },
  },

  // db/: SQL lives here; it knows the engine's types only.
  {
    files: SOURCES('db'),
    rules: {
      ...NO_BYPASS('(^|\\/)(electron|renderer|engine|native-model)(\\/|$)'),
      ...restrict(SHELL, {
        group: ['**/engine/**', '**/native-model/**'],
        allowTypeImports: true,
        message: 'db/ imports engine types only (import type).',
      }),
    },
  },

  // native-model/: imports nothing of ours but engine/contract/types.ts, types only.
  {
    files: SOURCES('native-model'),
    rules: {
      ...NO_BYPASS('(^|\\/)(electron|renderer|engine|db)(\\/|$)|better-sqlite3'),
      ...restrict(
        SQLITE,
        SHELL,
        {
          regex: '(^|/)(engine/(?!contract/types\\.js$)|db/)',
          message: 'native-model/ imports nothing of ours (it implements engine/contract/types.ts structurally).',
        },
        { group: ['**/engine/contract/types.js'], allowTypeImports: true, message: 'native-model/ imports engine/contract/types.ts as types only.' },
      ),
    },
  },
  // the backend choice loads tfjs-node or the wasm backend by name and finds the wasm files on disk
  {
    files: ['native-model/backend.ts'],
    rules: NO_BYPASS('(^|\\/)(electron|renderer|engine|db)(\\/|$)|better-sqlite3', false, true),
  },

  // electron/: the shell may import the engine; only the Electron-facing modules import `electron`.
  {
    files: SOURCES('electron'),
    rules: restrict(
      SQLITE,
      {
        group: ['electron'],
        message: 'Only main, window, tray, notifications, ipc and the preload import electron; the rest stays testable in plain Node.',
      },
      { group: ['**/renderer/**'], message: 'The shell loads the built renderer; it never imports it.' },
      ENGINE_OWNS,
    ),
  },
  {
    files: ['electron/main.ts', 'electron/window.ts', 'electron/tray.ts', 'electron/notifications.ts', 'electron/ipc.ts', 'electron/preload.cts'],
    rules: restrict(SQLITE, { group: ['**/renderer/**'], message: 'The shell loads the built renderer; it never imports it.' }, ENGINE_OWNS),
  },

  // renderer/: a browser page. Types from engine/api.ts (the contract's door) only, plus the pure CSV, probability and backfill-words modules; no Node, SQLite, chokidar or TensorFlow.
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...restrict(
        {
          // engine/contract/csv.ts, probability.ts, backfill-words.ts and settings-fields.ts (the settings' one table: bounds, defaults, words): pure, dependency-free,
          // shared so the export and `scan --csv`, the scores the page and the CLI print, and the
          // backfill words of the renderer and the CLI / tray cannot drift
          regex: '(^|/)(engine/(?!api(\\.js)?$|contract/(csv|probability|backfill-words|settings-fields)(\\.js)?$)|db/|native-model/|electron/)',
          message: 'The renderer reaches the engine through src/lib/api-client.ts and engine/api.ts types only.',
        },
        {
          group: ['**/engine/api.js', '**/engine/api'],
          allowTypeImports: true,
          message: 'The renderer imports engine/api.ts as types only (import type).',
        },
        {
          group: [...NODE_BUILTINS, 'better-sqlite3', 'chokidar', '@tensorflow/*', 'electron'],
          message: 'The renderer is a browser page: no Node modules.',
        },
      ),
      'no-restricted-globals': [
        'error',
        ...['process', 'require', 'module', 'Buffer', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({
          name,
          message: 'Node globals are off in the renderer.',
        })),
      ],
    },
  },
  {
    files: ['renderer/**/*.svelte', 'renderer/**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  // the Vite config runs in Node
  { files: ['renderer/vite.config.ts'], languageOptions: { globals: { ...globals.node } } },

  // tests, scripts and bench are composition roots with a SQLite licence: they open and inspect
  // stores directly (to corrupt one, to count rows) and drive the shell.
  {
    files: ['tests/**', '**/*.test.ts', 'scripts/**', 'bench/**'],
    rules: {
      'no-restricted-imports': 'off',
    },
  },
  // tests of terminal safety and log escaping match control characters on purpose
  { files: ['tests/**', '**/*.test.ts'], rules: { 'no-control-regex': 'off' } },

  prettier,
);
