// The shell's log: levelled lines on stderr and, in the app, in a rotated file under Electron's
// logs path (a packaged app's stderr is seen by nobody). BEACONWATCH_LOG=debug (or --debug)
// shows debug. Plain module (no Electron import): main.ts passes the directory.
//
// Log lines quote attacker-controlled strings (DNS names, Host, SNI, paths from a sensor): every
// line is escaped so that such a string can neither forge a line (newlines), drive a terminal
// (ESC sequences) nor reorder what a reader sees (bidi controls).
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  error(line: string, err?: unknown): void;
}

export function logLevelFrom(env: Record<string, string | undefined>, argv: readonly string[]): LogLevel {
  if (argv.includes('--debug')) return 'debug';
  const v = env.BEACONWATCH_LOG?.toLowerCase();
  return v === 'debug' || v === 'info' || v === 'warn' || v === 'error' ? v : 'info';
}

// C0 and C1 controls, DEL, bidi embeddings/overrides/isolates, line and paragraph separators
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One line, printable: controls become `\n`, `\xNN` or `\u{NNNN}`; backslashes are doubled first. */
export function escapeLogText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

export function createLogger(level: LogLevel, sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const at = (l: LogLevel, line: string) => {
    if (ORDER[l] >= ORDER[level]) sink(`${new Date().toISOString()} ${l.padEnd(5)} ${escapeLogText(line)}`);
  };
  return {
    debug: (line) => at('debug', line),
    info: (line) => at('info', line),
    warn: (line) => at('warn', line),
    error: (line, err) =>
      at('error', err instanceof Error ? `${line}: ${err.stack ?? err.message}` : err === undefined ? line : `${line}: ${String(err)}`),
  };
}

export interface LogFileOptions {
  /** Electron's app.getPath('logs') */
  dir: string;
  name?: string;
  /** rotate when the file would grow past this (default 1 MiB) */
  maxBytes?: number;
  /** rotated files kept besides the live one: name.1.log … name.N.log (default 3) */
  keep?: number;
}

/**
 * A sink appending lines to `<dir>/<name>.log`, rotated by size. Writes are synchronous: lines
 * are few, and a line written just before a crash must be on disk. A write that fails (disk
 * full, folder removed) is dropped rather than taking the app down.
 */
export function createLogFile(opts: LogFileOptions): { file: string; write(line: string): void } {
  const name = opts.name ?? 'beaconwatch';
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const keep = Math.max(1, opts.keep ?? 3);
  const file = path.join(opts.dir, `${name}.log`);
  const rotated = (i: number) => path.join(opts.dir, `${name}.${i}.log`);
  mkdirSync(opts.dir, { recursive: true });
  let size = existsSync(file) ? statSync(file).size : 0;
  const rotate = () => {
    rmSync(rotated(keep), { force: true });
    for (let i = keep - 1; i >= 1; i--) if (existsSync(rotated(i))) renameSync(rotated(i), rotated(i + 1));
    if (existsSync(file)) renameSync(file, rotated(1));
    size = 0;
  };
  return {
    file,
    write(line: string) {
      const text = `${line}\n`;
      const bytes = Buffer.byteLength(text);
      try {
        if (size > 0 && size + bytes > maxBytes) rotate();
        appendFileSync(file, text);
        size += bytes;
      } catch {
        // logging must never be the reason the app stops
      }
    },
  };
}
