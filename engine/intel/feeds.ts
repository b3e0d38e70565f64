// The built-in feeds, with their real public addresses (abuse.ch, no key needed), and how an
// imported file's format is recognised from its published header.
import type { FeedFormat } from '../contract/intel-values.js';

export interface BuiltinFeed {
  name: string;
  /** what the reason calls it: "Feodo Tracker lists 1.2.3.4 as …" */
  title: string;
  format: FeedFormat;
  url: string;
  /** what a listing means when the entry names no family: "as a malware download host" */
  listsAs: string | null;
}

export const BUILTIN_FEEDS: readonly BuiltinFeed[] = [
  { name: 'feodo', title: 'Feodo Tracker', format: 'feodo', url: 'https://feodotracker.abuse.ch/downloads/ipblocklist.csv', listsAs: 'a botnet C2' },
  { name: 'threatfox', title: 'ThreatFox', format: 'threatfox', url: 'https://threatfox.abuse.ch/export/csv/recent/', listsAs: null },
  { name: 'sslbl-ja3', title: 'SSLBL JA3', format: 'sslbl-ja3', url: 'https://sslbl.abuse.ch/blacklist/ja3_fingerprints.csv', listsAs: null },
  { name: 'sslbl-cert', title: 'SSLBL certificates', format: 'sslbl-cert', url: 'https://sslbl.abuse.ch/blacklist/sslblacklist.csv', listsAs: null },
  {
    name: 'urlhaus',
    title: 'URLhaus',
    format: 'urlhaus-hosts',
    url: 'https://urlhaus.abuse.ch/downloads/hostfile/',
    listsAs: 'a malware download host',
  },
];

export const FEED_FORMATS: readonly FeedFormat[] = ['feodo', 'threatfox', 'sslbl-ja3', 'sslbl-cert', 'urlhaus-hosts', 'plain'];

/** Feeds read from the owner's folder of plain lists are named after the file. */
export const FOLDER_PREFIX = 'folder:';

/** "a malware download host" for URLhaus' entries, which name no family; null otherwise */
export function feedListsAs(name: string): string | null {
  return BUILTIN_FEEDS.find((f) => f.name === name)?.listsAs ?? null;
}

export function feedTitle(name: string): string {
  return BUILTIN_FEEDS.find((f) => f.name === name)?.title ?? name;
}

/** The format a file's comment header announces (abuse.ch's exports all say what they are); else plain. */
export function detectFormat(text: string): FeedFormat {
  const head = text.slice(0, 4096).toLowerCase();
  if (head.includes('feodo tracker')) return 'feodo';
  if (head.includes('threatfox')) return 'threatfox';
  if (head.includes('ja3_md5')) return 'sslbl-ja3';
  if (head.includes('sslbl') && head.includes('sha1')) return 'sslbl-cert';
  if (head.includes('urlhaus')) return 'urlhaus-hosts';
  return 'plain';
}
