// What one read of a log skipped, in words: the parser counts (log-parser.ts keeps its hot loop
// to counting), and this says it once per read, with the first line each kind was seen on.
import type { LogProblem } from './reader-types.js';

export interface ParseCounts {
  badRows: number;
  firstBadRowLine: number | undefined;
  badJson: number;
  firstBadJsonLine: number | undefined;
  failedRows: number;
  firstFailedRow: { line: number | undefined; why: string } | undefined;
  truncatedLastLine: boolean;
  /** the line number reached (where a truncated last line is) */
  lastLine: number | undefined;
}

export function parseProblems(file: string, ncols: number, c: ParseCounts): LogProblem[] {
  const out: LogProblem[] = [];
  const at = (line: number | undefined) => (line === undefined ? {} : { line });
  const warn = (problem: string, rows: number, line: number | undefined) => out.push({ file, problem, level: 'warning', rows, ...at(line) });
  if (c.badRows > 0) warn(`${c.badRows} row(s) with the wrong column count skipped (expected ${ncols})`, c.badRows, c.firstBadRowLine);
  if (c.badJson > 0) warn(`${c.badJson} line(s) of invalid JSON skipped`, c.badJson, c.firstBadJsonLine);
  if (c.failedRows > 0)
    warn(`${c.failedRows} row(s) skipped: could not be decoded (${c.firstFailedRow!.why.slice(0, 200)})`, c.failedRows, c.firstFailedRow!.line);
  if (c.truncatedLastLine) warn('truncated last line (no newline, incomplete record) skipped', 1, c.lastLine);
  return out;
}
