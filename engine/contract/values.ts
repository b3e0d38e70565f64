// The value types the contract's calls carry (findings, status, settings, devices…), kept apart
// from the calls themselves (engine/contract/api.ts, which re-exports them) so each file stays
// readable. Types only: the renderer sees them through engine/api.ts.
import type { Direction, Finding, LogSource } from './types.js';
import type { AllowRuleInput } from './api.js';
import type { SettingsValues } from './settings-schema.js';

import type { CoverageNote } from './status-values.js';
export type * from './status-values.js';
export type * from './event-values.js';
export type * from './intel-values.js';
import type { FindingIntel } from './intel-values.js';

export type AllowCategory =
  | 'time-sync'
  | 'connectivity-check'
  | 'smart-home'
  | 'safe-browsing'
  | 'updates'
  | 'telemetry'
  | 'local-discovery'
  | 'dns-resolver'
  | 'push'
  | 'mail'
  | 'cloud-sync'
  | 'user';

export interface AllowMatch {
  ruleId: string;
  /** the rule's reason (built-in) or the owner's note */
  reason: string;
  category: AllowCategory | null;
  builtin: boolean;
}

export type FindingState = 'new' | 'known' | 'dismissed' | 'seen';

/** One thing that raised or lowered a finding's score, in words, with its factor. */
export interface FindingReason {
  text: string;
  effect: 'raises' | 'lowers';
  /** the score was multiplied by this */
  factor: number;
}

/** What a finding is about: a name (its lookups, TLS/HTTP and connections), a registered
 *  domain (random-subdomain lookups), an address, or local infrastructure (the resolver). */
export type FindingKind = 'name' | 'domain' | 'address' | 'infrastructure';

/** One pair of a finding: evidence shown on the finding's page. */
export interface FindingMember {
  pairId: number;
  /** the sensor that saw this pair (a campaign's members may come from several) */
  sensor: string;
  source: LogSource;
  variant: Finding['variant'];
  dst: string;
  direction: Direction;
  port: number | null;
  proto: string | null;
  service: string | null;
  /** the pair's own score (periodicity), null when it was never scored */
  score: number | null;
  activities: number;
  /** median interval between its activities (s) */
  periodS: number | null;
  summary: string;
  /** covered by an allow rule (through a backed name when the rule is on a name) */
  allowlisted: boolean;
  /** bytes the device sent and received on this pair over its life; null when its log has no byte counts */
  sent: number | null;
  received: number | null;
}

/** Where the owner's look at a finding stands (beyond allow and dismiss, which change the list). */
export type CaseStatus = 'open' | 'investigating' | 'resolved';

/** The owner's case about one finding: kept in the store by finding id; it never changes a score or hides a row. */
export interface FindingCase {
  status: CaseStatus;
  /** short words the owner filters by (`tag:lab`), in the owner's order */
  tags: string[];
  note: string;
  /** when it was last changed (epoch s); null: never (the default case) */
  updatedAt: number | null;
}

/**
 * A finding as the UI shows it: one behaviour of one device (see engine/findings/group.ts), with
 * what the owner and the allow-list say. The pair fields (source, dst, stats, scores, port…)
 * describe the strongest member; `dst` is what the finding is about (a name, `*.domain`, an address).
 */
export interface FindingView extends Finding {
  /** the finding's id (its anchor pair): stable as the behaviour gains members */
  findingId: number;
  kind: FindingKind;
  /** new: above threshold, not allow-listed, not dismissed; known: allow-listed; seen: below threshold */
  state: FindingState;
  allowlisted: AllowMatch | null;
  dismissed: boolean;
  /** label, DHCP host name, or null */
  deviceName: string | null;
  /** e.g. "every 25–35 s, typically 30 s, 2,880 times in 24 h" (engine/describe.ts) */
  summary: string;
  /** for an address destination: names the device used for it (TLS SNI, HTTP Host, DNS answers), newest first */
  dstNames: string[];
  /** how sure we are that it runs on a timer: the strongest member's pair score */
  periodicity: number;
  /** the strongest member's log-odds moved by the reasons' factors: orders findings whose scores read alike */
  logOdds: number;
  /** what raised or lowered the score from `periodicity` */
  reasons: FindingReason[];
  /** devices of the home with the same destination on a similar schedule (1 = only this one) */
  sharedBy: number;
  /**
   * present since the first stored logs (first seen within 6 h of them): on a fresh install this
   * is "what your home already does", for the day-one review; never a reason to lower the score
   */
  presentSinceStart: boolean;
  /**
   * several devices of the home calling one destination no DNS answer backs, on one timer: a
   * campaign (a worm), shown as one finding naming every device; null otherwise
   */
  campaign: { devices: { sensor: string; address: string; name: string | null; findingId: number | null }[] } | null;
  /** which member the "how often" (summary, stats) describes, e.g. "connections to 203.0.113.9" */
  headline: string;
  /** the pairs that make up the behaviour, strongest first */
  members: FindingMember[];
  /**
   * threat-intel feeds listing this finding's destination (raise only: absent when no feed lists
   * it, which lowers nothing). A hit is an alert even on a pair too quiet to be periodic.
   */
  intel?: FindingIntel;
  /** bytes over the behaviour's life and per check-in; null when its logs carry no byte counts (DNS, TLS alone) */
  bytes: FindingBytes | null;
  /**
   * the owner's case (status, tags, note): set on what listFindings, getPair, dismissPair and
   * setFindingCase answer (the findings builder leaves it out); absent reads as open, no tags, no note
   */
  case?: FindingCase;
}

/**
 * What a behaviour moved: totals over its pairs' life (conn pairs', else HTTP bodies) as the
 * device sent and received them, and the median size of one check-in in the scoring window.
 */
export interface FindingBytes {
  sent: number;
  received: number;
  /** null before the pair is rescored (stats stored before it was kept) */
  typicalPerCheckIn: number | null;
}

/** The settings: inferred from the one table's schema (settings-fields.ts, settings-schema.ts). */
export type Settings = SettingsValues;

/** A network Settings could call local, found in the stored data. */
export interface LocalNetworkSuggestion {
  cidr: string;
  /** why it is suggested, e.g. "Zeek marked 12 addresses in it as local" */
  reason: string;
  /** already in the local networks setting */
  configured: boolean;
}

/** The result of sending a test alert to one configured target. */
export interface AlertSendResult {
  target: 'ntfy' | 'webhook';
  ok: boolean;
  message: string;
}

export interface ZeekDirCandidate {
  path: string;
  exists: boolean;
  /** Zeek logs were found in it (current/ or dated archives or flat) */
  hasLogs: boolean;
  /** why it cannot serve as the Zeek directory (missing, a file, no logs: with what was looked for) */
  problem?: string | null;
}

export interface FindingList {
  /** one per behaviour (see FindingView), best first */
  findings: FindingView[];
  total: number;
  hidden: { allowlisted: number; dismissed: number; inbound: number; belowThreshold: number };
  /** what the listed window scored and left out, in words; null before a rescore */
  coverageNote?: CoverageNote | null;
}

export interface DeviceView {
  /** a device is an address on one sensor */
  sensor: string;
  address: string;
  name: string | null;
  hostName: string | null;
  mac: string | null;
  label: string | null;
  /** findings above threshold, not allow-listed/dismissed */
  alerts: number;
  pairs: number;
  topScore: number | null;
  lastSeen: number | null;
}

export interface AllowScopeOption {
  scope: 'pair' | 'destination' | 'domain' | 'device';
  /** e.g. "10.0.0.5 → time.apple.com only" */
  label: string;
  rule: AllowRuleInput;
}

export interface PairDetail {
  finding: FindingView;
  windowStart: number;
  windowEnd: number;
  /** activity start times within the window (epoch s) */
  activities: number[];
  /** intervals between activities (s) */
  intervals: number[];
  history: { scoredAt: number; score: number; scores: Record<string, number> }[];
  recentEvents: { ts: number; bytes: number }[];
  allowScopes: AllowScopeOption[];
  /** the member whose timeline, intervals and events are shown */
  shownPairId: number;
  /** the finding's score in the calibration's terms: each term's push up or down (engine/score/explain.ts) */
  why: ScoreExplanation;
}

export interface ScoreTermView {
  key: string;
  label: string;
  /** the term's push on the log odds: > 0 raises the score, < 0 lowers it, ≈ 0 no evidence */
  logOdds: number;
  /** the measurement it reads (a z-score against random arrivals, RITA's 0–1, the CNN's probability) */
  measured: number | null;
  /** false when the calibration gave the term no weight (it is shown, but cannot move the score) */
  weighed: boolean;
}

export interface ScoreExplanation {
  /** log odds of a series without any evidence of a timer (the calibration's bias) */
  startLogOdds: number;
  /** the same as a probability (what the finding page says a pair starts at) */
  startScore: number;
  terms: ScoreTermView[];
  model: 'with-cnn' | 'stats-only';
}

export interface RescoreSummary {
  at: number;
  windowEnd: number;
  pairs: number;
  durationMs: number;
  newAlerts: number;
}

/**
 * The day-one review (engine/service/review.ts): findings present since the first logs, grouped
 * by service (a catalogue vendor), else registered domain, else destination, each for the owner
 * to accept (allow-list with a scope) or keep watching. Nothing in it is lowered for being early.
 */
export interface ReviewGroup {
  /** `vendor:…`, `domain:…` or `dst:…`: what the decision is kept under */
  key: string;
  /** what the owner sees: the vendor, the domain or the destination (from logs: text only) */
  label: string;
  by: 'vendor' | 'domain' | 'destination';
  /** already known by a built-in catalogue entry for every finding in it */
  known: boolean;
  decision: 'accepted' | 'watching' | null;
  decidedAt: number | null;
  /** allow-listing scopes that apply to the group (the narrowest first) */
  scopes: { scope: AllowScopeOption['scope']; label: string }[];
  findings: FindingView[];
}

export interface ReviewView {
  /** offered by default (the overview's banner): not finished (or reopened) and not all built-in known */
  pending: boolean;
  /** when the review was done (all decided, or "finish review"); null before */
  finishedAt: number | null;
  groups: ReviewGroup[];
  /** groups not yet decided (built-in known ones need no decision) */
  undecided: number;
  /** after the review: new findings first seen since it was finished ("new since your review") */
  newSinceReview: number;
}

/**
 * One conn pair in the long-connections view (RITA's `long connections`): its longest single
 * connection and its summed durations, with bytes. A tunnel held open for hours is C2 too.
 */
export interface LongConnection {
  pairId: number;
  /** the finding the pair belongs to (its page), null when it is not scored yet */
  findingId: number | null;
  src: string;
  deviceName: string | null;
  dst: string;
  /** names DNS answers gave this address (what the devices were told), newest first */
  dstNames: string[];
  direction: Direction;
  port: number | null;
  proto: string | null;
  service: string | null;
  /** the longest single connection (conn.log duration, s), when it started and its bytes */
  longestS: number;
  longestAt: number | null;
  longestBytes: number | null;
  /** all its connections' durations added up (s), and how many had one */
  totalS: number;
  connections: number;
  /** bytes the device sent and received over the pair's life */
  sent: number;
  received: number;
  firstSeen: number;
  lastSeen: number;
}

export interface LongConnections {
  /** pairs by their longest single connection, longest first */
  longest: LongConnection[];
  /** pairs by their summed durations, longest first */
  cumulative: LongConnection[];
}
