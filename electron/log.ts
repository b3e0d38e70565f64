// The shell's log: levelled lines on stderr. BEACONWATCH_LOG=debug (or --debug) shows debug.
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

export function createLogger(level: LogLevel, sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const at = (l: LogLevel, line: string) => {
    if (ORDER[l] >= ORDER[level]) sink(`${new Date().toISOString()} ${l.padEnd(5)} ${line}`);
  };
  return {
    debug: (line) => at('debug', line),
    info: (line) => at('info', line),
    warn: (line) => at('warn', line),
    error: (line, err) => at('error', err instanceof Error ? `${line}: ${err.stack ?? err.message}` : err === undefined ? line : `${line}: ${String(err)}`),
  };
}
