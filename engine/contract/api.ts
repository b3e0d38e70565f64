// THE contract between the UI and the engine. Every call the renderer can make is listed here
// once, with its argument schema (validated by whoever receives the call: Electron main or the
// `serve` HTTP server) and its result type. The renderer imports this file with `import type`
// only; the transports (preload IPC, HTTP) are generated from `API_METHODS`.
import { z } from 'zod';
import type { Direction, LogSource } from './types.js';
import { settingsFieldErrors, settingsSchema } from './settings-schema.js';
import { SETTING_FIELDS, type FieldError } from './settings-fields.js';
import type {
  AllowCategory,
  FindingView,
  EngineStatus,
  Settings,
  LocalNetworkSuggestion,
  AlertSendResult,
  ZeekDirCandidate,
  FindingList,
  DeviceView,
  PairDetail,
  RescoreSummary,
  EventDetails,
  DataTimeline,
  WindowScoring,
  ReviewView,
  IntelStatus,
  IntelFeedResult,
  LongConnections,
} from './values.js';

export type * from './values.js';
export type { FieldError } from './settings-fields.js';

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
/**
 * A scoring window other than the live one: its end (epoch s; null: the latest data, as the
 * hourly rescore) and its length (1 h to 7 days; the UI offers 1 h, 24 h and 7 d).
 */
const timeWindow = z
  .object({
    end: z.number().finite().nullable(),
    lengthS: z
      .number()
      .int()
      .min(3600)
      .max(7 * 86400),
  })
  .strict();
const pairId = z.object({ pairId: z.number().int().positive(), window: timeWindow.optional() }).strict();
/** every field optional; bounds, defaults and the page's words come from one table (settings-fields.ts) */
const settingsPatch = settingsSchema.partial().strict();

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
      /** the page from this place in the sorted list (with `limit`): the UI reads a long list in pages, so one answer stays small */
      offset: z.number().int().min(0).optional(),
      /** findings scored over this window instead of the stored latest scores (waits for scoreWindow) */
      window: timeWindow.optional(),
    })
    .strict(),
  /** `member`: show this pair itself even when it is its finding's anchor (the finding's id shows its strongest member) */
  getPair: pairId.extend({ member: z.boolean().optional() }).strict(),
  dismissPair: z.object({ pairId: z.number().int().positive(), dismissed: z.boolean(), window: timeWindow.optional() }).strict(),
  listDevices: none,
  /** `sensor`: which sensor's device (a device is an address on one sensor); the default sensor when absent */
  setDeviceLabel: z.object({ address: text(64).min(1), label: text(100).nullable(), sensor: text(40).min(1).optional() }).strict(),
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
  /** the newest events of one pair with what Zeek logged (HTTP, TLS, DNS, ports, bytes, uid), read from the logs on disk */
  getEventDetails: z
    .object({
      pairId: z.number().int().positive(),
      limit: z.number().int().min(1).max(200).optional(),
      /** the newest events at or before this time (epoch s; an earlier window's end); default the newest of all */
      until: z.number().finite().optional(),
    })
    .strict(),
  /** the hours that hold stored events (the UI's day picker), the newest event and what retention removed */
  getDataTimeline: none,
  /** scores the pairs with events in a window on demand (kept apart from the stored latest scores); returns at once with its progress */
  scoreWindow: timeWindow,
  /** the day-one review: what the home already did in the first logs, grouped by service */
  getReview: none,
  /** accept (allow-list every finding of the group with one scope) or keep watching (recorded, nothing changes) */
  decideReview: z
    .object({
      groupKey: text(300).min(1),
      decision: z.enum(['accept', 'watch']),
      scope: z.enum(['pair', 'destination', 'domain', 'device']).optional(),
      note: text(500).optional(),
    })
    .strict(),
  /** ends the review (undecided groups stay as they are); `reopen: true` offers it again */
  finishReview: z.object({ reopen: z.boolean().optional() }).strict(),
  /** the threat-intel feeds: entries, age, last error, the schedule and the owner's folder */
  getIntelStatus: none,
  /** downloads every enabled feed now (due or not) and re-reads the owner's folder */
  updateIntelNow: none,
  /** a feed file's text (a sensor without internet); format and name as `beaconwatch intel import` */
  importIntel: z
    .object({
      text: z.string().max(50 * 1024 * 1024),
      fileName: text(255).optional(),
      name: text(100).min(1).optional(),
      format: z.enum(['feodo', 'threatfox', 'sslbl-ja3', 'sslbl-cert', 'urlhaus-hosts', 'plain']).optional(),
    })
    .strict(),
  /** the schedule (hours), its off switch, the folder of plain lists, one feed's on/off */
  updateIntelConfig: z
    .object({
      enabled: z.boolean().optional(),
      scheduleHours: z.number().min(1).max(720).optional(),
      customDir: text(4096).nullable().optional(),
      feed: z
        .object({ name: text(300).min(1), enabled: z.boolean() })
        .strict()
        .optional(),
    })
    .strict(),
  /** RITA's long connections: the longest-lived connections and the pairs with the longest summed durations */
  listLongConnections: z
    .object({
      limit: z.number().int().min(1).max(1000).optional(),
      /** inbound and external pairs too (the overview hides them by default) */
      includeInbound: z.boolean().optional(),
    })
    .strict(),
  /**
   * the owner's case about a finding (by any of its pairs; kept under the finding's id): what is
   * given replaces what is stored, the rest stays; never changes a score or what the list hides
   */
  setFindingCase: z
    .object({
      pairId: z.number().int().positive(),
      status: z.enum(['open', 'investigating', 'resolved']).optional(),
      tags: z
        .array(
          z
            .string()
            .trim()
            .min(1)
            .max(40)
            .regex(/^[^\s,:]+$/, 'a tag is one word (no spaces, commas or colons)'),
        )
        .max(20)
        .optional(),
      note: text(4000).optional(),
      window: timeWindow.optional(),
    })
    .strict(),
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
  getEventDetails: EventDetails;
  getDataTimeline: DataTimeline;
  scoreWindow: WindowScoring;
  getReview: ReviewView;
  decideReview: ReviewView;
  finishReview: ReviewView;
  getIntelStatus: IntelStatus;
  updateIntelNow: { results: IntelFeedResult[]; status: IntelStatus };
  importIntel: { result: IntelFeedResult; status: IntelStatus };
  updateIntelConfig: IntelStatus;
  listLongConnections: LongConnections;
  setFindingCase: FindingView;
}

/** The API as the renderer sees it: one async function per call. */
export type BeaconwatchApi = { [K in ApiMethod]: (arg: ApiArg<K>) => Promise<ApiResults[K]> };

export const API_METHODS = Object.keys(apiArgs) as ApiMethod[];

/** Errors cross the transports as this shape; clients rebuild an `ApiError`. */
export interface ApiErrorShape {
  code: 'invalid-argument' | 'not-found' | 'unauthorized' | 'failed';
  message: string;
  /** a refused settings value: each field's problem in the page's words, for the page to show beside the field */
  fields?: FieldError[];
}

export class ApiError extends Error {
  /** see ApiErrorShape.fields */
  readonly fields: FieldError[] | undefined;
  constructor(
    readonly code: ApiErrorShape['code'],
    message: string,
    options?: { cause?: unknown; fields?: FieldError[] },
  ) {
    super(message, options);
    this.name = 'ApiError';
    this.fields = options?.fields;
  }
}

/** A refused settings value: the message joins the fields' words ("Rescore every: at least 1 minute; …"). */
export function settingsError(fields: FieldError[]): ApiError {
  return new ApiError('invalid-argument', fields.map((f) => f.message).join('; '), { fields });
}

/** Validate a call's argument; throws ApiError('invalid-argument') naming the method. */
export function parseApiArg<K extends ApiMethod>(method: K, arg: unknown): z.output<(typeof apiArgs)[K]> {
  const schema = apiArgs[method];
  const r = schema.safeParse(arg ?? {});
  if (!r.success) {
    // settings are refused in the page's words, field by field (the CLI and serve say the same)
    if (method === 'updateSettings') throw settingsError(settingsFieldErrors(SETTING_FIELDS, r.error.issues));
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
  changed: { reason: 'ingest' | 'rescore' | 'allowlist' | 'settings' | 'intel' };
}

export type { Direction, LogSource };
