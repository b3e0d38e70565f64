// Finds Zeek logs under files and folders given on the command line or watched by the tailer.
//
// Symbolic links are followed, to files and to folders: a stock zeekctl install makes
// `logs/current` a link to `../spool/zeek`, and archive folders may be links to other disks.
// A folder is entered once however many links lead to it (the loop guard: device + inode of
// every folder entered), and a file reached twice (the link and its target both under the
// path) is listed once, under the first path seen in sorted order.
import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { classifyLogFile } from '../zeek/log-names.js';

export class PathError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'PathError';
  }
}

/** how deep below a given folder logs are looked for (zeekctl: logs/YYYY-MM-DD/, a few more) */
const MAX_DEPTH = 8;

const identity = (st: Stats) => `${st.dev}:${st.ino}`;

/**
 * Every pair-producing Zeek log under `paths` (recursively), sorted by path so that runs are
 * reproducible. A path that does not exist or cannot be read throws a PathError naming it.
 * Entries named like logs that are not regular files (FIFOs, sockets, devices) are listed too:
 * opening them (engine/zeek/regular-file.ts) refuses them with a one-line reason.
 */
export async function findLogs(paths: readonly string[], stopAfter = Infinity): Promise<string[]> {
  const found = new Map<string, string>(); // identity → path
  const dirs = new Set<string>();
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new PathError(
        p,
        code === 'ENOENT'
          ? 'no such file or directory'
          : code === 'EACCES'
            ? 'permission denied'
            : code === 'ELOOP'
              ? 'too many levels of symbolic links'
              : (err as Error).message,
      );
    }
    if (st.isDirectory()) await walk(p, st, found, dirs, 0, stopAfter);
    else keep(found, identity(st), p); // an explicit file is read even with an unusual name; ingest classifies it
  }
  return [...new Set(found.values())].sort();
}

function keep(found: Map<string, string>, id: string, path: string): void {
  const prev = found.get(id);
  if (prev === undefined || path < prev) found.set(id, path);
}

async function walk(dir: string, st: Stats, found: Map<string, string>, dirs: Set<string>, depth: number, stopAfter: number): Promise<void> {
  if (depth > MAX_DEPTH || dirs.has(identity(st)) || found.size >= stopAfter) return;
  dirs.add(identity(st));
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new PathError(dir, `cannot read directory (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  // sorted, so that of two names for one file the same one wins on every run
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    const named = classifyLogFile(full) !== null;
    // only links and candidate names need a stat: a folder of 10,000 other files stays cheap
    if (!e.isDirectory() && !e.isSymbolicLink() && !named) continue;
    let target: Stats;
    try {
      target = await stat(full); // follows links
    } catch {
      continue; // a dangling link, or an entry removed meanwhile (rotation)
    }
    if (target.isDirectory()) await walk(full, target, found, dirs, depth + 1, stopAfter);
    else if (named) keep(found, identity(target), full);
    if (found.size >= stopAfter) return;
  }
}

/** Whether `dir` holds at least one Zeek log we read (same rules as findLogs). */
export async function hasZeekLogs(dir: string): Promise<boolean> {
  try {
    return (await findLogs([dir], 1)).length > 0; // the first log found answers
  } catch {
    return false;
  }
}
