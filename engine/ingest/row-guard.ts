// Accounts for every row of one read that yields no event, with the reason, and keeps
// timestamps outside a sane range out of the store. One row with ts 99999999999 must not move
// the scoring window 3,000 years ahead and hide every beacon; a row without addresses or with
// an unset time must not vanish without a word.
import type { LogProblem } from '../zeek/reader.js';

/** 1990-01-01: no Zeek log is older; earlier values in absolute data are corrupt */
export const MIN_SANE_TS = 631_152_000;
/** a live log may run ahead of this machine's clock by at most this much */
const LIVE_SLACK_S = 86_400;
/** an archive covers its #open plus the rotation interval; logrotate's weekly copies, generously */
const ARCHIVE_SPAN_S = 8 * 86_400;

export interface RowGuardOptions {
  /** the file may still grow (live name): bounded by now, not by its #open */
  live: boolean;
  /** #open of the log as epoch seconds, when the header has one */
  openTs: number | null;
  /** this machine's clock (epoch s) */
  now?: number;
}

type Reason = 'noTime' | 'future' | 'past' | 'noAddress' | 'nothing';

const TEXT: Record<Reason, string> = {
  noTime: 'no usable timestamp (unset, NaN or Infinity)',
  future: 'timestamp too far in the future',
  past: 'timestamp before 1990',
  noAddress: 'no source or destination address (id.orig_h / id.resp_h missing or unset)',
  nothing: 'nothing to pair (e.g. a DNS row without a query)',
};

export class RowGuard {
  readonly max: number;
  private readonly counts = new Map<Reason, { n: number; example: string | null }>();
  /** whether times are absolute (epoch): then before 1990 is corrupt, not relative time */
  private absolute: boolean;

  constructor(
    private readonly file: string,
    opts: RowGuardOptions,
  ) {
    const now = opts.now ?? Date.now() / 1000;
    const liveMax = now + LIVE_SLACK_S;
    this.max = opts.live || opts.openTs === null ? liveMax : Math.min(liveMax, opts.openTs + ARCHIVE_SPAN_S);
    // Decided by the rows, not by #open: replayed captures (Stratosphere) carry a 2017 #open
    // and times counted from 0. Once a row is absolute, a row before 1990 is corrupt.
    this.absolute = false;
  }

  /** true when `ts` may be stored; otherwise the row is counted with its reason */
  accept(ts: number | null): ts is number {
    if (ts === null) return this.drop('noTime', null);
    if (ts > this.max) return this.drop('future', ts);
    if (ts < MIN_SANE_TS) {
      // data from a capture replayed with relative times starts near 0: keep it as it is
      if (this.absolute) return this.drop('past', ts);
      return true;
    }
    this.absolute = true;
    return true;
  }

  noAddress(): void {
    this.drop('noAddress', null);
  }

  nothingToPair(): void {
    this.drop('nothing', null);
  }

  get dropped(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c.n;
    return n;
  }

  private drop(reason: Reason, ts: number | null): false {
    const c = this.counts.get(reason);
    if (c) c.n++;
    else this.counts.set(reason, { n: 1, example: ts === null ? null : String(ts) });
    return false;
  }

  /** One line per reason: "3 row(s) skipped: timestamp too far in the future (e.g. ts 99999999999)". */
  problems(): LogProblem[] {
    return [...this.counts].map(([reason, { n, example }]) => ({
      file: this.file,
      problem: `${n} row(s) skipped: ${TEXT[reason]}${example !== null ? ` (e.g. ts ${example})` : ''}`,
      level: 'warning' as const,
      rows: n,
    }));
  }
}

/** `#open` (e.g. 2026-11-27-10-00-00, in UTC as Zeek writes it) as epoch seconds, or null. */
export function openStampSeconds(open: string | null): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})/.exec(open ?? '');
  if (!m) return null;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) / 1000;
  return Number.isFinite(t) ? t : null;
}
