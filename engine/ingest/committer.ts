// When a file's read work is stored. ingestFile hands every reader batch (its events in
// `committer.batch`, its leases in `committer.leases`, its end offset) to a committer, which
// decides when they reach SQLite: on its own every commitLines lines (one file), or staged in
// an IngestGroup whose transactions span many files (a scan of many small archives). Either way
// a file's position only moves together with the events it covers.
import type { FileProgress, IngestStore } from '../../db/ingest-store.js';
import type { DhcpLease } from '../contract/types.js';
import { EventBatch } from './event-batch.js';

/** default lines per transaction; also bounds the memory held by one uncommitted batch */
export const COMMIT_LINES = 1_000_000;

/**
 * Transactions spanning several files. Each file stages its position with the events it covers;
 * a commit stores the events of every staged file and all their positions at once, so a killed
 * process still loses nothing and counts nothing twice (every file staged since the last commit
 * is read again from its committed position). Reading the same log twice in one group (a live
 * file and its rotated copy) continues from the staged position.
 */
export class IngestGroup {
  batch: EventBatch;
  private readonly files = new Map<string, FileProgress>();
  private readonly leases: DhcpLease[] = [];
  private lines = 0;
  readonly commitLines: number;
  /** how many times staged work was dropped: files read since then must be read again */
  discards = 0;

  constructor(
    readonly store: IngestStore,
    opts: { commitLines?: number } = {},
  ) {
    this.batch = new EventBatch(store);
    this.commitLines = Math.max(1, opts.commitLines ?? COMMIT_LINES);
  }

  /** the staged (not yet committed) position of a log */
  staged(fingerprint: string): FileProgress | undefined {
    return this.files.get(fingerprint);
  }

  /** a file's new position, covering its events added to `batch` since its last stage() */
  stage(p: FileProgress, leases: readonly DhcpLease[]): void {
    const prev = this.files.get(p.fingerprint);
    this.files.set(p.fingerprint, prev ? { ...p, lines: prev.lines + p.lines, events: prev.events + p.events } : p);
    for (const l of leases) this.leases.push(l);
    this.lines += p.lines;
  }

  get due(): boolean {
    return this.lines >= this.commitLines;
  }

  /** Commit everything staged (nothing when nothing is). */
  flush(): { events: number; newPairIds: number[] } {
    if (this.files.size === 0 && this.batch.events === 0) return { events: 0, newPairIds: [] };
    const events = this.batch.events;
    try {
      const { newPairIds } = this.batch.commit(this.store, [...this.files.values()], this.leases);
      return { events, newPairIds };
    } finally {
      this.reset();
    }
  }

  /** Drop everything staged: those files are read again from their committed positions. */
  discard(): void {
    this.discards++;
    this.reset();
  }

  private reset(): void {
    this.files.clear();
    this.leases.length = 0;
    this.lines = 0;
    this.batch = new EventBatch(this.store);
  }
}

/** which file a committer moves, as its log_files row names it */
export interface FileIdentity {
  fingerprint: string;
  kind: string;
  path: string;
}

/** what a read has committed (or staged) so far: ingestFile's result */
export interface Tally {
  lines: number;
  events: number;
  newPairIds: number[];
}

export type OnBatch = (events: number, newPairIds: readonly number[]) => void;

/** One file's read state: its position, what is read but not yet stored, and where it goes. */
export abstract class Committer {
  /** leases read since the last commit (dhcp logs) */
  readonly leases: DhcpLease[] = [];
  /** the position read so far (a line boundary) */
  offset: number;
  /** a commit threw: the store rolled back, nothing more may be committed from this read */
  failed = false;
  private committedOffset: number;
  /** lines read since the last commit (or stage) */
  protected pendingLines = 0;
  /** events in `batch` before this file's pending ones (a group's batch holds other files' too) */
  protected mark = 0;

  constructor(
    private readonly file: FileIdentity,
    offset: number,
    protected readonly tally: Tally,
    protected readonly onBatch: OnBatch | undefined,
  ) {
    this.offset = offset;
    this.committedOffset = offset;
  }

  /** the batch this file's events go to now (a fresh one after each commit) */
  abstract get batch(): EventBatch;

  /** the position moved past lines not yet committed (or staged) */
  get pending(): boolean {
    return this.offset !== this.committedOffset;
  }

  /** The reader finished a batch: its events are in `batch`; commit when due. */
  batchDone(endOffset: number, lines: number): void {
    this.offset = endOffset;
    this.pendingLines += lines;
    if (this.due) this.commit(false);
  }

  /** Store (or stage) what is pending; `done`: the file is complete. */
  abstract commit(done: boolean): void;

  /** A read failed with events in `batch` past the last position: drop the uncommitted work. */
  abstract abandon(): void;

  /** The read ended: store the rest, and the position when it is new or the file complete. */
  abstract finish(complete: boolean, known: boolean): void;

  protected abstract get due(): boolean;

  protected progress(done: boolean): FileProgress {
    return { ...this.file, offset: this.offset, lines: this.pendingLines, events: this.batch.events - this.mark, complete: done };
  }

  /** the pending work of `p` is stored (or staged) */
  protected counted(p: FileProgress): void {
    this.committedOffset = this.offset;
    this.tally.lines += p.lines;
    this.tally.events += p.events;
    this.leases.length = 0;
    this.pendingLines = 0;
  }

  protected stored(events: number, newPairIds: readonly number[]): void {
    for (const id of newPairIds) this.tally.newPairIds.push(id);
    this.onBatch?.(events, newPairIds);
  }
}

/** A file on its own: a transaction every commitLines lines and at the end. */
export class FileCommitter extends Committer {
  private current: EventBatch;

  constructor(
    private readonly store: IngestStore,
    private readonly commitLines: number,
    file: FileIdentity,
    offset: number,
    tally: Tally,
    onBatch?: OnBatch,
  ) {
    super(file, offset, tally, onBatch);
    this.current = new EventBatch(store);
  }

  get batch(): EventBatch {
    return this.current;
  }

  protected get due(): boolean {
    return this.pendingLines >= this.commitLines;
  }

  commit(done: boolean): void {
    const p = this.progress(done);
    let newPairIds: number[];
    try {
      ({ newPairIds } = this.current.commit(this.store, p, this.leases));
    } catch (err) {
      this.failed = true;
      throw err;
    }
    this.counted(p);
    this.current = new EventBatch(this.store);
    this.stored(p.events, newPairIds);
  }

  abandon(): void {
    // the batch is never committed: the next read starts from the committed position
    this.current = new EventBatch(this.store);
  }

  finish(complete: boolean, known: boolean): void {
    if (this.pending) this.commit(complete);
    else if (complete || !known) this.store.commitPosition({ ...this.progress(complete), lines: 0, events: 0 });
  }
}

/** A file of a group: every reader batch is staged; the group commits when it holds enough. */
export class GroupCommitter extends Committer {
  constructor(
    private readonly group: IngestGroup,
    file: FileIdentity,
    offset: number,
    tally: Tally,
    onBatch?: OnBatch,
  ) {
    super(file, offset, tally, onBatch);
    this.mark = group.batch.events;
  }

  get batch(): EventBatch {
    return this.group.batch;
  }

  protected get due(): boolean {
    return true;
  }

  commit(done: boolean): void {
    const p = this.progress(done);
    this.group.stage(p, this.leases);
    this.counted(p);
    if (this.group.due) {
      let flushed;
      try {
        flushed = this.group.flush();
      } catch (err) {
        this.failed = true;
        throw err;
      }
      this.stored(flushed.events, flushed.newPairIds);
    }
    this.mark = this.group.batch.events;
  }

  abandon(): void {
    this.group.discard();
  }

  finish(complete: boolean, known: boolean): void {
    // a new or completed file stages its position even without rows (committed with the group)
    if (this.pending || complete || !known) this.commit(complete);
  }
}
