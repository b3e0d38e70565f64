// Appends one Zeek log's pair events to a site store (db/site/site-store.ts), resuming from the
// position the store holds for the file: what a sensor box runs into a shared ClickHouse
// (`beaconwatch ingest-site`), and what the contract tests replay after killing the server.
// The events are those of engine/pairs/extract.ts behind the same row guard as the ingest; name
// evidence and DHCP leases stay with the local store (the site contract carries pair events only).
import type { SiteStore } from '../../db/site/site-store.js';
import type { PairEvent } from '../contract/types.js';
import { FIELDS, type PairExtractor } from '../pairs/extract.js';
import { openStampSeconds, RowGuard } from '../ingest/row-guard.js';
import { fingerprintLog } from '../zeek/fingerprint.js';
import { classifyLogFile } from '../zeek/log-names.js';
import { readZeekLog } from '../zeek/reader.js';
import { parseZeekTime } from '../zeek/time.js';

export interface AppendLogResult {
  file: string;
  /** why nothing was read: not a pair log, no data line yet, already complete */
  skipped: string | null;
  /** events sent in this run, and those the store already had (a re-sent batch) */
  stored: number;
  resent: number;
}

export interface AppendLogOptions {
  sensor: string;
  extractor: PairExtractor;
  /** data lines per append (default 5000) */
  batchLines?: number;
  /** called after each append (the crash test kills the server from here) */
  onAppend?: (events: number) => void;
}

export async function appendLogToSite(site: SiteStore, file: string, opts: AppendLogOptions): Promise<AppendLogResult> {
  const result: AppendLogResult = { file, skipped: null, stored: 0, resent: 0 };
  const cls = classifyLogFile(file);
  if (!cls || cls.kind === 'dhcp') return { ...result, skipped: 'not a pair log' };
  const fp = await fingerprintLog(file);
  if (!fp) return { ...result, skipped: 'no complete data line yet' };
  const kind = cls.kind;
  const known = (await site.positions(opts.sensor)).find((p) => p.fingerprint === fp.fingerprint);
  if (known?.complete) return { ...result, skipped: 'already complete' };
  const guard = new RowGuard(file, { live: cls.live, openTs: openStampSeconds(fp.headerOpen) });
  let events = known?.events ?? 0;
  let offset = known?.offset ?? 0;
  const out: PairEvent[] = [];
  for await (const batch of readZeekLog(file, { fields: FIELDS[kind], fromOffset: offset, final: !cls.live, batchLines: opts.batchLines ?? 5000 })) {
    out.length = 0;
    for (const row of batch.rows) {
      if (!guard.accept(parseZeekTime(row[0] ?? null))) continue;
      if (!row[1] || !row[2]) guard.noAddress();
      else if (!opts.extractor.extract(kind, row, out)) guard.nothingToPair();
    }
    events += out.length;
    offset = batch.endOffset;
    const r = await site.append({
      sensor: opts.sensor,
      events: out,
      position: { fingerprint: fp.fingerprint, kind, path: file, offset, events, complete: false },
    });
    result.stored += r.stored;
    result.resent += r.skipped;
    opts.onAppend?.(out.length);
  }
  if (!cls.live)
    await site.append({
      sensor: opts.sensor,
      events: [],
      position: { fingerprint: fp.fingerprint, kind, path: file, offset, events, complete: true },
    });
  return result;
}
