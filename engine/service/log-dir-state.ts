// Whether the configured Zeek directory really feeds us, so an empty or wrong folder never looks
// like good news ("No device is beaconing"), and a sensor that stopped writing is noticed.
import { stat } from 'node:fs/promises';
import type { LogDirState } from '../contract/api.js';
import { findLogs } from '../ingest/find-logs.js';
import { classifyLogFile } from '../zeek/log-names.js';

/** a live directory whose newest log is older than this asks whether Zeek still runs */
export const STALE_AFTER_S = 2 * 3600;

export const LOOKED_FOR =
  'conn, dns, http, ssl and dhcp logs (conn.log, conn.2026-11-27-10-00-00.log, conn.10:00:00-11:00:00.log.gz …) in it and up to 8 folders below, following links';

export function noLogsMessage(dir: string): string {
  return `No Zeek logs in ${dir}: looked for ${LOOKED_FOR}. Choose the folder where Zeek writes its logs (often /opt/zeek/logs).`;
}

export function staleMessage(newest: number): string {
  return `No new logs since ${new Date(newest * 1000).toISOString().replace(/\.\d+Z$/, 'Z')}: is Zeek running?`;
}

export interface LogDirScan {
  files: number;
  /** a live-named log (conn.log…) is there: Zeek writes into this folder */
  live: boolean;
  /** newest modification time of any log, epoch s */
  newestMtime: number | null;
}

export async function scanLogDir(dir: string): Promise<LogDirScan> {
  let files: string[];
  try {
    files = await findLogs([dir]);
  } catch {
    files = [];
  }
  let newest: number | null = null;
  for (const f of files) {
    const m = await stat(f)
      .then((s) => s.mtimeMs / 1000)
      .catch(() => null);
    if (m !== null && (newest === null || m > newest)) newest = m;
  }
  return { files: files.length, live: files.some((f) => classifyLogFile(f)?.live), newestMtime: newest };
}

export function logDirState(dir: string, scan: LogDirScan, now: number): LogDirState {
  if (scan.files === 0) return { dir, state: 'no-logs', message: noLogsMessage(dir), newestLogAt: null };
  const newest = scan.newestMtime;
  if (scan.live && newest !== null && now - newest > STALE_AFTER_S)
    return { dir, state: 'stale', message: staleMessage(newest), newestLogAt: newest };
  return { dir, state: 'ok', message: null, newestLogAt: newest };
}
