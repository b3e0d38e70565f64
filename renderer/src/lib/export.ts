// "Export CSV / JSON" of what the overview shows, built in the page and downloaded: nothing
// leaves the machine. The CSV columns are those of `beaconwatch scan --findings --csv`
// (engine/cli/csv.ts; tests/csv-columns.test.ts keeps them equal). Strings from logs are
// attacker-controlled: a cell starting with = + - @ would run as a spreadsheet formula, so it
// gets a leading apostrophe; control characters are replaced; quoting follows RFC 4180.
import type { FindingView } from '../../../engine/api.js';

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

type Cell = string | number | null;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function csvCell(v: Cell): string {
  if (v === null) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  s = s.replace(CONTROL, '\uFFFD');
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

const round = (x: number | null, d: number): number | null => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const iso = (s: number): string | null => (Number.isFinite(s) ? new Date(Math.round(s * 1000)).toISOString() : null);

export function findingRow(v: FindingView): Cell[] {
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

export function findingsCsv(findings: readonly FindingView[]): string {
  return [CSV_COLUMNS, ...findings.map(findingRow)].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The findings as shown, for tools: the API's own shape (JSON escapes every string itself). */
export function findingsJson(findings: readonly FindingView[]): string {
  return `${JSON.stringify({ exportedAt: new Date().toISOString(), findings }, null, 2)}\n`;
}
