// Reads the log_files table (the files the ingest has read, by fingerprint) for the finding
// page's event details (engine/event-details/), which re-read those files on demand. Read-only:
// the ingest (db/ingest-store.ts) is the only writer.
import type { SqliteDatabase } from './open.js';

/** A log file the store has read: where it was last seen and what it is. */
export interface ReadLogFile {
  fingerprint: string;
  kind: string;
  path: string;
  complete: boolean;
  updatedAt: number;
}

export class LogFileStore {
  private readonly byKindStmt;

  private readonly bySensorStmt;

  constructor(db: SqliteDatabase) {
    this.byKindStmt = db.prepare('SELECT fingerprint, kind, path, complete, updated_at FROM log_files WHERE kind = ?');
    this.bySensorStmt = db.prepare('SELECT fingerprint, kind, path, complete, updated_at FROM log_files WHERE kind = ? AND sensor = ?');
  }

  /**
   * Every file of these kinds (conn, http, ssl, dns…) the store has read; with `sensor`, only
   * those read from that sensor's folder (another site's rows for the same addresses are not this pair's).
   */
  list(kinds: readonly string[], sensor?: string): ReadLogFile[] {
    const out: ReadLogFile[] = [];
    for (const kind of kinds) {
      const rows = sensor === undefined ? this.byKindStmt.all(kind) : this.bySensorStmt.all(kind, sensor);
      for (const r of rows as Record<string, unknown>[]) {
        out.push({
          fingerprint: r.fingerprint as string,
          kind: r.kind as string,
          path: r.path as string,
          complete: r.complete === 1,
          updatedAt: r.updated_at as number,
        });
      }
    }
    return out;
  }
}
