// Which files in a Zeek log folder hold records we ingest, judged by name alone.
//
// Names Zeek and zeekctl write:
//   conn.log                               live file in logs/current/ (or a bare `zeek -i` cwd)
//   conn.2026-11-27-10-00-00.log           `zeek` rotation (Log::default_rotation_date_format)
//   conn.10:00:00-11:00:00.log.gz          zeekctl hourly archive in logs/YYYY-MM-DD/
//   conn.17_32_32-18_00_00.log.gz          same with ':' replaced (Windows-safe copies)
//   conn.log.gz, conn.log.1                copies compressed / rotated by other tools
//   conn.log.labeled                       Stratosphere datasets: conn.log plus label columns
//
// Deliberately skipped (null):
//   open_conn.log, open_http.* …   connections still open at rotation time. Zeek writes every one
//       of them to conn.log again when it closes, so ingesting both would count them twice.
//   labeled-conn.log               Stratosphere ships it beside the original conn.log with the
//       same rows plus labels; taking both would double every connection. (`conn.log.labeled`
//       in `data/` folders has no plain twin, so that one is taken.)
//   files, x509, weird, capture_loss, conn-summary, … other logs carry no pair we score.

export type ZeekLogKind = 'conn' | 'dns' | 'http' | 'ssl' | 'dhcp';

export interface LogFileName {
  kind: ZeekLogKind;
  /** the name ends with .gz (the reader still checks the gzip magic bytes) */
  compressed: boolean;
  /** no rotation stamp: Zeek may still be appending to it */
  live: boolean;
}

const KINDS: ReadonlySet<string> = new Set<ZeekLogKind>(['conn', 'dns', 'http', 'ssl', 'dhcp']);

function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut >= 0 ? path.slice(cut + 1) : path;
}

/** A rotation stamp starts with a digit: dates, hh:mm:ss ranges, logrotate's .1 */
function isStamp(s: string): boolean {
  const c = s.charCodeAt(0);
  return s.length > 0 && c >= 48 && c <= 57;
}

export function classifyLogFile(path: string): LogFileName | null {
  let name = baseName(path);
  const compressed = name.endsWith('.gz');
  if (compressed) name = name.slice(0, -3);

  const dot = name.indexOf('.');
  if (dot <= 0) return null;
  const kind = name.slice(0, dot);
  if (!KINDS.has(kind)) return null;
  const rest = name.slice(dot + 1); // e.g. "log", "10:00:00-11:00:00.log", "log.labeled"

  let live: boolean;
  if (rest === 'log') {
    live = !compressed;
  } else if (rest === 'log.labeled') {
    live = false; // a finished dataset, never appended
  } else if (rest.endsWith('.log') && isStamp(rest.slice(0, -4))) {
    live = false;
  } else if (rest.startsWith('log.') && isStamp(rest.slice(4))) {
    live = false;
  } else {
    return null;
  }
  return { kind: kind as ZeekLogKind, compressed, live };
}

export function isZeekLogCandidate(path: string): boolean {
  return classifyLogFile(path) !== null;
}
