// What the runtime knows about the followed Zeek folder: the last look at it (log-dir-state.ts),
// the look in progress (so the first status waits for it instead of saying nothing), and the
// files the tailer could not read. Its answers feed EngineStatus.logDir and the coverage
// sentence's file counts.
import type { LogDirState } from '../contract/api.js';
import { checkingState, logDirState, scanLogDir, type LogDirScan } from './log-dir-state.js';

export class LogDirWatch {
  private scan: LogDirScan | null = null;
  private pending: Promise<void> | null = null;
  private looks = 0;
  /** files of this folder the tailer reported as unreadable (not transient), with the reason */
  private readonly failed = new Map<string, string>();

  /** A new folder (or none): forget the old one's look and failures. */
  reset(): void {
    this.scan = null;
    this.failed.clear();
  }

  /** Look at the folder again; the newest look wins over one still in progress. */
  refresh(dir: string | null): Promise<void> {
    if (!dir) {
      this.scan = null;
      return Promise.resolve();
    }
    const look = ++this.looks;
    const p = scanLogDir(dir).then((s) => {
      if (look === this.looks) this.scan = s;
    });
    this.pending = p.finally(() => {
      if (look === this.looks) this.pending = null;
    });
    return this.pending;
  }

  /** Wait for the look in progress, or take one when the folder was never looked at. */
  async settled(dir: string | null): Promise<void> {
    if (!dir) return;
    if (this.pending) return this.pending;
    if (this.scan?.dir !== dir) return this.refresh(dir);
  }

  /** the folder does not exist: nothing in it */
  missing(dir: string): void {
    this.looks++;
    this.pending = null;
    this.scan = { dir, files: 0, entries: null, live: false, newestMtime: null, unreadable: [], readable: null };
  }

  fileFailed(file: string, problem: string): void {
    if (file !== this.scan?.dir) this.failed.set(file, problem);
  }

  fileResolved(file: string): void {
    this.failed.delete(file);
  }

  /** events arrived: the folder holds a readable log, and one was just written */
  ingested(nowS: number): void {
    const s = this.scan;
    if (s) this.scan = { ...s, files: Math.max(1, s.files), readable: true, newestMtime: Math.max(s.newestMtime ?? 0, nowS) };
  }

  /** null when no folder is followed (none set, or demo data) */
  state(dir: string | null, nowS: number): LogDirState | null {
    if (!dir) return null;
    if (this.scan?.dir !== dir) return checkingState(dir);
    return logDirState(dir, this.scan, nowS);
  }

  /** log files found, and those known unreadable (the first look's and the tailer's) */
  files(): { found: number; unreadable: number } {
    const bad = new Set(this.failed.keys());
    for (const u of this.scan?.unreadable ?? []) bad.add(u.file);
    return { found: Math.max(this.scan?.files ?? 0, bad.size), unreadable: bad.size };
  }
}
