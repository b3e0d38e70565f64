// Reads one Zeek log into the store, resuming where the last read stopped. The file is known by
// its content fingerprint, so a rotated/gzipped copy of a live file continues, never restarts.
import type { EventBatch, FileProgress, IngestStore } from '../../db/ingest-store.js';
import { FIELDS, type PairExtractor } from '../pairs/extract.js';
import { ConnFastSink } from './conn-fast.js';
import type { DhcpLease, PairEvent } from '../types.js';
import { loadSmallFile } from '../zeek/byte-source.js';
import { fingerprintBytes, fingerprintLog } from '../zeek/fingerprint.js';
import { classifyLogFile, type ZeekLogKind } from '../zeek/log-names.js';
import { readZeekLog, type LogProblem } from '../zeek/reader.js';
import { parseZeekTime } from '../zeek/time.js';
import { openStampSeconds, RowGuard } from './row-guard.js';

export interface IngestFileOptions {
  /** the file is complete (archive, or a one-shot scan): a last line without newline is read */
  final: boolean;
  onProblem?: (p: LogProblem) => void;
  /** called after each committed batch */
  onBatch?: (events: number, newPairIds: readonly number[]) => void;
  /** lines per batch handed out by the reader */
  batchLines?: number;
  /**
   * Lines per committed transaction (default: the larger of COMMIT_LINES and batchLines). Reader
   * batches are gathered up to this many lines and stored in one transaction: with a large store
   * a commit costs about as much for 5,000 events as for 100,000 (every leaf page of the events
   * index is touched), so larger transactions are far faster. A killed process re-reads at
   * most one transaction's lines; nothing is lost or counted twice.
   */
  commitLines?: number;
  /**
   * Share transactions with other files (a scan of many small archives): events and positions
   * are staged in the group, which commits them all together once it holds commitLines lines
   * (its own setting) or when the caller flushes it. The caller must flush the group when done.
   * onBatch is then called for the group's commits that happen during this call.
   */
  group?: IngestGroup;
}

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
    private readonly store: IngestStore,
    opts: { commitLines?: number } = {},
  ) {
    this.batch = store.newBatch();
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
      const { newPairIds } = this.store.commitBatch(this.batch, [...this.files.values()], this.leases);
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
    this.batch = this.store.newBatch();
  }
}

/** default lines per transaction; also bounds the memory held by one uncommitted batch */
export const COMMIT_LINES = 1_000_000;

export interface IngestFileResult {
  file: string;
  kind: string | null;
  /** why nothing was read: not a pair log, no complete row yet, or already read to the end */
  skipped: 'not-a-pair-log' | 'no-rows-yet' | 'already-complete' | null;
  lines: number;
  events: number;
  newPairIds: number[];
}

export async function ingestFile(
  file: string,
  store: IngestStore,
  extractor: PairExtractor,
  opts: IngestFileOptions,
): Promise<IngestFileResult> {
  const result: IngestFileResult = { file, kind: null, skipped: null, lines: 0, events: 0, newPairIds: [] };
  const cls = classifyLogFile(file);
  if (!cls) return { ...result, skipped: 'not-a-pair-log' };
  result.kind = cls.kind;
  // a small file (an hourly archive) is read once, into memory: fingerprint and rows come from
  // that one read; a big one is streamed (fingerprint from its start, then the rows)
  const pre = await loadSmallFile(file);
  const fp = pre ? fingerprintBytes(pre.bytes) : await fingerprintLog(file);
  if (!fp) {
    // Nothing to ingest. For a complete file, let the reader say why (not a Zeek log, a header
    // without rows…): it throws or reports exactly that.
    if (opts.final) {
      for await (const _ of readZeekLog(file, { fields: ['ts'], final: true, ...(pre ? { preloaded: pre } : {}), ...(opts.onProblem ? { onProblem: opts.onProblem } : {}) })) void _;
    }
    return { ...result, skipped: 'no-rows-yet' };
  }
  const group = opts.group ?? null;
  const known = group?.staged(fp.fingerprint) ?? store.getFile(fp.fingerprint);
  if (known?.complete) return { ...result, skipped: 'already-complete' };
  // The header says what the log is; the name may lie (a dns.log copied as conn.log).
  const kind = kindFromHeader(file, cls.kind, fp.headerPath, known ? undefined : opts.onProblem);
  if (kind === null) return { ...result, kind: null, skipped: 'not-a-pair-log' };
  result.kind = kind;
  const guard = new RowGuard(file, { live: cls.live, openTs: openStampSeconds(fp.headerOpen) });

  // Only archives (compressed or rotated names) are complete for good; a live name may grow.
  const complete = opts.final && !cls.live;
  const events: PairEvent[] = [];
  const leases: DhcpLease[] = [];
  let offset = known?.offset ?? 0;
  const progress = (lines: number, n: number, done: boolean): FileProgress => ({
    fingerprint: fp.fingerprint,
    kind,
    path: file,
    offset,
    lines,
    events: n,
    complete: done,
  });

  const commitLines = Math.max(1, opts.commitLines ?? Math.max(COMMIT_LINES, opts.batchLines ?? 0));
  let pendingLines = 0;
  let committedOffset = offset;
  let commitFailed = false;
  let batchEvents = group ? group.batch : store.newBatch();
  /** events in batchEvents before this file's pending ones (a group's batch holds others' too) */
  let mark = batchEvents.events;
  let sink: ConnFastSink | null = null;
  const commit = (done = false) => {
    const pendingEvents = batchEvents.events - mark;
    if (group) {
      // staged now, committed with the group (possibly right here)
      group.stage(progress(pendingLines, pendingEvents, done), leases);
      committedOffset = offset;
      result.lines += pendingLines;
      result.events += pendingEvents;
      leases.length = 0;
      pendingLines = 0;
      if (group.due) {
        let flushed;
        try {
          flushed = group.flush();
        } catch (err) {
          commitFailed = true;
          throw err;
        } finally {
          batchEvents = group.batch;
          mark = 0;
          if (sink) sink.batch = batchEvents;
        }
        for (const id of flushed.newPairIds) result.newPairIds.push(id);
        opts.onBatch?.(flushed.events, flushed.newPairIds);
      }
      mark = batchEvents.events;
      return;
    }
    let newPairIds: number[];
    try {
      ({ newPairIds } = store.commitBatch(batchEvents, progress(pendingLines, pendingEvents, done), leases));
    } catch (err) {
      commitFailed = true;
      throw err;
    }
    committedOffset = offset;
    result.lines += pendingLines;
    result.events += pendingEvents;
    for (const id of newPairIds) result.newPairIds.push(id);
    opts.onBatch?.(pendingEvents, newPairIds);
    leases.length = 0;
    pendingLines = 0;
    batchEvents = store.newBatch();
    mark = 0;
    if (sink) sink.batch = batchEvents;
  };
  /** a reader batch is in batchEvents/leases: move the position, commit when enough */
  const batchDone = (endOffset: number, lines: number) => {
    offset = endOffset;
    pendingLines += lines;
    if (group || pendingLines >= commitLines) commit();
  };
  // conn rows go into the batch as they are parsed (conn-fast.ts); the reader then calls
  // batchDone itself at each batch end, before it yields that (row-less) batch
  if (kind === 'conn') sink = new ConnFastSink(store, extractor, batchEvents, batchDone, guard);

  try {
    for await (const batch of readZeekLog(file, {
      fields: FIELDS[kind],
      fromOffset: offset,
      final: opts.final,
      ...(pre ? { preloaded: pre } : {}),
      ...(sink ? { sink } : {}),
      ...(opts.batchLines ? { batchLines: opts.batchLines } : {}),
      ...(opts.onProblem ? { onProblem: opts.onProblem } : {}),
    })) {
      if (sink) continue;
      if (kind === 'dhcp') {
        for (const row of batch.rows) {
          const l = extractor.lease(row);
          if (l) leases.push(l);
        }
      } else {
        events.length = 0;
        for (const row of batch.rows) {
          if (!guard.accept(parseZeekTime(row[0] ?? null))) continue;
          if (!row[1] || !row[2]) guard.noAddress();
          else if (!extractor.extract(kind, row, events, batchEvents.names)) guard.nothingToPair();
        }
        store.add(batchEvents, events);
      }
      batchDone(batch.endOffset, batch.lines);
    }
  } catch (err) {
    // rows the reader handed out before failing (a corrupt gzip tail) are good: keep them. Not
    // when the fast path holds rows past the last batch end (a read error in mid-batch): then
    // nothing since the last commit is kept, and the next read starts from there again.
    if (!commitFailed && offset !== committedOffset && !sink?.dirty) commit();
    // a group's batch now holds events no position covers: drop the group's uncommitted work
    else if (group && sink?.dirty) group.discard();
    reportDrops(guard, opts.onProblem);
    throw err;
  }
  reportDrops(guard, opts.onProblem);
  // the last batch (also one of no rows that moves the position: a trailing #close) carries the
  // completion, so a file costs one transaction when it fits in one
  if (offset !== committedOffset || (group && (complete || !known))) commit(complete);
  else if (complete || !known) store.commit(progress(0, 0, complete), []);
  return result;
}

function reportDrops(guard: RowGuard, onProblem: ((p: LogProblem) => void) | undefined): void {
  if (onProblem) for (const p of guard.problems()) onProblem(p);
}

const PAIR_KINDS: ReadonlySet<string> = new Set<ZeekLogKind>(['conn', 'dns', 'http', 'ssl', 'dhcp']);

/**
 * The kind to read a log as: its `#path` when that disagrees with the name (said once, on the
 * first read), null when `#path` names a log we do not read. JSON logs have no #path: the name.
 */
function kindFromHeader(file: string, named: ZeekLogKind, headerPath: string | null, onProblem?: (p: LogProblem) => void): ZeekLogKind | null {
  if (headerPath === null || headerPath === named) return named;
  if (PAIR_KINDS.has(headerPath)) {
    onProblem?.({ file, problem: `#path is "${headerPath}" but the name says ${named}: read as ${headerPath}` });
    return headerPath as ZeekLogKind;
  }
  onProblem?.({ file, problem: `#path is "${headerPath.slice(0, 64)}", not a log Beaconwatch reads: skipped` });
  return null;
}
