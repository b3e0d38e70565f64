// http, ssl and dns rows carry the connection's uid but not its byte counts: conn.log does.
// Joined by uid, each event gets its transport, service, bytes both ways, duration and state.
import type { LogSource } from '../contract/api.js';
import type { ReadLogFile } from '../../db/log-file-store.js';
import type { FileStarts } from './file-start.js';
import type { ReadBudget } from './line-filter.js';
import { connSummary, DETAIL_FIELDS } from './rows.js';
import { scanFiles, type ScanOutcome } from './scan-files.js';

export interface ConnSummary {
  proto: string | null;
  service: string | null;
  durationS: number | null;
  origBytes: number | null;
  respBytes: number | null;
  connState: string | null;
}

/** conn.log writes a connection when it ends: up to this long after its events */
const CONN_LATE_S = 3600;

export interface JoinRequest {
  source: LogSource;
  src: string;
  uids: ReadonlySet<string>;
  from: number;
  to: number;
  connFiles: readonly ReadLogFile[];
  maxFiles: number;
  budget: ReadBudget;
}

/** The conn.log summary of each uid found (the device's rows only, within the budget). */
export async function joinConn(starts: FileStarts, req: JoinRequest): Promise<{ byUid: Map<string, ConnSummary>; outcome: ScanOutcome }> {
  const byUid = new Map<string, ConnSummary>();
  const outcome = await scanFiles(starts, {
    files: req.connFiles,
    needle: req.src,
    fields: DETAIL_FIELDS.conn,
    // a connection starts at or before its first http request or TLS handshake
    from: req.from - CONN_LATE_S,
    to: req.to,
    lateS: CONN_LATE_S,
    maxFiles: req.maxFiles,
    budget: req.budget,
    onRow: (row) => {
      const uid = row[1];
      if (uid && row[2] === req.src && req.uids.has(uid) && !byUid.has(uid)) byUid.set(uid, connSummary(row));
      return byUid.size >= req.uids.size;
    },
  });
  return { byUid, outcome };
}
