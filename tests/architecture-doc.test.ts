// docs/ARCHITECTURE.md stays true: every file or folder it names by its path from the repository
// root exists, its arrows are the imports between rooms, and no folder imports one that imports
// it back. A move or a deletion that forgets the document fails here, not in a reader's head.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

const ROOMS = ['renderer', 'electron', 'engine', 'db', 'native-model'] as const;
type Room = (typeof ROOMS)[number];

/** The arrows of "Rooms and the direction of imports": per room, the paths (files or folders) it may import from other rooms. */
export function arrows(markdown: string): Map<Room, string[]> {
  const block = /## Rooms and the direction of imports\s+```\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
  const out = new Map<Room, string[]>(ROOMS.map((r) => [r, []]));
  for (const line of block.split('\n')) {
    const m = /^(\S+)\/\s*─.*▶\s*(.*)$/.exec(line.trim());
    if (!m || !ROOMS.includes(m[1] as Room)) continue;
    // the targets are the comma-separated items outside parentheses: "engine/ (…), db/ (types)"
    const targets = m[2]!
      .replace(/\([^)]*\)/g, '')
      .split(',')
      .map((t) => t.trim());
    out.get(m[1] as Room)!.push(...targets.filter((t) => ROOMS.includes(t.split('/')[0] as Room)));
  }
  return out;
}

/** Every import of one room's sources that lands in another room: [importing file, imported path]. */
function crossRoomImports(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) {
        if (!['node_modules', 'dist', 'fixtures', 'model'].includes(e.name)) walk(rel);
      } else if (/\.(ts|cts|mts|svelte)$/.test(e.name) && !/\.test\.ts$|\.d\.ts$/.test(e.name)) {
        const code = readFileSync(join(REPO_ROOT, rel), 'utf8');
        // static and dynamic imports, and modules loaded by URL (the CNN's classifier, the worker)
        for (const m of code.matchAll(/(?:from|import\s*\(?|new URL\()\s*'(\.[^']+)'/g)) {
          const target = relative(REPO_ROOT, resolve(REPO_ROOT, dirname(rel), m[1]!)).replace(/\.js$/, '.ts');
          if (target.split('/')[0] !== rel.split('/')[0] && ROOMS.includes(target.split('/')[0] as Room)) out.push([rel, target]);
        }
      }
    }
  };
  for (const room of ROOMS) walk(room === 'renderer' ? 'renderer/src' : room);
  return out;
}

test("the code's imports between rooms are the document's arrows", () => {
  const allowed = arrows(readFileSync(join(REPO_ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8'));
  assert.ok([...allowed.values()].flat().length >= 6, 'the arrow block was not found or not read');
  const imports = crossRoomImports();
  assert.ok(imports.length > 20, `too few imports between rooms found (${imports.length})`);
  const undrawn = imports.filter(([file, target]) => {
    const may = allowed.get(file.split('/')[0] as Room) ?? [];
    return !may.some((p) => (p.endsWith('/') ? target.startsWith(p) : target === p));
  });
  assert.deepEqual(undrawn, [], 'imports docs/ARCHITECTURE.md does not draw: add the arrow or remove the import');
  // and every arrow is used: an arrow the code does not take is drift too
  const unused = ROOMS.flatMap((room) =>
    allowed.get(room)!.filter((p) => !imports.some(([f, t]) => f.startsWith(`${room}/`) && (p.endsWith('/') ? t.startsWith(p) : t === p))),
  );
  assert.deepEqual(unused, [], 'arrows docs/ARCHITECTURE.md draws that no import takes');
});

test('the arrow check reads a drawing and finds an undrawn import (it can fail)', () => {
  const doc = '## Rooms and the direction of imports\n\n```\nelectron/ ──▶ engine/ (api.ts), db/\nnative-model/ ──▶ nothing of ours\n```\n';
  const a = arrows(doc);
  assert.deepEqual(a.get('electron'), ['engine/', 'db/']);
  assert.deepEqual(a.get('native-model'), []);
});

/** A folder's place in the import graph: engine/ by concept (engine/ingest, engine/findings…), the other rooms whole. */
const folderOf = (file: string) => (file.startsWith('engine/') ? file.split('/').slice(0, 2).join('/') : file.split('/')[0]!);

/** Import circles between folders, each as the folders it passes: [] when the graph points one way. */
export function folderCircles(imports: readonly [string, string][]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const [from, to] of imports) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (a === b || b.endsWith('.ts')) continue;
    if (!next.has(a)) next.set(a, new Set());
    next.get(a)!.add(b);
  }
  const circles = new Map<string, string[]>();
  const walk = (start: string, at: string, path: string[]): void => {
    for (const n of next.get(at) ?? []) {
      if (n === start) circles.set([...path].sort().join(' '), [...path, start]);
      else if (!path.includes(n) && path.length < 6) walk(start, n, [...path, n]);
    }
  };
  for (const start of next.keys()) walk(start, start, [start]);
  return [...circles.values()];
}

test('no import circle between folders (engine/ by concept, the rooms whole)', () => {
  // within engine/ and db/ too: a folder whose files import another that imports it back is one tangle
  const imports: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) {
        if (!['node_modules', 'dist', 'fixtures', 'model'].includes(e.name)) walk(rel);
      } else if (/\.(ts|cts|mts)$/.test(e.name) && !/\.test\.ts$|\.d\.ts$/.test(e.name)) {
        const code = readFileSync(join(REPO_ROOT, rel), 'utf8');
        for (const m of code.matchAll(/(?:from|import\s*\(?|new URL\()\s*'(\.[^']+)'/g)) {
          imports.push([rel, relative(REPO_ROOT, resolve(REPO_ROOT, dirname(rel), m[1]!)).replace(/\.js$/, '.ts')]);
        }
      }
    }
  };
  for (const room of ['engine', 'db', 'native-model', 'electron']) walk(room);
  assert.ok(imports.length > 200, `too few imports read (${imports.length})`);
  assert.deepEqual(folderCircles(imports), []);
});

test('the circle check finds a circle (it can fail)', () => {
  const circles = folderCircles([
    ['engine/ingest/a.ts', 'db/b.ts'],
    ['db/b.ts', 'engine/ingest/c.ts'],
    ['engine/score/x.ts', 'engine/contract/y.ts'],
  ]);
  assert.equal(circles.length, 1);
  assert.deepEqual([...circles[0]!].sort(), ['db', 'db', 'engine/ingest'].sort());
});
