import type { LogHeader } from './header.js';
import type { LoadedFile } from './byte-source.js';
import type { Row } from './row-values.js';

/**
 * Takes the rows of a read as they are parsed, in file order (ReadOptions.sink). Batches are then
 * yielded with no rows: `batchEnd` has been called for each before it is yielded, after the sink
 * got all of its rows and none of the next batch's.
 */
export interface RowSink {
  /**
   * Optional fast path for plain TSV lines (one-byte separator, one-character unset field, no
   * backslash, ASCII only) with the right column count: the requested fields as byte ranges
   * [starts[i], ends[i]) of `buf`, start -1 where the header lacks the field. The unset and empty
   * tokens are still in the bytes (see header.unsetField / emptyField). Return false to receive
   * the line as a Row through `row` instead.
   */
  tsv?(buf: Buffer, starts: Int32Array, ends: Int32Array, header: LogHeader): boolean;
  /** every other row, decoded as in RowBatch.rows */
  row(row: Row, header: LogHeader): void;
  /** a batch ended: the same endOffset and lines as the RowBatch yielded next */
  batchEnd(endOffset: number, lines: number): void;
}

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
  /**
   * 'warning': reading went on (rows skipped, a name that disagrees with #path), with `rows` the
   * rows it cost; absent: the file (or folder) could not be read, or no further
   */
  level?: 'warning';
  rows?: number;
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
  /** rows go here as they are parsed instead of into RowBatch.rows (see RowSink) */
  sink?: RowSink;
  /**
   * The file's content, already read whole (loadSmallFile): parsed from memory instead of opening
   * the file again. Ignored when resuming a plain file at fromOffset > 0 (that seeks as before).
   */
  preloaded?: LoadedFile;
  /** called once per kind of problem per read, with counts (no flood for bad rows) */
  onProblem?: (p: LogProblem) => void;
}
