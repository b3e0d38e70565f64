// THE contract between the UI and the engine. Every call the renderer can make is listed here
// once, with its argument schema (validated by whoever receives the call: Electron main or the
// `serve` HTTP server) and its result type. The renderer imports this file with `import type`
// only; the transports (preload IPC, HTTP) are generated from `API_METHODS`.
import { z } from 'zod';
import type { Direction, Finding, LogSource } from './types.js';

// ---------- shared value types ----------

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
  /** the pairs that make up the behaviour, strongest first */
  members: FindingMember[];
}

export interface ProblemView {
  at: number;
  file: string | null;
  problem: string;
}

export interface EngineStatus {
  version: string;
  mode: 'desktop' | 'serve';
  zeekDir: string | null;
  /** true when the Zeek directory is being followed */
  tailing: boolean;
  paused: boolean;
  demo: boolean;
  backfill: { filesDone: number; filesTotal: number } | null;
  /** `findings` (new findings shown after it) and `newAlerts` (first seen by it) are known for rescores of this run */
  lastRescore: { at: number; windowEnd: number; pairs: number; durationMs: number; findings?: number; newAlerts?: number } | null;
  nextRescoreAt: number | null;
  /** events stored in the last minute, any origin (a backfill of old logs counts too) */
  eventsPerMinute: number;
  /** events per minute over the last 5 minutes of live data (followed, not backfilled; newest event recent); null when nothing is live */
  liveEventsPerMinute?: number | null;
  /** seconds between the newest event stored and now (null before any event) */
  ingestLagS: number | null;
  pairs: number;
  events: number;
  /** which TensorFlow backend the CNN runs on, or null when the CNN is not loaded */
  modelBackend: 'tensorflow' | 'wasm' | 'cpu' | null;
  /** recent ingest problems (bad files, wrong directory…), newest first */
  problems: ProblemView[];
  /** what the Zeek directory holds; null when none is set, it is not followed, or demo data */
  logDir: LogDirState | null;
  /** files that failed for a transient reason (disk full, I/O error, a .gz still written), retried with back-off */
  filesWaiting: number;
}

/** 'no-logs' (red): nothing Beaconwatch reads is in the folder; 'stale': Zeek seems to have stopped */
export interface LogDirState {
  dir: string;
  state: 'ok' | 'no-logs' | 'stale';
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
}

export interface RescoreSummary {
  at: number;
  windowEnd: number;
  pairs: number;
  durationMs: number;
  newAlerts: number;
}

// ---------- allow-list rules ----------

const allowCategory = z.enum([
  'time-sync',
  'connectivity-check',
  'smart-home',
  'safe-browsing',
  'updates',
  'telemetry',
  'local-discovery',
  'dns-resolver',
  'push',
  'mail',
  'cloud-sync',
  'user',
]);
const logSource = z.enum(['conn', 'dns', 'http', 'ssl']);
const text = (max: number) => z.string().max(max);

/**
 * A rule matches a pair when every field it sets matches:
 * dst: `example.com` (exact), `*.example.com` (it and every subdomain; compared on the
 * registered domain), an IP, or a CIDR; src: a device address or CIDR; source, proto, port,
 * service: the pair's log type and responder port/transport/Zeek service.
 */
export const allowRuleInputSchema = z
  .object({
    dst: text(253).nullish(),
    src: text(64).nullish(),
    source: logSource.nullish(),
    proto: z.enum(['tcp', 'udp', 'icmp']).nullish(),
    port: z.number().int().min(0).max(65535).nullish(),
    service: text(32).nullish(),
    note: text(500).optional(),
    category: allowCategory.nullish(),
    expiresAt: z.number().finite().nullish(),
    enabled: z.boolean().optional(),
    /** accept a rule that matches everything (0.0.0.0/0…), which is otherwise refused */
    force: z.boolean().optional(),
  })
  .strict();
export type AllowRuleInput = z.infer<typeof allowRuleInputSchema>;

export interface AllowRule {
  id: string;
  dst: string | null;
  src: string | null;
  source: LogSource | null;
  proto: 'tcp' | 'udp' | 'icmp' | null;
  port: number | null;
  service: string | null;
  note: string;
  category: AllowCategory | null;
  vendor: string | null;
  expiresAt: number | null;
  enabled: boolean;
  builtin: boolean;
  createdAt: number;
  updatedAt: number;
  /** listAllowRules only: how many findings this rule covers now (the first rule matching each) */
  hits?: number;
}

// ---------- the calls ----------

const none = z.object({}).strict();
const pairId = z.object({ pairId: z.number().int().positive() }).strict();
/** http(s) only: alerts go to a web address the owner typed, nothing else (no file:, no data:) */
const alertUrl = text(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// address')
  .nullable();
const settingsPatch = z
  .object({
    zeekDir: text(4096).nullable(),
    localNetworks: z.array(text(64)).max(256),
    rescoreIntervalS: z
      .number()
      .int()
      .min(60)
      .max(7 * 86400),
    windowS: z
      .number()
      .int()
      .min(3600)
      .max(7 * 86400),
    backfillS: z
      .number()
      .int()
      .min(0)
      .max(30 * 86400),
    activityGapS: z.number().min(0).max(600),
    alertThreshold: z.number().min(0).max(1),
    retentionDays: z.number().int().min(1).max(365),
    notifications: z.boolean(),
    alertNtfyUrl: alertUrl,
    alertWebhookUrl: alertUrl,
  })
  .partial()
  .strict();

/** Argument schema of every call. Keys are the method names; each takes one object. */
export const apiArgs = {
  getStatus: none,
  listFindings: z
    .object({
      includeAllowlisted: z.boolean().optional(),
      includeDismissed: z.boolean().optional(),
      includeInbound: z.boolean().optional(),
      includeBelowThreshold: z.boolean().optional(),
      source: logSource.optional(),
      /** only dns pairs whose lookups fail (NXDOMAIN, SERVFAIL, no answer) */
      failedLookupsOnly: z.boolean().optional(),
      device: text(64).optional(),
      limit: z.number().int().min(1).max(10000).optional(),
    })
    .strict(),
  getPair: pairId,
  dismissPair: z.object({ pairId: z.number().int().positive(), dismissed: z.boolean() }).strict(),
  listDevices: none,
  setDeviceLabel: z.object({ address: text(64).min(1), label: text(100).nullable() }).strict(),
  getSettings: none,
  updateSettings: settingsPatch,
  /** the usual places; with `path`, that folder is checked first (Settings warns before saving it) */
  detectZeekDirs: z.object({ path: text(4096).optional() }).strict(),
  /** desktop: opens a folder picker; serve: resolves null (the UI shows a text field) */
  pickZeekDir: none,
  rescoreNow: none,
  setPaused: z.object({ paused: z.boolean() }).strict(),
  loadDemo: none,
  listAllowRules: none,
  addAllowRule: allowRuleInputSchema,
  updateAllowRule: z.object({ id: text(64).min(1), patch: allowRuleInputSchema }).strict(),
  removeAllowRule: z.object({ id: text(64).min(1) }).strict(),
  importAllowRules: z.object({ json: text(5_000_000), force: z.boolean().optional() }).strict(),
  exportAllowRules: none,
  /** networks the data says are local (Zeek's local_orig/local_resp, DHCP-assigned addresses, the sensor) */
  suggestLocalNetworks: none,
  /** sends one test message to each configured alert target (ntfy, webhook) */
  sendTestAlert: none,
} as const;

export type ApiMethod = keyof typeof apiArgs;
export type ApiArg<K extends ApiMethod> = z.input<(typeof apiArgs)[K]>;

/** Result type of every call. */
export interface ApiResults {
  getStatus: EngineStatus;
  listFindings: FindingList;
  getPair: PairDetail;
  dismissPair: FindingView;
  listDevices: DeviceView[];
  setDeviceLabel: DeviceView;
  getSettings: Settings;
  updateSettings: Settings;
  detectZeekDirs: ZeekDirCandidate[];
  pickZeekDir: string | null;
  rescoreNow: RescoreSummary;
  setPaused: EngineStatus;
  loadDemo: EngineStatus;
  listAllowRules: AllowRule[];
  addAllowRule: AllowRule;
  updateAllowRule: AllowRule;
  removeAllowRule: { removed: boolean };
  importAllowRules: { added: number; replaced: number };
  exportAllowRules: { json: string };
  suggestLocalNetworks: LocalNetworkSuggestion[];
  sendTestAlert: AlertSendResult[];
}

/** The API as the renderer sees it: one async function per call. */
export type BeaconwatchApi = { [K in ApiMethod]: (arg: ApiArg<K>) => Promise<ApiResults[K]> };

export const API_METHODS = Object.keys(apiArgs) as ApiMethod[];

/** Errors cross the transports as this shape; clients rebuild an `ApiError`. */
export interface ApiErrorShape {
  code: 'invalid-argument' | 'not-found' | 'unauthorized' | 'failed';
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorShape['code'],
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiError';
  }
}

/** Validate a call's argument; throws ApiError('invalid-argument') naming the method. */
export function parseApiArg<K extends ApiMethod>(method: K, arg: unknown): z.output<(typeof apiArgs)[K]> {
  const schema = apiArgs[method];
  const r = schema.safeParse(arg ?? {});
  if (!r.success) {
    const detail = r.error.issues.map((i) => `${i.path.join('.') || '(argument)'}: ${i.message}`).join('; ');
    throw new ApiError('invalid-argument', `${method}: ${detail}`);
  }
  return r.data as z.output<(typeof apiArgs)[K]>;
}

/** Push messages from the engine host to the window (desktop only). */
export interface ApiPush {
  /** a notification was clicked: show this pair */
  openPair: { pairId: number };
  /** stored data changed (ingest, rescore): refresh what is shown */
  changed: { reason: 'ingest' | 'rescore' | 'allowlist' | 'settings' };
}

export type { Direction, LogSource };
