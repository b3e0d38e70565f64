// Domain types shared by every part of the engine. Pure types: no runtime code, so the
// renderer, the db layer and native-model can import them without pulling anything in.

/** The Zeek logs that produce pairs. */
export type LogSource = 'conn' | 'dns' | 'http' | 'ssl';

/**
 * dns pairs are split by outcome, plus one pair per registered domain:
 * - `resolved`: rcode NOERROR with an answer
 * - `failed`: NXDOMAIN, SERVFAIL, … or no answer
 * - `domain`: (source → registered domain) so random-subdomain C2 / DNS tunnels form one series
 * Other sources have no variant (null).
 */
export type PairVariant = 'resolved' | 'failed' | 'domain';

/**
 * Direction of a pair relative to the owner's network.
 * `external` is neither side local (a sensor on a transit link, or local networks unset).
 */
export type Direction = 'outbound' | 'inbound' | 'local' | 'external';

/** Identity of a pair. `dst` is an address or a lower-cased name without trailing dot. */
export interface PairKey {
  source: LogSource;
  src: string;
  dst: string;
  variant: PairVariant | null;
}

/** One observation of a pair, as extracted from one log record. */
export interface PairEvent extends PairKey {
  direction: Direction;
  /** epoch seconds, sub-second precision kept */
  ts: number;
  /** bytes exchanged (orig+resp) where the log has them, else 0 */
  bytes: number;
  /** responder port and transport (conn/http/ssl); lets allow-list rules match e.g. udp/123 */
  port: number | null;
  proto: string | null;
  /** Zeek's `service` for conn (e.g. "ntp", "dns"), else null */
  service: string | null;
  /** what the row says beyond time and size, kept per pair (db/trait-store.ts); absent: nothing */
  traits?: EventTraits;
}

/** What one conn/http/ssl row tells about its pair beyond time and total bytes (RITA's modifiers). */
export interface EventTraits {
  /** bytes the originator sent (conn orig_bytes, http request_body_len) */
  sent: number;
  /** bytes it received (conn resp_bytes, http response_body_len) */
  received: number;
  /** conn.log `duration` in seconds; null when unset or not a conn row */
  duration: number | null;
  /** HTTP User-Agent; TLS client fingerprints (ssl.log ja3/ja4 where the sensor logs them) */
  userAgent?: string | null;
  ja3?: string | null;
  ja4?: string | null;
  /** an HTTP answer whose MIME type does not fit the URI asked for, e.g. "/logo.png → application/x-dosexec" */
  mimeMismatch?: string | null;
}

/**
 * A name a device used for an address: TLS SNI or HTTP Host with the responder address, or a
 * DNS answer. Lets a conn pair (device → address) be explained and allow-listed by name.
 */
export interface AddressName {
  src: string;
  address: string;
  name: string;
  ts: number;
}

/** A device name learned from dhcp.log. */
export interface DhcpLease {
  address: string;
  hostName: string | null;
  mac: string | null;
  ts: number;
  /** the DHCP server that answered (dhcp.log server_addr), when known */
  server?: string | null;
}

/** Statistics of a pair's activity series over the scoring window. */
export interface SeriesStats {
  events: number;
  activities: number;
  /** median interval between activities, seconds (null below 2 activities) */
  periodS: number | null;
  /** median absolute deviation of the intervals, seconds */
  spreadS: number | null;
  /** spread relative to period (MAD / median), 0 = perfectly regular */
  jitterRatio: number | null;
  /**
   * the range most intervals fall in: their 10th and 90th percentiles, seconds (null below 2
   * activities; absent in stats stored before they existed). Said in words by engine/describe.ts.
   */
  intervalP10S?: number | null;
  intervalP90S?: number | null;
  /** fraction of the window between the first and last activity */
  coverage: number;
  /** median bytes (both ways) of one activity in the window: the typical check-in's size (absent in stats stored before it was kept) */
  bytesP50?: number | null;
  firstSeen: number;
  lastSeen: number;
}

/** What one scorer says about one pair. `score` is in [0, 1]. */
export interface ScorerOutput {
  score: number;
  /** named values the scorer wants shown, e.g. {beacon: 0.97, jitter: 0.12} or RITA's parts */
  values: Record<string, number>;
}

/** The time series a scorer sees: activities (events grouped within the gap) over the window. */
export interface ActivitySeries {
  /** activity start times, epoch seconds, ascending */
  times: Float64Array;
  /** total bytes per activity, aligned with times */
  bytes: Float64Array;
  /** events per activity (several connections per check-in) */
  counts: Uint32Array;
  windowStart: number;
  windowEnd: number;
}

/** Scorers sit behind one interface: the statistical baseline, the CNN, or any later one. */
export interface Scorer {
  readonly name: string;
  scoreBatch(series: readonly ActivitySeries[]): Promise<ScorerOutput[]>;
}

/** A scored pair, as the CLI's `scan --json` and the UI show it. */
export interface Finding extends PairKey {
  pairId: number;
  /** the sensor (named Zeek log folder) that saw it; 'sensor' for a single folder */
  sensor: string;
  direction: Direction;
  stats: SeriesStats;
  /** final combined score in [0, 1] */
  score: number;
  /** each scorer's own score, by scorer name, plus their named values flattened as `name.value` */
  scores: Record<string, number>;
  scoredAt: number;
  /** dominant responder port/proto/service, when known (conn/http/ssl) */
  port: number | null;
  proto: string | null;
  service: string | null;
}

/** pair ids by source+variant, then src, then dst: lookups without building a key string (the ingest's and the store's caches) */
export type PairIdMap = Map<string, Map<string, Map<string, number>>>;

/**
 * The CNN classifier: what native-model/'s loaders return (classifier.ts, classifier-thread.ts,
 * checked there with `satisfies`) and what engine/score/cnn-scorer.ts adapts into a Scorer. One
 * interface for both rooms, so neither can drift from the other unseen.
 */
export interface BeaconClassifier {
  readonly backend: 'tensorflow' | 'wasm' | 'cpu';
  /** one entry per series: activity start times in epoch seconds, ascending (already grouped: events <1 s apart are one activity). Fewer than 4 times → {beacon: 0, jitter: 0}. */
  classify(series: readonly Float64Array[]): Promise<{ beacon: number; jitter: number }[]>;
  dispose(): void;
}
