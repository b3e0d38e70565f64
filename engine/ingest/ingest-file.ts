// Reads one Zeek log into the store, resuming where the last read stopped. The file is known by
// its content fingerprint, so a rotated/gzipped copy of a live file continues, never restarts.
import type { IngestStore } from '../../db/ingest-store.js';
import { FIELDS, type PairExtractor } from '../pairs/extract.js';
import { COMMIT_LINES, FileCommitter, GroupCommitter, IngestGroup, type Committer } from './committer.js';
import { ConnFastSink } from './conn-fast.js';
import type { PairEvent } from '../contract/types.js';
import { loadSmallFile, probeFile } from '../zeek/byte-source.js';
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
  /**
   * Conn rows through the byte-level fast path (conn-fast.ts) when the log allows it (default
   * true); false reads them like any other log (the equivalence test compares the two).
   */
  connFastPath?: boolean;
}

export { COMMIT_LINES, IngestGroup };

export interface IngestFileResult {
  file: string;
  kind: string | null;
  /** why nothing was read: not a pair log, no complete row yet, or already read to the end */
  skipped: 'not-a-pair-log' | 'no-rows-yet' | 'already-complete' | null;
  lines: number;
  events: number;
  newPairIds: number[];
}

export async function ingestFile(file: string, store: IngestStore, extractor: PairExtractor, opts: IngestFileOptions): Promise<IngestFileResult> {
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
      for await (const _ of readZeekLog(file, {
        fields: ['ts'],
        final: true,
        ...(pre ? { preloaded: pre } : {}),
        ...(opts.onProblem ? { onProblem: opts.onProblem } : {}),
      }))
        void _;
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
  // A live file's unterminated last line is a row Zeek is still writing: never read, and the
  // position never passes it (a position inside a line stops every later read of the file,
  // "not at a line boundary"). A one-shot scan says it is there; the next read takes it whole.
  const readFinal = opts.final && !cls.live;
  const file_ = { fingerprint: fp.fingerprint, kind, path: file };
  const offset = known?.offset ?? 0;
  const commitLines = opts.group ? opts.group.commitLines : Math.max(1, opts.commitLines ?? Math.max(COMMIT_LINES, opts.batchLines ?? 0));
  const committer: Committer = opts.group
    ? new GroupCommitter(opts.group, file_, offset, result, opts.onBatch)
    : new FileCommitter(store, commitLines, file_, offset, result, opts.onBatch);
  if (!pre && kind !== 'dhcp') await reserveRows(file, offset, commitLines, committer);
  // conn rows go into the batch as they are parsed (conn-fast.ts); the reader then calls
  // committer.batchDone itself at each batch end, before it yields that (row-less) batch
  const sink = kind === 'conn' && opts.connFastPath !== false ? new ConnFastSink(committer, extractor, guard) : null;
  const events: PairEvent[] = [];

  try {
    for await (const batch of readZeekLog(file, {
      fields: FIELDS[kind],
      fromOffset: offset,
      final: readFinal,
      ...(pre ? { preloaded: pre } : {}),
      ...(sink ? { sink } : {}),
      ...(opts.batchLines ? { batchLines: opts.batchLines } : {}),
      ...(opts.onProblem ? { onProblem: opts.onProblem } : {}),
    })) {
      if (sink) continue;
      const into = committer.batch;
      if (kind === 'dhcp') {
        for (const row of batch.rows) {
          const l = extractor.lease(row);
          if (l) committer.leases.push(l);
        }
      } else {
        events.length = 0;
        for (const row of batch.rows) {
          if (!guard.accept(parseZeekTime(row[0] ?? null))) continue;
          if (!row[1] || !row[2]) guard.noAddress();
          else if (!extractor.extract(kind, row, events, into.names)) guard.nothingToPair();
        }
        into.add(events);
      }
      committer.batchDone(batch.endOffset, batch.lines);
    }
  } catch (err) {
    // rows the reader handed out before failing (a corrupt gzip tail) are good: keep them. Not
    // when the fast path holds rows past the last batch end (a read error in mid-batch): then
    // nothing since the last commit is kept (a group drops all its uncommitted work), and the
    // next read starts from the committed position again.
    if (sink?.dirty) committer.abandon();
    else if (!committer.failed && committer.pending) committer.commit(false);
    reportDrops(guard, opts.onProblem);
    throw err;
  }
  reportDrops(guard, opts.onProblem);
  if (opts.final && cls.live) await reportUnfinishedLine(file, committer.offset, opts.onProblem);
  // the last batch (also one of no rows that moves the position: a trailing #close) carries the
  // completion, so a file costs one transaction when it fits in one
  committer.finish(complete, known !== undefined);
  return result;
}

/** bytes per row for the guess: near the short end of real rows (the generated conn rows: ~139) */
const MIN_ROW_BYTES = 128;

/**
 * A big plain file: room in the batch for the rows it will bring before the next commit, guessed
 * from its size (a million-row conn.log would otherwise double the batch eight times). A low
 * guess leaves the doublings; a high one costs address space only (EventBatch.reserve). Not for
 * gzip: its size says little about its rows.
 */
async function reserveRows(file: string, offset: number, commitLines: number, committer: Committer): Promise<void> {
  let probe;
  try {
    probe = await probeFile(file);
  } catch {
    return; // the reader reports it
  }
  if (!probe.gzip) committer.batch.reserve(Math.min(commitLines, (probe.size - offset) / MIN_ROW_BYTES));
}

/** A live plain file that goes on past the last complete line read: say what was left. */
async function reportUnfinishedLine(file: string, offset: number, onProblem: ((p: LogProblem) => void) | undefined): Promise<void> {
  if (!onProblem) return;
  let probe;
  try {
    probe = await probeFile(file);
  } catch {
    return;
  }
  if (probe.gzip || probe.size <= offset) return;
  onProblem({
    file,
    problem: `last line has no newline yet (${probe.size - offset} bytes; a live log still being written?): not read; it is read once complete`,
    level: 'warning',
  });
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
    onProblem?.({ file, problem: `#path is "${headerPath}" but the name says ${named}: read as ${headerPath}`, level: 'warning' });
    return headerPath as ZeekLogKind;
  }
  onProblem?.({ file, problem: `#path is "${headerPath.slice(0, 64)}", not a log Beaconwatch reads: skipped` });
  return null;
}
