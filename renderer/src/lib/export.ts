// "Export CSV / JSON" of what the overview shows, built in the page and downloaded: nothing
// leaves the machine. The CSV is `beaconwatch scan --findings --csv`'s: the same columns, rows
// and formula-safe cell encoding, from one pure module (engine/contract/csv.ts).
import type { FindingView } from '../../../engine/api.js';
import { CSV_COLUMNS, csvLine, findingCsvRow } from '../../../engine/contract/csv.js';

export { CSV_COLUMNS, csvCell, longConnectionsCsv } from '../../../engine/contract/csv.js';

export function findingsCsv(findings: readonly FindingView[]): string {
  return [CSV_COLUMNS, ...findings.map(findingCsvRow)].map(csvLine).join('\r\n') + '\r\n';
}

/** The findings as shown, for tools: the API's own shape (JSON escapes every string itself). */
export function findingsJson(findings: readonly FindingView[]): string {
  return `${JSON.stringify({ exportedAt: new Date().toISOString(), findings }, null, 2)}\n`;
}
