// Whether a file named like a Zeek log can be read as one, from its first row: what the folder
// check (engine/service/log-dir-state.ts) needs to call a folder of prose, corrupt archives or
// unreadable files an error before the tailer has read a byte. The reason is the reader's own
// ("not a Zeek log (no #fields header, not JSON)"), so the folder check and the problem list
// say the same thing.
import { readZeekLog, ZeekLogError } from './reader.js';

export type LogSniff = { readable: true } | { readable: false; reason: string };

/** errno codes a person reads */
const ERRNO: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'gone (removed while looked at)',
  EISDIR: 'a folder, not a file',
  ELOOP: 'too many levels of symbolic links',
};

/**
 * Reads at most the header and the first row. An empty file or a header without rows yet (a live
 * conn.log just opened) is readable: Zeek writes the rows later.
 */
export async function sniffLog(file: string): Promise<LogSniff> {
  const rows = readZeekLog(file, { fields: ['ts'], batchLines: 1, final: false });
  try {
    await rows.next();
    return { readable: true };
  } catch (err) {
    if (err instanceof ZeekLogError) return { readable: false, reason: err.problem };
    const code = (err as NodeJS.ErrnoException).code;
    return { readable: false, reason: (code && ERRNO[code]) ?? (err instanceof Error ? err.message : String(err)) };
  } finally {
    await rows.return(undefined).catch(() => undefined);
  }
}
