// Reads one Zeek log into the store, resuming where the last read stopped. The file is known by
// its content fingerprint, so a rotated/gzipped copy of a live file continues, never restarts.
import type { FileProgress, IngestStore } from '../../db/ingest-store.js';
import { FIELDS, type PairExtractor } from '../pairs/extract.js';
import type { DhcpLease, PairEvent } from '../types.js';
import { fingerprintLog } from '../zeek/fingerprint.js';
import { classifyLogFile } from '../zeek/log-names.js';
import { readZeekLog, type LogProblem } from '../zeek/reader.js';

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
}

/** default lines per transaction; also bounds the memory held by one uncommitted batch */
export const COMMIT_LINES = 200_000;

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
  const fp = await fingerprintLog(file);
  if (!fp) {
    // Nothing to ingest. For a complete file, let the reader say why (not a Zeek log, a header
    // without rows…): it throws or reports exactly that.
    if (opts.final) {
      for await (const _ of readZeekLog(file, { fields: ['ts'], final: true, ...(opts.onProblem ? { onProblem: opts.onProblem } : {}) })) void _;
    }
    return { ...result, skipped: 'no-rows-yet' };
  }
  const known = store.getFile(fp.fingerprint);
  if (known?.complete) return { ...result, skipped: 'already-complete' };

  // Only archives (compressed or rotated names) are complete for good; a live name may grow.
  const complete = opts.final && !cls.live;
  const events: PairEvent[] = [];
  const leases: DhcpLease[] = [];
  let offset = known?.offset ?? 0;
  const progress = (lines: number, n: number, done: boolean): FileProgress => ({
    fingerprint: fp.fingerprint,
    kind: cls.kind,
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
  let batchEvents = store.newBatch();
  const commit = (done = false) => {
    const pendingEvents = batchEvents.events;
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
  };

  try {
    for await (const batch of readZeekLog(file, {
      fields: FIELDS[cls.kind],
      fromOffset: offset,
      final: opts.final,
      ...(opts.batchLines ? { batchLines: opts.batchLines } : {}),
      ...(opts.onProblem ? { onProblem: opts.onProblem } : {}),
    })) {
      if (cls.kind === 'dhcp') {
        for (const row of batch.rows) {
          const l = extractor.lease(row);
          if (l) leases.push(l);
        }
      } else {
        events.length = 0;
        for (const row of batch.rows) extractor.extract(cls.kind, row, events);
        store.add(batchEvents, events);
      }
      offset = batch.endOffset;
      pendingLines += batch.lines;
      if (pendingLines >= commitLines) commit();
    }
  } catch (err) {
    // rows the reader handed out before failing (a corrupt gzip tail) are good: keep them
    if (!commitFailed && offset !== committedOffset) commit();
    throw err;
  }
  // the last batch (also one of no rows that moves the position: a trailing #close) carries the
  // completion, so a file costs one transaction when it fits in one
  if (offset !== committedOffset) commit(complete);
  else if (complete || !known) store.commit(progress(0, 0, complete), []);
  return result;
}
