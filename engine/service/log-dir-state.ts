// Whether the configured Zeek directory really feeds us, so an empty, wrong or unreadable folder
// never looks like good news ("No device is beaconing"), and a sensor that stopped writing is
// noticed. The look is cheap (names, then the first row of a few files) and done before the
// tailer reads anything, so the first status already says what the folder holds.
import { readdir, stat } from 'node:fs/promises';
import type { LogDirState } from '../contract/api.js';
import { findLogs } from '../ingest/find-logs.js';
import { classifyLogFile } from '../zeek/log-names.js';
import { sniffLog } from '../zeek/sniff.js';

/** a live directory whose newest log is older than this asks whether Zeek still runs */
export const STALE_AFTER_S = 2 * 3600;
/** files whose first row is read, newest first, until one reads as a Zeek log */
const MAX_SNIFFED = 50;

export const LOOKED_FOR =
  'conn, dns, http, ssl and dhcp logs (conn.log, conn.2026-11-27-10-00-00.log, conn.10:00:00-11:00:00.log.gz …) in it and up to 8 folders below, following links';
const CHOOSE = 'Choose the folder where Zeek writes its logs (often /opt/zeek/logs).';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** `entries`: what the folder itself holds (files and folders), when known: "it is empty" */
export function noLogsMessage(dir: string, entries?: number): string {
  const held =
    entries === undefined
      ? ''
      : entries === 0
        ? '; the folder is empty'
        : `; it holds ${plural(entries, 'entry', 'entries')}, none named like a Zeek log`;
  return `No Zeek logs in ${dir}: looked for ${LOOKED_FOR}${held}. ${CHOOSE}`;
}

export function unreadableMessage(dir: string, files: number, unreadable: readonly { file: string; reason: string }[]): string {
  const first = unreadable[0];
  const example = first ? ` (${first.file}: ${first.reason}${unreadable.length > 1 ? `; and ${plural(unreadable.length - 1, 'more')}` : ''})` : '';
  const named =
    files === 1
      ? '1 file named like a Zeek log, which could not be read as one'
      : `${plural(files, 'file')} named like Zeek logs, none could be read as one`;
  return `No readable Zeek log in ${dir}: ${named}${example}. ${CHOOSE}`;
}

export function staleMessage(newest: number): string {
  return `No new logs since ${new Date(newest * 1000).toISOString().replace(/\.\d+Z$/, 'Z')}: is Zeek running?`;
}

export interface LogDirScan {
  dir: string;
  files: number;
  /** what the folder itself holds (files and folders); null when it cannot be listed */
  entries: number | null;
  /** a live-named log (conn.log…) is there: Zeek writes into this folder */
  live: boolean;
  /** newest modification time of any log, epoch s */
  newestMtime: number | null;
  /** files named like logs whose start is no Zeek log we read, with the reader's reason */
  unreadable: { file: string; reason: string }[];
  /** false: every file looked at was unreadable (an error state); null: not all were looked at */
  readable: boolean | null;
}

export async function scanLogDir(dir: string): Promise<LogDirScan> {
  let files: string[];
  try {
    files = await findLogs([dir]);
  } catch {
    files = [];
  }
  const entries = await readdir(dir).then(
    (e) => e.length,
    () => null,
  );
  const dated: { file: string; mtime: number | null }[] = [];
  for (const file of files) {
    const mtime = await stat(file).then(
      (s) => s.mtimeMs / 1000,
      () => null,
    );
    dated.push({ file, mtime });
  }
  const newest = dated.reduce<number | null>((a, d) => (d.mtime !== null && (a === null || d.mtime > a) ? d.mtime : a), null);
  // the newest first: a live conn.log answers at once; stop at the first that reads
  dated.sort((a, b) => (b.mtime ?? 0) - (a.mtime ?? 0));
  const unreadable: LogDirScan['unreadable'] = [];
  let readable: boolean | null = files.length === 0 ? null : false;
  for (const { file } of dated.slice(0, MAX_SNIFFED)) {
    const s = await sniffLog(file);
    if (s.readable) {
      readable = true;
      break;
    }
    unreadable.push({ file, reason: s.reason });
  }
  if (readable === false && files.length > MAX_SNIFFED) readable = null;
  return { dir, files: files.length, entries, live: files.some((f) => classifyLogFile(f)?.live), newestMtime: newest, unreadable, readable };
}

export function logDirState(dir: string, scan: LogDirScan, now: number): LogDirState {
  if (scan.files === 0) return { dir, state: 'no-logs', message: noLogsMessage(dir, scan.entries ?? undefined), newestLogAt: null };
  if (scan.readable === false) return { dir, state: 'unreadable', message: unreadableMessage(dir, scan.files, scan.unreadable), newestLogAt: null };
  const newest = scan.newestMtime;
  if (scan.live && newest !== null && now - newest > STALE_AFTER_S)
    return { dir, state: 'stale', message: staleMessage(newest), newestLogAt: newest };
  return { dir, state: 'ok', message: null, newestLogAt: newest };
}

/** before the first look at a folder has ended: never read as "nothing there" nor as "all clear" */
export function checkingState(dir: string): LogDirState {
  return { dir, state: 'checking', message: `Looking for Zeek logs in ${dir}…`, newestLogAt: null };
}
