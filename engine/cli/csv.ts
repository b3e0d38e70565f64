// CSV output of `scan --csv`: the columns, cell encoding and finding row the UI's "Export CSV"
// writes too (engine/contract/csv.ts), plus the per-pair row only the CLI prints.
import type { FindingView } from '../api.js';
import { csvRound, csvTime, type CsvCell } from '../contract/csv.js';
import type { Finding } from '../contract/types.js';

export { CSV_COLUMNS, csvCell, csvLine, findingCsvRow, type CsvCell } from '../contract/csv.js';

/** One pair (a member of `view`) as a CSV row: the pair's own timing, its finding's state. */
export function pairCsvRow(f: Finding, view: FindingView | null): CsvCell[] {
  return [
    view?.findingId ?? null,
    f.source,
    f.src,
    view?.deviceName ?? null,
    f.dst,
    f.direction,
    csvRound(f.stats.periodS, 3),
    csvRound(f.stats.spreadS, 3),
    csvRound(f.stats.jitterRatio, 4),
    f.stats.activities,
    csvRound(f.score, 4),
    view?.state ?? null,
    csvTime(f.stats.firstSeen),
    csvTime(f.stats.lastSeen),
    view?.members.find((m) => m.pairId === f.pairId)?.summary ?? null,
  ];
}
