// Writes records in the zeekctl layout: hourly gzip archives under logs/YYYY-MM-DD/, the last
// (partial) hour as live files in spool/zeek/, and logs/current -> ../spool/zeek.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatLog, LOG_KINDS, type LogKind, type LogRecord } from './zeek-format.js';

const HOUR = 3600;

function hh(ts: number): string {
  return new Date(ts * 1000).toISOString().slice(11, 13);
}

export function archiveName(kind: LogKind, hourStart: number): string {
  return `${kind}.${hh(hourStart)}:00:00-${hh(hourStart + HOUR)}:00:00.log.gz`;
}

/** The folders a scan should be given (every dated archive folder, and the live spool). */
export function logFolders(outDir: string, start: number, end: number): string[] {
  const days = new Set<string>();
  for (let t = Math.floor(start / HOUR) * HOUR; t + HOUR <= end; t += HOUR) days.add(new Date(t * 1000).toISOString().slice(0, 10));
  return [...[...days].sort().map((d) => join(outDir, 'logs', d)), join(outDir, 'spool', 'zeek')];
}

export function writeZeekctlLayout(outDir: string, records: Record<LogKind, LogRecord[]>, start: number, end: number): void {
  rmSync(join(outDir, 'logs'), { recursive: true, force: true });
  rmSync(join(outDir, 'spool'), { recursive: true, force: true });
  const spool = join(outDir, 'spool', 'zeek');
  mkdirSync(spool, { recursive: true });
  mkdirSync(join(outDir, 'logs'), { recursive: true });
  symlinkSync('../spool/zeek', join(outDir, 'logs', 'current'));
  const firstHour = Math.floor(start / HOUR) * HOUR;
  for (const kind of LOG_KINDS) {
    const rows = [...records[kind]].sort((a, b) => a.ts - b.ts);
    let i = 0;
    for (let h = firstHour; h < end; h += HOUR) {
      const from = i;
      while (i < rows.length && rows[i]!.ts < h + HOUR) i++;
      // Zeek creates a log on its first write: an hour without rows has no file.
      if (i === from) continue;
      const hourRows = rows.slice(from, i);
      if (h + HOUR <= end) {
        const dir = join(outDir, 'logs', new Date(h * 1000).toISOString().slice(0, 10));
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, archiveName(kind, h)), gzipSync(formatLog(kind, h, hourRows, h + HOUR)));
      } else {
        writeFileSync(join(spool, `${kind}.log`), formatLog(kind, h, hourRows, null));
      }
    }
  }
}
