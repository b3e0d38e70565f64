// The CSV that both the UI's "Export CSV" (renderer/src/lib/export.ts) and `scan --csv`
// (engine/cli/csv.ts) write: one list of columns, one finding row, one cell encoder. Pure and
// dependency-free, so the browser page may import it as a value (the one exception, besides
// types, to "the renderer imports only the contract's types").
// Strings from logs are attacker-controlled: a cell starting with = + - @ (or a tab/CR) would be
// run as a formula by a spreadsheet, so it gets a leading apostrophe; control characters are
// replaced; quotes, commas and line breaks are quoted the RFC 4180 way.
import type { SeriesStats } from './types.js';
import type { FindingCase, FindingMember, FindingView, LongConnection, LongConnections } from './values.js';

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
  'sent_bytes',
  'received_bytes',
  'typical_bytes',
  // the owner's case (empty from `scan`, which keeps no cases)
  'case_status',
  'tags',
  'note',
  // the sensor (named Zeek log folder) that saw it; last, so older readers' columns stay put
  'sensor',
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

export const csvRound = (x: number | null, d: number): number | null =>
  x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d;
export const csvTime = (epochS: number): string | null => (Number.isFinite(epochS) ? new Date(Math.round(epochS * 1000)).toISOString() : null);

/** What one CSV row says, whether it stands for a finding or for one of its pairs. */
export interface CsvRowFields {
  finding: number | null;
  sensor: string;
  source: string;
  src: string;
  device: string | null;
  dst: string;
  direction: string;
  stats: Pick<SeriesStats, 'periodS' | 'spreadS' | 'jitterRatio' | 'activities' | 'firstSeen' | 'lastSeen' | 'bytesP50'>;
  score: number | null;
  state: string | null;
  summary: string | null;
  /** over the life of the finding's (or pair's) connections; null when its logs carry no byte counts */
  sent: number | null;
  received: number | null;
  /** median bytes of one check-in; null when unknown */
  typical: number | null;
  /** the owner's case; none from `scan` */
  case?: FindingCase | undefined;
}

/** The row in CSV_COLUMNS' order, with the one rounding and time format both exports use. */
export function csvRow(r: CsvRowFields): CsvCell[] {
  const cells: Record<(typeof CSV_COLUMNS)[number], CsvCell> = {
    finding: r.finding,
    source: r.source,
    src: r.src,
    device: r.device,
    dst: r.dst,
    direction: r.direction,
    period_s: csvRound(r.stats.periodS, 3),
    spread_s: csvRound(r.stats.spreadS, 3),
    jitter: csvRound(r.stats.jitterRatio, 4),
    activities: r.stats.activities,
    score: csvRound(r.score, 4),
    state: r.state,
    first_seen: csvTime(r.stats.firstSeen),
    last_seen: csvTime(r.stats.lastSeen),
    summary: r.summary,
    sent_bytes: r.sent,
    received_bytes: r.received,
    typical_bytes: r.typical === null ? null : Math.round(r.typical),
    case_status: r.case?.status ?? null,
    // tags are single words: one cell, space-separated
    tags: r.case ? r.case.tags.join(' ') : null,
    note: r.case?.note ?? null,
    sensor: r.sensor,
  };
  return CSV_COLUMNS.map((c) => cells[c]);
}

/** One finding (behaviour) as a CSV row: its strongest member's timing, its own score and state. */
export function findingCsvRow(v: FindingView): CsvCell[] {
  return csvRow({
    ...v,
    finding: v.findingId,
    device: v.deviceName,
    sent: v.bytes?.sent ?? null,
    received: v.bytes?.received ?? null,
    typical: v.bytes?.typicalPerCheckIn ?? null,
  });
}

/** A pair's own byte columns: its totals (a member of its finding), its own typical check-in. */
export function pairCsvBytes(
  stats: Pick<SeriesStats, 'bytesP50'>,
  member: Pick<FindingMember, 'sent' | 'received'> | undefined,
): Pick<CsvRowFields, 'sent' | 'received' | 'typical'> {
  // a pair whose log has no byte counts (DNS, TLS) has no typical size either, not 0
  const counted = member?.sent !== null && member?.sent !== undefined;
  return { sent: member?.sent ?? null, received: member?.received ?? null, typical: counted ? (stats.bytesP50 ?? null) : null };
}

/** RITA's long connections as CSV (the app's #/long export and `beaconwatch long --csv`): both lists, `list` says which. */
export const LONG_CSV_COLUMNS = [
  'list',
  'pair',
  'finding',
  'src',
  'device',
  'dst',
  'dst_name',
  'direction',
  'port',
  'proto',
  'service',
  'longest_s',
  'longest_at',
  'longest_bytes',
  'total_s',
  'connections',
  'sent_bytes',
  'received_bytes',
  'first_seen',
  'last_seen',
] as const;

function longCsvRow(list: 'longest' | 'total', c: LongConnection): CsvCell[] {
  return [
    list,
    c.pairId,
    c.findingId,
    c.src,
    c.deviceName,
    c.dst,
    c.dstNames[0] ?? null,
    c.direction,
    c.port,
    c.proto,
    c.service,
    csvRound(c.longestS, 3),
    c.longestAt === null ? null : csvTime(c.longestAt),
    c.longestBytes,
    csvRound(c.totalS, 3),
    c.connections,
    c.sent,
    c.received,
    csvTime(c.firstSeen),
    csvTime(c.lastSeen),
  ];
}

export function longConnectionsCsv(v: LongConnections): string {
  const rows = [...v.longest.map((c) => longCsvRow('longest', c)), ...v.cumulative.map((c) => longCsvRow('total', c))];
  return [LONG_CSV_COLUMNS, ...rows].map(csvLine).join('\r\n') + '\r\n';
}
