// The threat-intel values the contract carries: a finding's feed hits, and the feeds' status
// (Settings' "Threat intelligence", the status bar, `beaconwatch intel list`). Types only.

/** The feeds' published formats, each read by its own parser (engine/intel/parse.ts). */
export type FeedFormat = 'feodo' | 'threatfox' | 'sslbl-ja3' | 'sslbl-cert' | 'urlhaus-hosts' | 'plain';
export type IntelKind = 'ip' | 'cidr' | 'domain' | 'ja3' | 'cert-sha1';

export interface IntelEntry {
  kind: IntelKind;
  value: string; // normalised: lower-case names, canonical IPs, "addr/len" CIDRs
  family?: string;
  firstSeen?: string;
}

/** A finding's threat-intel hits (engine/findings/intel-factor.ts). */
export interface FindingIntel {
  /** its own state in the list, the CLI and alerts */
  label: 'known C2 address contacted' | 'known C2 name contacted' | 'known C2 fingerprint seen';
  matches: IntelMatch[];
}

export interface IntelMatch {
  /** the feed's name (`feodo`, `folder:mylist.txt`…) and what people call it */
  feed: string;
  title: string;
  /** the entry that matched (an address, a CIDR, a name) and the finding's key that hit it */
  value: string;
  matchedOn: string;
  family: string | null;
  firstSeen: string | null;
  /** epoch s: when the feed's copy was last confirmed current */
  fetchedAt: number;
  /** the entry is a TLS client fingerprint (JA3) the pair's ssl.log rows carried, not a destination */
  fingerprint?: true;
}

/** One feed as Settings and `intel list` show it. */
export interface IntelFeedView {
  name: string;
  /** what people call it ("Feodo Tracker"); the name for the owner's own lists */
  title: string;
  format: 'feodo' | 'threatfox' | 'sslbl-ja3' | 'sslbl-cert' | 'urlhaus-hosts' | 'plain';
  /** download address, file path, or null (imported text) */
  source: string | null;
  builtin: boolean;
  enabled: boolean;
  /** entries of the last good copy (what matching uses) */
  entries: number;
  /** epoch s: when the copy arrived, and when it was last confirmed current */
  fetchedAt: number | null;
  checkedAt: number | null;
  /** the last failure, kept beside the last good copy (cleared by the next success) */
  lastError: string | null;
  lastErrorAt: number | null;
}

export interface IntelStatus {
  /** the schedule's off switch: off, nothing is downloaded (imports and the folder still count) */
  enabled: boolean;
  scheduleHours: number;
  /** the owner's folder of plain lists (one IP, CIDR or domain a line), or null */
  customDir: string | null;
  feeds: IntelFeedView[];
  /** entries over the enabled feeds */
  entries: number;
  /** enabled feeds whose last try failed */
  failing: number;
  /** epoch s: when the schedule next looks for due feeds; null when off or not running here */
  nextCheckAt: number | null;
}

/** Feed health for the status bar (EngineStatus.intel). */
export interface IntelHealth {
  /** enabled feeds holding entries */
  feeds: number;
  entries: number;
  /** enabled feeds whose last try failed (their last good copy is still used) */
  failing: string[];
  /** epoch s: the oldest copy's last confirmation, null without feeds */
  oldestCheckedAt: number | null;
  /** the schedule's off switch */
  downloads: boolean;
}

export interface IntelFeedResult {
  feed: string;
  outcome: 'updated' | 'not-modified' | 'failed' | 'skipped';
  entries: number;
  error: string | null;
}
