// Follows a Zeek log directory: backfills the recent past from archives and live files, then
// reads appends, rotations (rename + gzip into a dated folder) and truncations as they happen.
// One ingest runs at a time; paths that change meanwhile are queued once.
import { watch, type FSWatcher } from 'chokidar';
import { stat } from 'node:fs/promises';
import type { IngestStore } from '../../db/ingest-store.js';
import { findLogs } from '../ingest/find-logs.js';
import { ingestFile } from '../ingest/ingest-file.js';
import type { PairExtractor } from '../pairs/extract.js';
import { classifyLogFile } from '../zeek/log-names.js';
import type { LogProblem } from '../zeek/reader.js';
import { NotRegularFileError } from '../zeek/regular-file.js';
import { ZeekLogError } from '../zeek/errors.js';

/** How far the first read of a folder has come: files and bytes, and the time its files span. */
export interface BackfillProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** seconds between the oldest and the newest file chosen (by modification time) */
  spanS: number;
}

export interface TailerOptions {
  dir: string;
  store: IngestStore;
  extractor: PairExtractor;
  /** how far back archives are read on first start (seconds, by file modification time) */
  backfillS: number;
  /**
   * For a folder of old logs (no file modified within backfillS of now): how far back from its
   * newest file archives are read instead, so pointing the app at old captures reads them
   * rather than nothing (the app passes its retention; default backfillS).
   */
  historicS?: number;
  onProblem?: (p: LogProblem) => void;
  onIngest?: (events: number, newPairIds: readonly number[]) => void;
  /** before the backfill's first file and after each one */
  onBackfill?: (progress: BackfillProgress) => void;
  /** a periodic sweep over live files, in case a file-system event was missed */
  sweepMs?: number;
  /** a read that failed for a transient reason will be retried (said once per episode) */
  onTransient?: (p: LogProblem) => void;
  /** a file that had failed was read fine: its problems are over */
  onResolved?: (file: string) => void;
  /** first retry delay; doubles per attempt up to retryMaxMs (default 2 s … 5 min) */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

/** attempts before a transient failure is reported as a plain problem and no longer retried */
const MAX_ATTEMPTS = 12;

export class ZeekTailer {
  private watcher: FSWatcher | null = null;
  private readonly pending = new Set<string>();
  private running: Promise<void> | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly liveFiles = new Set<string>();
  /** paths refused as not regular files, so the refusal is reported once */
  private readonly refused = new Set<string>();
  /** files that failed for a transient reason, with their attempt count and retry timer */
  private readonly retries = new Map<string, { attempts: number; timer: NodeJS.Timeout }>();

  constructor(private readonly opts: TailerOptions) {}

  /** files waiting for a retry after a transient failure */
  get waiting(): number {
    return this.retries.size;
  }

  /** Backfill, then follow. Resolves once the backfill is done and the watcher is ready. */
  async start(): Promise<void> {
    const st = await stat(this.opts.dir).catch(() => null);
    if (!st?.isDirectory()) throw new Error(`Zeek log directory ${this.opts.dir} does not exist or is not a directory`);
    await this.backfill();
    if (this.stopped) return;
    this.watcher = watch(this.opts.dir, {
      ignoreInitial: true,
      depth: 4,
      ignored: (path, stats) => Boolean(stats?.isFile() && !classifyLogFile(path)),
    });
    this.watcher.on('add', (p) => this.enqueue(p));
    this.watcher.on('change', (p) => this.enqueue(p));
    this.watcher.on('error', (err) => this.opts.onProblem?.({ file: this.opts.dir, problem: `watching failed: ${(err as Error).message}` }));
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()));
    this.sweepTimer = setInterval(() => this.liveFiles.forEach((f) => this.enqueue(f)), this.opts.sweepMs ?? 10_000);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const r of this.retries.values()) clearTimeout(r.timer);
    this.retries.clear();
    await this.watcher?.close();
    this.watcher = null;
    await this.running;
  }

  /** Resolves when every queued path has been read (used by tests and the demo loader). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async backfill(): Promise<void> {
    const files = await findLogs([this.opts.dir]);
    const withTimes = await Promise.all(
      files.map(async (f) => {
        const st = await stat(f);
        return { f, mtime: st.mtimeMs / 1000, size: st.size };
      }),
    );
    const chosen = chooseBackfill(withTimes, Date.now() / 1000, this.opts.backfillS, this.opts.historicS ?? this.opts.backfillS);
    const mtimes = chosen.map((c) => c.mtime);
    const progress: BackfillProgress = {
      filesDone: 0,
      filesTotal: chosen.length,
      bytesDone: 0,
      bytesTotal: chosen.reduce((a, c) => a + c.size, 0),
      spanS: chosen.length > 0 ? Math.max(...mtimes) - Math.min(...mtimes) : 0,
    };
    // said before the first file too: a single big file is the backfill's whole duration
    this.opts.onBackfill?.({ ...progress });
    for (const { f, size } of chosen) {
      if (this.stopped) return;
      await this.readOne(f);
      progress.filesDone += 1;
      progress.bytesDone += size;
      this.opts.onBackfill?.({ ...progress });
    }
  }

  private enqueue(path: string): void {
    if (this.stopped || !classifyLogFile(path)) return;
    this.pending.add(path);
    if (!this.running) this.running = this.drain().finally(() => (this.running = null));
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0 && !this.stopped) {
      const [path] = this.pending;
      this.pending.delete(path!);
      await this.readOne(path!);
    }
  }

  private async readOne(path: string): Promise<void> {
    const cls = classifyLogFile(path);
    if (!cls) return;
    if (cls.live) this.liveFiles.add(path);
    try {
      // A live file may end in a half-written line: leave it for the next read.
      await ingestFile(path, this.opts.store, this.opts.extractor, {
        final: !cls.live,
        ...(this.opts.onProblem ? { onProblem: this.opts.onProblem } : {}),
        ...(this.opts.onIngest ? { onBatch: this.opts.onIngest } : {}),
      });
      this.refused.delete(path);
      this.resolved(path);
    } catch (err) {
      if (err instanceof NotRegularFileError) {
        // a FIFO or device named like a log: said once, never swept (reading would block)
        this.liveFiles.delete(path);
        if (!this.refused.has(path)) this.opts.onProblem?.({ file: path, problem: err.problem });
        this.refused.add(path);
        return;
      }
      if (errorCode(err) === 'ENOENT') {
        // rotated away between the event and the read: normal, the new name is read instead
        this.liveFiles.delete(path);
        this.resolved(path);
        return;
      }
      const problem = err instanceof ZeekLogError ? err.problem : (err as Error).message;
      if (isTransient(err)) this.retryLater(path, problem);
      else this.opts.onProblem?.({ file: path, problem });
    }
  }

  private resolved(path: string): void {
    const r = this.retries.get(path);
    if (!r) return;
    clearTimeout(r.timer);
    this.retries.delete(path);
    this.opts.onResolved?.(path);
  }

  /** Back-off: 2 s, 4 s, 8 s … up to 5 min; given up (and reported) after MAX_ATTEMPTS. */
  private retryLater(path: string, problem: string): void {
    const prev = this.retries.get(path);
    const attempts = (prev?.attempts ?? 0) + 1;
    if (prev) clearTimeout(prev.timer);
    if (attempts > MAX_ATTEMPTS) {
      this.retries.delete(path);
      this.opts.onResolved?.(path); // the "waiting" notice ends; the failure stays as a problem
      this.opts.onProblem?.({ file: path, problem: `${problem} (gave up after ${MAX_ATTEMPTS} attempts)` });
      return;
    }
    if (!prev) this.opts.onTransient?.({ file: path, problem: `${problem}: will retry` });
    const delay = Math.min((this.opts.retryBaseMs ?? 2000) * 2 ** (attempts - 1), this.opts.retryMaxMs ?? 300_000);
    const timer = setTimeout(() => this.enqueue(path), delay);
    timer.unref();
    this.retries.set(path, { attempts, timer });
  }
}

/** the errno or SQLite code of an error, or of the error it wraps */
function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  return code;
}

const TRANSIENT_CODES = new Set([
  'ENOSPC',
  'EDQUOT',
  'EIO',
  'EAGAIN',
  'EBUSY',
  'EMFILE',
  'ENFILE',
  'ETIMEDOUT',
  'SQLITE_FULL',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
]);

/**
 * Worth trying again later: a full disk or database, an I/O error, too many open files, a locked
 * store, or a gzip that ends early (still being written by the rotation).
 */
export function isTransient(err: unknown): boolean {
  const code = errorCode(err);
  if (code && (TRANSIENT_CODES.has(code) || code.startsWith('SQLITE_IOERR'))) return true;
  const msg = err instanceof Error ? err.message : String(err);
  return /unexpected end of file|database or disk is full|disk I\/O error/i.test(msg);
}

/**
 * The files a first start reads: archives modified within backfillS of now plus the live files;
 * for a folder of old logs (nothing that recent), the archives within historicS of its newest
 * file. Archives oldest first, then the live files, so events arrive roughly in time order.
 */
export function chooseBackfill<T extends { f: string; mtime: number }>(files: readonly T[], nowS: number, backfillS: number, historicS: number): T[] {
  const newest = files.reduce((m, x) => Math.max(m, x.mtime), -Infinity);
  const since = newest >= nowS - backfillS ? nowS - backfillS : newest - historicS;
  const chosen = files.map((x) => ({ x, live: Boolean(classifyLogFile(x.f)?.live) })).filter((c) => c.x.mtime >= since || c.live);
  return chosen.sort((a, b) => Number(a.live) - Number(b.live) || a.x.mtime - b.x.mtime).map((c) => c.x);
}
