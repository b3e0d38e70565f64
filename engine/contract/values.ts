// The value types the contract's calls carry (findings, status, settings, devices…), kept apart
// from the calls themselves (engine/contract/api.ts, which re-exports them) so each file stays
// readable. Types only: the renderer sees them through engine/api.ts.
import type { Direction, Finding, LogSource } from './types.js';
import type { AllowRuleInput } from './api.js';

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
  campaign: { devices: { address: string; name: string | null; findingId: number | null }[] } | null;
  /** which member the "how often" (summary, stats) describes, e.g. "connections to 203.0.113.9" */
  headline: string;
  /** the pairs that make up the behaviour, strongest first */
  members: FindingMember[];
}

export interface ProblemView {
  at: number;
  file: string | null;
  problem: string;
  /**
   * 'error': the file, folder or rescore could not be done (the red "Problem reading logs");
   * 'warning': reading went on, `rows` rows skipped (a DNS row without a query): counted on the
   * status bar with the file, not a failure
   */
  level: 'error' | 'warning';
  /** rows the warning cost (0 when it skipped none: a name that disagrees with #path) */
  rows: number;
}

export interface EngineStatus {
  version: string;
  mode: 'desktop' | 'serve';
  zeekDir: string | null;
  /** true when the Zeek directory is being followed */
  tailing: boolean;
  paused: boolean;
  demo: boolean;
  /** the first read of the folder, while it runs: files and bytes done, and the time its files span (seconds) */
  backfill: { filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number; spanS: number } | null;
  /** `findings` (new findings shown after it) and `newAlerts` (first seen by it) are known for rescores of this run */
  lastRescore: { at: number; windowEnd: number; pairs: number; durationMs: number; findings?: number; newAlerts?: number } | null;
  nextRescoreAt: number | null;
  /** events stored in the last minute, any origin (a backfill of old logs counts too) */
  eventsPerMinute: number;
  /** events per minute over the last 5 minutes, counting only events newer than the start of the folder's backfill (never history read late); null when nothing is live */
  liveEventsPerMinute?: number | null;
  /** seconds between the newest event stored and now (null before any event) */
  ingestLagS: number | null;
  pairs: number;
  events: number;
  /** which TensorFlow backend the CNN runs on, or null when the CNN is not loaded */
  modelBackend: 'tensorflow' | 'wasm' | 'cpu' | null;
  /** recent ingest problems (bad files, wrong directory…), newest first; errors and warnings */
  problems: ProblemView[];
  /** rows skipped since start (the warnings' `rows`, all of them, not only the listed ones) */
  skippedRows: number;
  /** what the Zeek directory holds; null when none is set, it is not followed, or demo data */
  logDir: LogDirState | null;
  /** files that failed for a transient reason (disk full, I/O error, a .gz still written), retried with back-off */
  filesWaiting: number;
  /** what the retention setting removed: events before `removedBefore` (epoch s) are gone; null when nothing was removed */
  retention?: RetentionState;
  /** what the last rescore scored and what it left out, with the folder's files as they are now; null before one */
  coverage?: Coverage | null;
  /** the coverage in words for the app: said next to every "nothing found"; null before a rescore */
  coverageNote?: CoverageNote | null;
}

/** Coverage in words (engine/text/coverage-sentence.ts), for the page and the tray. */
export interface CoverageNote {
  /** e.g. "3 days of logs (…); scored the 24 h ending …; 1,890 pairs (…) outside it: choose a longer window to include them." */
  sentence: string;
  /** something was left out (data outside the window, unreadable files, skipped rows, files still being read) */
  partial: boolean;
}

/**
 * What a scoring run looked at and what it left out, so that "nothing found" is never said about
 * data that was not scored (GUIDE §6 "Never a false all-clear"). Computed by the engine.
 */
export interface Coverage {
  /** first and last event stored (epoch s); null when nothing is stored */
  dataFrom: number | null;
  dataTo: number | null;
  /** the scored window: [windowEnd - windowS, windowEnd] */
  windowEnd: number;
  windowS: number;
  /** the window was stretched to cover every stored event (scan --all-time) */
  allTime: boolean;
  /** pairs with an event in the window, and pairs (and their events) with none in it */
  pairsInWindow: number;
  pairsOutside: number;
  eventsOutside: number;
  /** log files found, and those that could not be read or are no Zeek log (with a reason) */
  filesFound: number;
  filesUnreadable: number;
  /** files not read yet (a backfill in progress, or waiting for a retry) */
  filesPending: number;
  /** rows or files reported as problems (skipped rows, bad lines) */
  problems: number;
  /** rows skipped as malformed (a DNS row without a query, a wrong column count…) */
  rowsSkipped: number;
}

export interface RetentionState {
  days: number;
  /** the oldest event still stored, when older events were removed; null: nothing removed */
  removedBefore: number | null;
  /** the data is historic (an import of old logs): retention removes nothing until live logs arrive */
  paused: boolean;
}

/** A scoring window: its end (epoch s, null: the latest data) and length in seconds. */
export interface TimeWindow {
  end: number | null;
  lengthS: number;
}

/** Stored events per hour, for browsing the data day by day (the UI groups hours into local days). */
export interface DataTimeline {
  /** hours holding events: start of the hour (epoch s) and how many events */
  hours: { start: number; events: number }[];
  /** newest stored event (epoch s), null when none */
  newest: number | null;
  /** where the live window ends now (the newest data when it is older than the window) */
  liveEnd: number | null;
  /** retention counts back from here: the newest event, or now when that is in the future */
  retentionFrom: number | null;
  retention: RetentionState;
}

/** Progress and outcome of scoring one window on demand (see scoreWindow). */
export interface WindowScoring {
  window: TimeWindow;
  /** the window's end as scored (epoch s): `window.end`, or the latest data's end */
  end: number;
  lengthS: number;
  /** live: the window the hourly rescore keeps (nothing to score on demand) */
  state: 'live' | 'scoring' | 'ready' | 'failed';
  done: number;
  total: number;
  /** why it failed */
  message?: string;
}

/**
 * 'no-logs' (red): nothing named like a log Beaconwatch reads is in the folder; 'unreadable'
 * (red): files named like logs, none readable as one (prose, not Zeek, permission denied);
 * 'checking': the first look at the folder has not ended; 'stale': Zeek seems to have stopped
 */
export interface LogDirState {
  dir: string;
  state: 'ok' | 'no-logs' | 'unreadable' | 'checking' | 'stale';
  /** what is wrong and what was looked for; null when ok */
  message: string | null;
  /** newest modification time of a log in the folder (epoch s) */
  newestLogAt: number | null;
}

export interface Settings {
  zeekDir: string | null;
  /** CIDRs considered local (default: private, link-local and ULA ranges) */
  localNetworks: string[];
  rescoreIntervalS: number;
  windowS: number;
  backfillS: number;
  /** events closer than this are one activity */
  activityGapS: number;
  alertThreshold: number;
  retentionDays: number;
  notifications: boolean;
  /** an ntfy topic URL (e.g. https://ntfy.sh/my-topic) that gets each new finding; null: none */
  alertNtfyUrl: string | null;
  /** a URL that gets each new finding as JSON (POST); null: none */
  alertWebhookUrl: string | null;
}

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

/** HTTP request details of one event (http.log). Every string is attacker-controlled text. */
export interface HttpEventDetail {
  method: string | null;
  /** the Host header as sent; '' when it was empty */
  host: string | null;
  uri: string | null;
  userAgent: string | null;
  statusCode: number | null;
  statusMsg: string | null;
  requestBodyLen: number | null;
  responseBodyLen: number | null;
}

/** TLS handshake details of one event (ssl.log); JA3/JA4 only where the sensor logs them. */
export interface TlsEventDetail {
  version: string | null;
  serverName: string | null;
  cipher: string | null;
  established: boolean | null;
  ja3: string | null;
  ja3s: string | null;
  ja4: string | null;
  ja4s: string | null;
}

export interface DnsEventDetail {
  query: string | null;
  qtype: string | null;
  rcode: string | null;
  answers: string | null;
}

/** One event of a pair as Zeek logged it, read from the logs on disk when the finding page asks. */
export interface EventDetail {
  ts: number;
  /** Zeek's connection uid (pivot to other tools); null when the log has none */
  uid: string | null;
  origPort: number | null;
  respAddr: string | null;
  respPort: number | null;
  proto: string | null;
  service: string | null;
  /** from conn.log (joined by uid for http, ssl and dns events); null when not found */
  origBytes: number | null;
  respBytes: number | null;
  durationS: number | null;
  connState: string | null;
  http: HttpEventDetail | null;
  tls: TlsEventDetail | null;
  dns: DnsEventDetail | null;
}

/** The newest events of a pair with what Zeek logged about each (getEventDetails). */
export interface EventDetails {
  pairId: number;
  source: LogSource;
  /** newest first */
  events: EventDetail[];
  /** how many of the pair's newest stored events were looked for */
  wanted: number;
  /**
   * complete: every wanted event found; partial: some; gone: none (the logs for this period were
   * removed or moved); none: the store holds no event of the pair
   */
  state: 'complete' | 'partial' | 'gone' | 'none';
  /** what limited the answer, in words (files gone, a read stopped by its budget) */
  notes: string[];
  filesRead: number;
  /** detail fields that no found event had: the sensor does not log them (e.g. ja4) */
  notLogged: string[];
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
