// Loading findings with the overview's filters, shared by the overview and the map; the working
// list's search, filters, sort and grouping (applied in the page, see worklist.ts).
import type { FindingList, FindingView, TimeWindow } from '../../../engine/api.js';
import { api } from './api-client.js';
import { listFindingsPaged } from './paged-list.js';
import { NO_FILTERS, type GroupBy, type ListFilters, type SortKey } from './worklist.js';

export interface FindingFilters {
  /** show allow-listed (known) and dismissed pairs */
  showKnown: boolean;
  includeInbound: boolean;
  failedLookupsOnly: boolean;
}

/** the filters survive switching views */
export const filters = $state<FindingFilters>({ showKnown: false, includeInbound: false, failedLookupsOnly: false });

/** search, filters, sort and grouping of the overview's list; they survive switching views too */
export const listView = $state<ListFilters & { sort: SortKey; dir: 'asc' | 'desc'; groupBy: GroupBy }>({
  ...NO_FILTERS,
  sort: 'score',
  dir: 'desc',
  groupBy: 'device',
});

/** the finding last opened from the list: its row gets the focus back when the list shows again */
export const listFocus: { returnTo: number | null } = { returnTo: null };

export function loadFindings(
  f: FindingFilters,
  extra: { includeBelowThreshold?: boolean; device?: string; window?: TimeWindow } = {},
  state: ListFilters['state'] = 'all',
): Promise<FindingList> {
  // picking a state in the list asks the engine for the findings it hides by default
  const known = f.showKnown || state === 'known' || state === 'dismissed';
  return listFindingsPaged(api.listFindings, {
    includeAllowlisted: known,
    includeDismissed: known,
    includeInbound: f.includeInbound,
    ...(state === 'seen' ? { includeBelowThreshold: true } : {}),
    ...(f.failedLookupsOnly ? { failedLookupsOnly: true, source: 'dns' as const } : {}),
    ...extra,
    limit: 10000,
  });
}

export interface DeviceGroup {
  address: string;
  name: string | null;
  findings: FindingView[];
  top: number;
  newest: number;
}

/** strongest first, then newest */
function byStrength(a: { score: number; newest: number }, b: { score: number; newest: number }): number {
  return b.score - a.score || b.newest - a.newest;
}

/** Groups findings by source device: strongest and newest first, at both levels. */
export function groupByDevice(findings: FindingView[]): DeviceGroup[] {
  // a local working map, never reactive state
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const groups = new Map<string, DeviceGroup>();
  for (const f of findings) {
    let g = groups.get(f.src);
    if (!g) {
      g = { address: f.src, name: f.deviceName, findings: [], top: 0, newest: 0 };
      groups.set(f.src, g);
    }
    g.findings.push(f);
    g.top = Math.max(g.top, f.state === 'new' ? f.score : f.score * 0.5);
    g.newest = Math.max(g.newest, f.stats.lastSeen);
  }
  for (const g of groups.values()) {
    g.findings.sort((a, b) => byStrength({ score: a.score, newest: a.stats.lastSeen }, { score: b.score, newest: b.stats.lastSeen }));
  }
  return [...groups.values()].sort((a, b) => byStrength({ score: a.top, newest: a.newest }, { score: b.top, newest: b.newest }));
}
