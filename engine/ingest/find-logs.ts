// Finds Zeek logs under files and folders given on the command line or watched by the tailer.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { classifyLogFile } from '../zeek/log-names.js';

export class PathError extends Error {
  constructor(readonly path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'PathError';
  }
}

/**
 * Every pair-producing Zeek log under `paths` (recursively), sorted by path so that runs are
 * reproducible. A path that does not exist or cannot be read throws a PathError naming it.
 */
export async function findLogs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new PathError(p, code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message);
    }
    if (st.isDirectory()) await walk(p, out, 0);
    else out.push(p); // an explicit file is read even with an unusual name; ingest classifies it
  }
  return [...new Set(out)].sort();
}

async function walk(dir: string, out: string[], depth: number): Promise<void> {
  if (depth > 8) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new PathError(dir, `cannot read directory (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) await walk(full, out, depth + 1);
    else if (e.isFile() && classifyLogFile(full)) out.push(full);
  }
}
