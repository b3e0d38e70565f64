// CSV output of `scan --csv`: the columns, cell encoding and finding row the UI's "Export CSV"
// writes too (engine/contract/csv.ts), plus the per-pair row only the CLI prints.
import type { FindingView } from '../api.js';
import { csvRow, pairCsvBytes, type CsvCell } from '../contract/csv.js';
import type { Finding } from '../contract/types.js';

export { CSV_COLUMNS, csvCell, csvLine, findingCsvRow, type CsvCell } from '../contract/csv.js';

/** One pair (a member of `view`) as a CSV row: the pair's own timing, its finding's state. */
export function pairCsvRow(f: Finding, view: FindingView | null): CsvCell[] {
  const member = view?.members.find((m) => m.pairId === f.pairId);
  return csvRow({
    ...f,
    ...pairCsvBytes(f.stats, member),
    finding: view?.findingId ?? null,
    device: view?.deviceName ?? null,
    state: view?.state ?? null,
    summary: member?.summary ?? null,
  });
}
