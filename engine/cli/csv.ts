// CSV output of `scan --csv`. The columns are the ones the UI's "Export CSV" writes
// (renderer/src/lib/export.ts); tests/csv-columns.test.ts keeps the two header rows equal.
// Strings from logs are attacker-controlled: a cell starting with = + - @ (or a tab/CR) would be
// run as a formula by a spreadsheet, so it gets a leading apostrophe; control characters are
// replaced; quotes, commas and line breaks are quoted the RFC 4180 way.
import type { FindingView } from '../api.js';
import type { Finding } from '../contract/types.js';
import { iso } from './format.js';

export const CSV_COLUMNS = [
  'finding',
  'source',
  'src',
  'device',
  'dst',
  'direction',
  'period_s',
  'spread_s',
  'jitter',
  'activities',
  'score',
  'state',
  'first_seen',
  'last_seen',
  'summary',
] as const;

export type CsvCell = string | number | null;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function csvCell(v: CsvCell): string {
  if (v === null) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  s = s.replace(CONTROL, '\uFFFD');
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',');
}

const round = (x: number | null, d: number): number | null => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

/** One pair (a member of `view`) as a CSV row: the pair's own timing, its finding's state. */
export function pairCsvRow(f: Finding, view: FindingView | null): CsvCell[] {
  return [
    view?.findingId ?? null,
    f.source,
    f.src,
    view?.deviceName ?? null,
    f.dst,
    f.direction,
    round(f.stats.periodS, 3),
    round(f.stats.spreadS, 3),
    round(f.stats.jitterRatio, 4),
    f.stats.activities,
    round(f.score, 4),
    view?.state ?? null,
    iso(f.stats.firstSeen),
    iso(f.stats.lastSeen),
    view?.members.find((m) => m.pairId === f.pairId)?.summary ?? null,
  ];
}

/** One finding (behaviour) as a CSV row: its strongest member's timing, its own score and state. */
export function findingCsvRow(v: FindingView): CsvCell[] {
  return [
    v.findingId,
    v.source,
    v.src,
    v.deviceName,
    v.dst,
    v.direction,
    round(v.stats.periodS, 3),
    round(v.stats.spreadS, 3),
    round(v.stats.jitterRatio, 4),
    v.stats.activities,
    round(v.score, 4),
    v.state,
    iso(v.stats.firstSeen),
    iso(v.stats.lastSeen),
    v.summary,
  ];
}
