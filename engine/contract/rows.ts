// The rows the stores hand the engine: a pair as stored, with its latest score, its raw series,
// a device. They are the contract between db/ (which fills them) and the engine's pipeline
// (score/, findings/, service/), so neither side's types point into the other's folder.
import type { Direction, LogSource, PairVariant, SeriesStats } from './types.js';

export interface PairRow {
  id: number;
  /** the sensor (named Zeek log folder) that saw it: part of the pair's identity */
  sensor: string;
  source: LogSource;
  variant: PairVariant | null;
  src: string;
  dst: string;
  direction: Direction;
  port: number | null;
  proto: string | null;
  service: string | null;
  firstSeen: number;
  lastSeen: number;
  eventCount: number;
  dismissed: boolean;
  notifiedAt: number | null;
}

/** A pair with its latest score (null when it was never scored). */
export interface ScoredPairRow extends PairRow {
  score: number | null;
  scores: Record<string, number> | null;
  stats: SeriesStats | null;
  scoredAt: number | null;
}

export interface EventSeries {
  ts: Float64Array;
  bytes: Float64Array;
}

export interface DeviceRow {
  /** a device is known per sensor (two sites may reuse 192.168.1.x) */
  sensor: string;
  address: string;
  hostName: string | null;
  mac: string | null;
  label: string | null;
  seenAt: number | null;
}
