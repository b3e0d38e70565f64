// Whether a folder can be a Zeek log folder, in words a person can act on, and the usual places
// to look (Settings and first run offer them; `watch` and `serve` check their argument with it).
import { existsSync, statSync } from 'node:fs';
import type { ZeekDirCandidate } from '../contract/api.js';
import { hasZeekLogs } from '../ingest/find-logs.js';
import { noLogsMessage } from './log-dir-state.js';

const ZEEK_DIR_CANDIDATES = ['/opt/zeek/logs', '/usr/local/zeek/logs', '/nsm/zeek/logs', '/var/log/zeek', '/opt/zeek/spool/zeek'];

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A helpful message when a directory cannot be a Zeek log directory, else null. */
export function zeekDirProblem(dir: string): string | null {
  if (!existsSync(dir))
    return `${dir} does not exist. Choose the folder where Zeek writes its logs (often /opt/zeek/logs, /usr/local/zeek/logs or /nsm/zeek/logs).`;
  if (!isDir(dir)) return `${dir} is a file, not a folder. Choose the folder that contains conn.log (or current/ and dated archive folders).`;
  return null;
}

/** The usual places, `path` first when given: which exist, which hold logs, what is wrong with each. */
export async function detectZeekDirs(path: string | undefined): Promise<ZeekDirCandidate[]> {
  const out: ZeekDirCandidate[] = [];
  for (const p of path ? [path, ...ZEEK_DIR_CANDIDATES.filter((c) => c !== path)] : ZEEK_DIR_CANDIDATES) {
    const exists = isDir(p);
    const hasLogs = exists && (await hasZeekLogs(p));
    out.push({ path: p, exists, hasLogs, problem: zeekDirProblem(p) ?? (hasLogs ? null : noLogsMessage(p)) });
  }
  return out;
}
