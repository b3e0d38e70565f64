// The engine's state as the contract carries it: status, problems, what a rescore covered, the
// followed folder and the scoring windows. Types only; engine/contract/values.ts re-exports them.

import type { IntelHealth } from './intel-values.js';

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
  /**
   * what the Zeek directory holds; null when none is set, it is not followed, or demo data. With
   * several sensors: the first sensor whose folder is readable (each sensor's own in `sensors`)
   */
  logDir: LogDirState | null;
  /** every followed sensor (named Zeek log folder): its folder's state and what it gave */
  sensors?: SensorStatus[];
  /** files that failed for a transient reason (disk full, I/O error, a .gz still written), retried with back-off */
  filesWaiting: number;
  /** what the retention setting removed: events before `removedBefore` (epoch s) are gone; null when nothing was removed */
  retention?: RetentionState;
  /** threat-intel feed health (getStatus only): feeds holding entries, failing ones, the oldest copy */
  intel?: IntelHealth;
  /** what the last rescore scored and what it left out, with the folder's files as they are now; null before one */
  coverage?: Coverage | null;
  /** the coverage in words for the app: said next to every "nothing found"; null before a rescore */
  coverageNote?: CoverageNote | null;
}

/** One sensor as the status shows it: a folder that fails is this sensor's error, not the app's. */
export interface SensorStatus {
  name: string;
  dir: string;
  /** null for demo data */
  logDir: LogDirState | null;
  /** pairs and events stored from this sensor, and its newest event (epoch s; null before any) */
  pairs: number;
  events: number;
  lastEventAt: number | null;
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
