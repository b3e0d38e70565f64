// The overview's search box: plain words match anywhere (device, destination, names, tags, the
// note); `src:` `dst:` `port:` `tag:` `status:` `sensor:` narrow to one field. Pure, tested in plain Node
// (tests/worklist.test.ts). An unknown `key:` (an IPv6 address, "http:") is a plain word.
import type { FindingView } from '../../../engine/api.js';

export const SEARCH_KEYS = ['src', 'dst', 'port', 'tag', 'status', 'sensor'] as const;
export type SearchKey = (typeof SEARCH_KEYS)[number];

export interface SearchTerms {
  words: string[];
  fields: { key: SearchKey; value: string }[];
}

export function parseSearchTerms(query: string): SearchTerms {
  const out: SearchTerms = { words: [], fields: [] };
  for (const token of query.toLowerCase().split(/\s+/).filter(Boolean)) {
    const at = token.indexOf(':');
    const key = token.slice(0, at) as SearchKey;
    const value = token.slice(at + 1);
    if (at > 0 && value !== '' && SEARCH_KEYS.includes(key)) out.fields.push({ key, value });
    else out.words.push(token);
  }
  return out;
}

/** Everything a plain word may match: device address and name, destination, member names, the case's tags and note. */
function haystack(f: FindingView): string {
  const c = f.case;
  return [f.src, f.deviceName ?? '', f.dst, ...f.dstNames, ...f.members.map((m) => m.dst), ...(c?.tags ?? []), c?.note ?? '']
    .join('\n')
    .toLowerCase();
}

function matchesField(f: FindingView, key: SearchKey, v: string): boolean {
  switch (key) {
    case 'src': {
      // an address or its start (`src:10.0.0.` is a subnet), or the device's name; a campaign's every device
      const devices = f.campaign ? f.campaign.devices : [{ address: f.src, name: f.deviceName }];
      return devices.some((d) => d.address.toLowerCase().startsWith(v) || (d.name ?? '').toLowerCase().includes(v));
    }
    case 'dst':
      return [f.dst, ...f.dstNames, ...f.members.map((m) => m.dst)].some((d) => d.toLowerCase().includes(v));
    case 'port': {
      const port = Number(v);
      return Number.isInteger(port) && (f.port === port || f.members.some((m) => m.port === port));
    }
    case 'tag':
      return (f.case?.tags ?? []).some((t) => t.toLowerCase() === v);
    case 'status':
      return (f.case?.status ?? 'open') === v;
    case 'sensor':
      // the sensor that saw it (a campaign's: any of its devices' sensors), by its whole name
      return [f.sensor, ...(f.campaign?.devices.map((d) => d.sensor) ?? [])].some((s) => s.toLowerCase() === v);
  }
}

export function matchesSearch(f: FindingView, query: string | SearchTerms): boolean {
  const terms = typeof query === 'string' ? parseSearchTerms(query) : query;
  if (terms.fields.some((t) => !matchesField(f, t.key, t.value))) return false;
  if (terms.words.length === 0) return true;
  const h = haystack(f);
  return terms.words.every((w) => h.includes(w));
}
