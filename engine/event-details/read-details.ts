// The evidence behind a pair, read on demand from the Zeek logs on disk (nothing of it is stored
// at ingest): its newest stored events, found again in the files the store has read, with what
// Zeek logged about each (HTTP method/URI/user agent/status, TLS version/SNI/JA3/JA4, DNS
// answers), ports, and conn.log's bytes both ways joined by uid. The work is bounded (files,
// uncompressed bytes, time); logs that were removed or moved are said, not failed on.
import type { EventDetail, EventDetails } from '../contract/api.js';
import type { PairKey } from '../contract/types.js';
import type { ReadLogFile } from '../../db/log-file-store.js';
import { joinConn } from './conn-join.js';
import { FileStarts } from './file-start.js';
import type { ReadBudget } from './line-filter.js';
import { DETAIL_FIELDS, matchRow, notLogged, withConn } from './rows.js';
import { scanFiles } from './scan-files.js';

export interface DetailLimits {
  /** files read per kind (the pair's own log, then conn.log for the join) */
  maxFiles: number;
  /** uncompressed bytes read in all, both kinds together */
  maxBytes: number;
  timeoutMs: number;
}

export const DEFAULT_DETAIL_LIMITS: DetailLimits = { maxFiles: 96, maxBytes: 1 << 30, timeoutMs: 15_000 };

export interface DetailQuery {
  /** `sensor`: only the files read from that sensor's folder */
  pair: PairKey & { sensor?: string };
  /** the stored timestamps of the events to show (the pair's newest), any order */
  targets: readonly number[];
}

/** the stored ts and the logged one are the same text parsed alike; allow for rounding anyway */
const TS_SLACK_S = 0.001;
export const LOGS_GONE = 'The logs for this period have been removed or moved: Zeek no longer has them where Beaconwatch read them.';

export class EventDetailReader {
  private readonly starts = new FileStarts();

  constructor(
    private readonly listFiles: (kinds: readonly string[], sensor?: string) => ReadLogFile[],
    private readonly limits: DetailLimits = DEFAULT_DETAIL_LIMITS,
  ) {}

  async read(q: DetailQuery): Promise<Omit<EventDetails, 'pairId'>> {
    const { pair } = q;
    const wanted = q.targets.length;
    const base = { source: pair.source, wanted, filesRead: 0, notLogged: [] as string[] };
    if (wanted === 0) return { ...base, events: [], state: 'none', notes: [] };
    const from = Math.min(...q.targets) - TS_SLACK_S;
    const to = Math.max(...q.targets) + TS_SLACK_S;
    const budget: ReadBudget = { bytesLeft: this.limits.maxBytes, deadline: Date.now() + this.limits.timeoutMs };
    const notes: string[] = [];

    const found: { ts: number; detail: EventDetail }[] = [];
    const own = await scanFiles(this.starts, {
      files: this.listFiles([pair.source], pair.sensor),
      needle: pair.src,
      fields: DETAIL_FIELDS[pair.source],
      from,
      to,
      lateS: 60,
      maxFiles: this.limits.maxFiles,
      budget,
      onRow: (row) => {
        const m = matchRow(pair, row);
        if (m && m.ts >= from && m.ts <= to) found.push(m);
        return found.length >= wanted;
      },
    });
    found.sort((a, b) => b.ts - a.ts);
    let events = found.slice(0, wanted).map((f) => f.detail);
    let filesRead = own.filesRead;

    if (pair.source !== 'conn' && events.length > 0) {
      const uids = new Set(events.map((e) => e.uid).filter((u): u is string => u !== null));
      if (uids.size > 0) {
        const join = await joinConn(this.starts, {
          source: pair.source,
          src: pair.src,
          uids,
          from,
          to,
          connFiles: this.listFiles(['conn'], pair.sensor),
          maxFiles: this.limits.maxFiles,
          budget,
        });
        filesRead += join.outcome.filesRead;
        events = events.map((e) => {
          const c = e.uid ? join.byUid.get(e.uid) : undefined;
          return c ? withConn(e, c) : e;
        });
        if (join.outcome.stopped && join.byUid.size < uids.size) notes.push(budgetNote(this.limits, 'conn.log (bytes)'));
        else if (join.byUid.size < uids.size)
          notes.push(`conn.log had ${join.byUid.size} of these ${uids.size} connections: bytes are shown where it had them.`);
      }
    }

    const state = events.length === 0 ? 'gone' : events.length < wanted ? 'partial' : 'complete';
    if (own.stopped && state !== 'complete') notes.unshift(budgetNote(this.limits, `${pair.source}.log`));
    else if (state === 'gone') notes.unshift(LOGS_GONE);
    else if (state === 'partial') notes.unshift(`${events.length} of the ${wanted} newest events were found. ${LOGS_GONE}`);
    return { ...base, events, state, notes, filesRead, notLogged: notLogged(pair.source, events) };
  }
}

function budgetNote(l: DetailLimits, what: string): string {
  return `Stopped reading ${what} at its limit (${l.maxFiles} files, ${Math.round(l.maxBytes / (1 << 20))} MB or ${l.timeoutMs / 1000} s): some events were not searched for.`;
}
