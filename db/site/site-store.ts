// The asynchronous contract of a site's events store: what a sensor appends and what a reader
// asks back, whether the events sit in SQLite on this machine or in a ClickHouse server shared by
// several sensors (db/site/clickhouse-store.ts, engine/site/sqlite-site-store.ts). Types only.
//
// Resuming and the no-double guarantee: a file's events are numbered in read order (an event's
// ordinal = the file's stored `events` before the batch + its index in the batch), and every
// append carries the position after its last event. Appending is idempotent per ordinal: an
// event whose (sensor, file, ordinal) is already stored is not stored again, so a batch re-sent
// after a crash (or re-read from an older position) never doubles anything. An append that would
// leave a hole (its first ordinal past what the stored position covers) is refused.
import type { Direction, LogSource, PairEvent, PairVariant } from '../../engine/contract/types.js';

/** Where reading a file got to: a line boundary and the events read from the file before it. */
export interface FilePosition {
  /** the log's content fingerprint (engine/zeek/fingerprint.ts): the same across rotation */
  fingerprint: string;
  /** conn, dns, http, ssl, dhcp */
  kind: string;
  /** where the file was last read from (informative: the fingerprint identifies it) */
  path: string;
  /** uncompressed byte offset read so far */
  offset: number;
  /** events read from the file up to `offset` (the next event's ordinal) */
  events: number;
  /** the file will not grow (an archive, a rotated log) */
  complete: boolean;
}

/** Events of one sensor read from one file, with the file's position after them. */
export interface SiteBatch {
  /** the sensor's name: letters, digits, `.`, `_`, `-` (1 to 64) */
  sensor: string;
  events: readonly PairEvent[];
  position: FilePosition;
}

export interface AppendResult {
  /**
   * events written. ClickHouse cannot tell a re-send of events whose position was never stored
   * (a crash between the two) from new ones: they count here, and its key collapses them.
   */
  stored: number;
  /** events of the batch already stored (a re-sent batch) */
  skipped: number;
}

/** A pair as one sensor saw it. */
export interface SitePair {
  source: LogSource;
  variant: PairVariant | null;
  src: string;
  dst: string;
  direction: Direction;
  events: number;
  firstSeen: number;
  lastSeen: number;
}

export interface SitePairKey {
  sensor: string;
  source: LogSource;
  variant: PairVariant | null;
  src: string;
  dst: string;
}

/** A pair's events, ascending by time; bytes[i] belongs to ts[i]. */
export interface SiteSeries {
  ts: Float64Array;
  bytes: Float64Array;
}

export interface SiteStore {
  /** 'sqlite' or 'clickhouse', for messages and the bench */
  readonly kind: string;
  /** connect and bring the schema up to date (idempotent) */
  open(): Promise<void>;
  append(batch: SiteBatch): Promise<AppendResult>;
  /** the sensor's pairs, ordered by (source, variant, src, dst) */
  listPairs(sensor: string): Promise<SitePair[]>;
  /** a pair's events with from <= ts <= to */
  series(pair: SitePairKey, from: number, to: number): Promise<SiteSeries>;
  /** the sensor's stored file positions (where to resume), ordered by fingerprint */
  positions(sensor: string): Promise<FilePosition[]>;
  /** bytes the store takes on disk */
  sizeBytes(): Promise<number>;
  close(): Promise<void>;
}
