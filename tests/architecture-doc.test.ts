// docs/ARCHITECTURE.md stays true: every file or folder it names by its path from the repository
// root exists. A move or a deletion that forgets the document fails here, not in a reader's head.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/browser.js';

const TOP = ['engine', 'db', 'native-model', 'electron', 'renderer', 'tests', 'bench', 'build', 'docs', 'scripts'];

/** paths in backticks that start at a top-level folder; patterns (`*`, `NNN`) are no paths */
export function namedPaths(markdown: string): string[] {
  const paths = [...markdown.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!);
  return [...new Set(paths)].filter((p) => TOP.includes(p.split('/')[0]!) && p.includes('/') && !/[*<>]|NNN/.test(p));
}

test('every path docs/ARCHITECTURE.md names exists', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');
  const named = namedPaths(doc);
  assert.ok(named.length > 20, `too few paths found (${named.length}): is the pattern still right?`);
  const missing = named.filter((p) => !existsSync(join(REPO_ROOT, p)));
  assert.deepEqual(missing, [], `docs/ARCHITECTURE.md names paths that do not exist: ${missing.join(', ')}`);
});

test('the check finds a stale path (it can fail)', () => {
  assert.deepEqual(namedPaths('see `engine/describe.ts` and `db/migrations/NNN-name.ts`, `*.test.ts`, `cli/`'), ['engine/describe.ts']);
  assert.equal(existsSync(join(REPO_ROOT, 'engine/describe.ts')), false);
});
