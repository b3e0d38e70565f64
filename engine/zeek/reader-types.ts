import type { LogHeader } from './header.js';

export interface RowBatch {
  header: LogHeader;
  /**
   * One entry per row; each row has one value per requested field, in the order of opts.fields.
   * null = unset (`-` in TSV, absent/null in JSON); '' = empty (`(empty)`, or [] in JSON).
   * TSV `\xNN` and `\\` escapes are decoded; sets/vectors stay joined by the set separator (an
   * escaped `\x2c` inside an element becomes a plain ',' — elements with commas are not
   * recoverable, which no field we use needs).
   * JSON: numbers -> String(n), booleans -> 'T'/'F' (Zeek TSV style), arrays -> joined by ',',
   * strings as written (Zeek's JSON `\\xNN` for bytes that are not UTF-8 is left as text).
   */
  rows: (string | null)[][];
  /** uncompressed byte offset just after the last line this batch consumed (a line boundary) */
  endOffset: number;
  /** data lines consumed in this batch (including skipped bad rows) */
  lines: number;
}

export interface LogProblem {
  file: string;
  problem: string;
  /** 1-based line number when known (not known after resuming a plain file at fromOffset > 0) */
  line?: number;
}

export interface ReadOptions {
  /** e.g. ['ts','id.orig_h','id.resp_h','proto','service','orig_bytes','resp_bytes'] */
  fields: readonly string[];
  /** resume: uncompressed byte offset at a line boundary (default 0) */
  fromOffset?: number;
  /**
   * true: the file is complete (archive, one-shot scan): a last line without newline is parsed if
   * it is a whole record, else reported as a truncated last line.
   * false (default, live file): a partial last line is left for later (endOffset stops before it).
   * The default is false because a wrong `true` on a growing file would consume a half-written
   * line for good, while a wrong `false` only leaves a final unterminated line unread.
   */
  final?: boolean;
  /** data lines per batch (default 5000) */
  batchLines?: number;
  /** called once per kind of problem per read, with counts (no flood for bad rows) */
  onProblem?: (p: LogProblem) => void;
}
