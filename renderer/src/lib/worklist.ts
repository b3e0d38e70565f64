// The overview as a working list: search, filters, sort and grouping over the loaded findings.
// Pure functions (no runes, no DOM) so they are tested in plain Node (tests/worklist.test.ts).
import type { CaseStatus, FindingState, FindingView, LogSource } from '../../../engine/api.js';
import { DEFAULT_SENSOR } from '../../../engine/contract/settings-fields.js';
import { matchesSearch, parseSearchTerms } from './search-terms.js';

export { matchesSearch } from './search-terms.js';

export type SortKey = 'device' | 'dst' | 'period' | 'bytes' | 'score' | 'state' | 'lastSeen';
export type GroupBy = 'device' | 'destination' | 'none';

export interface ListFilters {
  search: string;
  state: FindingState | 'all';
  /** an allow-list category, 'none' for findings no rule covers, or 'all' */
  category: string;
  source: LogSource | 'all';
  direction: FindingView['direction'] | 'all';
  device: string;
  /** the owner's case status; a finding without a case is open */
  caseStatus: CaseStatus | 'all';
}

export const NO_FILTERS: ListFilters = {
  search: '',
  state: 'all',
  category: 'all',
  source: 'all',
  direction: 'all',
  device: 'all',
  caseStatus: 'all',
};

export function applyFilters(findings: readonly FindingView[], lf: ListFilters): FindingView[] {
  const terms = parseSearchTerms(lf.search);
  return findings.filter(
    (f) =>
      (lf.state === 'all' || f.state === lf.state) &&
      (lf.category === 'all' || (lf.category === 'none' ? !f.allowlisted : f.allowlisted?.category === lf.category)) &&
      (lf.source === 'all' || f.members.some((m) => m.source === lf.source)) &&
      (lf.direction === 'all' || f.direction === lf.direction) &&
      (lf.device === 'all' || f.src === lf.device) &&
      (lf.caseStatus === 'all' || (f.case?.status ?? 'open') === lf.caseStatus) &&
      matchesSearch(f, terms),
  );
}

const STATE_ORDER: Record<FindingState, number> = { new: 0, seen: 1, known: 2, dismissed: 3 };

function sortValue(f: FindingView, key: SortKey): string | number {
  switch (key) {
    case 'device':
      return (f.deviceName ?? f.src).toLowerCase();
    case 'dst':
      return f.dst.toLowerCase();
    case 'period':
      return f.stats.periodS ?? Infinity;
    case 'bytes':
      // what left the home first: the exfiltration shape is the one to find
      return f.bytes?.sent ?? -1;
    case 'score':
      // campaigns (one hard-coded address on several devices) lead, as the engine ranks them
      return (f.campaign ? 2 : 0) + f.score;
    case 'state':
      return STATE_ORDER[f.state];
    case 'lastSeen':
      return f.stats.lastSeen;
  }
}

/** A stable sort by one column; ties fall back to the strongest, then newest. */
export function sortFindings(findings: readonly FindingView[], key: SortKey, dir: 'asc' | 'desc'): FindingView[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...findings].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    const c = typeof va === 'string' ? va.localeCompare(vb as string) : va - (vb as number);
    // two scores that read alike keep the order of their evidence (the unrounded log-odds)
    return sign * c || b.score - a.score || b.logOdds - a.logOdds || b.stats.lastSeen - a.stats.lastSeen || a.findingId - b.findingId;
  });
}

/** Columns read best in their natural order first: names A→Z, scores and times high→low. */
export function defaultDir(key: SortKey): 'asc' | 'desc' {
  return key === 'device' || key === 'dst' || key === 'period' || key === 'state' ? 'asc' : 'desc';
}

export interface Group {
  key: string;
  /** device address (with its sensor when not the default one: "192.168.1.10 on workshop"), or the destination */
  title: string;
  /** the device's address when grouped by device (its page's link), else the destination */
  address: string;
  /** device name when grouped by device */
  name: string | null;
  findings: FindingView[];
}

/** Groups an already sorted list; groups come in the order of their first (best-sorted) row. */
export function groupFindings(sorted: readonly FindingView[], by: GroupBy): Group[] {
  if (by === 'none') return [{ key: 'all', title: 'All findings', address: '', name: null, findings: [...sorted] }];
  const groups = new Map<string, Group>();
  for (const f of sorted) {
    // a device is an address on one sensor: two sites' 192.168.1.10 are two groups
    const key = by === 'device' ? (f.sensor === DEFAULT_SENSOR ? f.src : `${f.src}@${f.sensor}`) : f.dst;
    let g = groups.get(key);
    if (!g) {
      const title = by === 'device' ? (f.sensor === DEFAULT_SENSOR ? f.src : `${f.src} on ${f.sensor}`) : f.dst;
      g = { key, title, address: by === 'device' ? f.src : f.dst, name: by === 'device' ? f.deviceName : null, findings: [] };
      groups.set(key, g);
    }
    g.findings.push(f);
  }
  return [...groups.values()];
}

/** The rows of one page, grouped so a group never repeats its header on the same page. */
export function pageOf(groups: readonly Group[], page: number, pageSize: number): { groups: Group[]; pages: number } {
  const flat = groups.flatMap((g) => g.findings.map((f) => ({ g, f })));
  const pages = Math.max(1, Math.ceil(flat.length / pageSize));
  const slice = flat.slice(page * pageSize, (page + 1) * pageSize);
  const out: Group[] = [];
  for (const { g, f } of slice) {
    const last = out[out.length - 1];
    if (last && last.key === g.key) last.findings.push(f);
    else out.push({ ...g, findings: [f] });
  }
  return { groups: out, pages };
}

/** A name cut after each dot and dash, so the table can wrap it there (text only, no markup). */
export function nameParts(name: string): string[] {
  return name.match(/[^.\-/:]*[.\-/:]?/g)?.filter(Boolean) ?? [name];
}
