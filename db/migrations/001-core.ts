// Core schema: pairs, their raw events, read positions of log files, scores, settings.
// Migrations are TypeScript string modules (not .sql files) so they ship inside dist/ and the
// Electron asar without a copy step.
import type { Migration } from './index.js';

export const core: Migration = {
  version: 1,
  name: 'core',
  sql: `
CREATE TABLE pairs (
  id          INTEGER PRIMARY KEY,
  source      TEXT    NOT NULL,
  variant     TEXT    NOT NULL DEFAULT '',   -- '' when the source has no variant
  src         TEXT    NOT NULL,
  dst         TEXT    NOT NULL,
  direction   TEXT    NOT NULL,
  port        INTEGER,
  proto       TEXT,
  service     TEXT,
  first_seen  REAL    NOT NULL,
  last_seen   REAL    NOT NULL,
  event_count INTEGER NOT NULL DEFAULT 0,
  dismissed   INTEGER NOT NULL DEFAULT 0,
  notified_at REAL,
  UNIQUE (source, variant, src, dst)
);

-- Raw events, the only large part of the store, kept as chunks: one row per pair and ingest
-- transaction holding that pair's timestamps and byte counts as little-endian float64 arrays
-- (sorted by time). One row per pair per commit instead of one per event makes ingest several
-- times faster and the store about three times smaller; chunks are merged as they accumulate.
CREATE TABLE event_chunks (
  id       INTEGER PRIMARY KEY,
  pair_id  INTEGER NOT NULL,
  first_ts REAL    NOT NULL,
  last_ts  REAL    NOT NULL,
  n        INTEGER NOT NULL,
  ts       BLOB    NOT NULL,
  bytes    BLOB    NOT NULL
);
CREATE INDEX event_chunks_by_pair ON event_chunks (pair_id, last_ts);

-- Read position of every log file, identified by content (fingerprint), not by path, so a live
-- file later rotated and gzipped is recognised and never read twice.
CREATE TABLE log_files (
  fingerprint TEXT    PRIMARY KEY,
  kind        TEXT    NOT NULL,
  path        TEXT    NOT NULL,
  offset      INTEGER NOT NULL,
  lines       INTEGER NOT NULL,
  events      INTEGER NOT NULL,
  complete    INTEGER NOT NULL DEFAULT 0,
  updated_at  REAL    NOT NULL
);

-- Latest score per pair (for listing) and the full history (for the pair view).
CREATE TABLE scores (
  pair_id    INTEGER PRIMARY KEY REFERENCES pairs (id) ON DELETE CASCADE,
  scored_at  REAL    NOT NULL,
  score      REAL    NOT NULL,
  scores     TEXT    NOT NULL,   -- JSON {scorer or value name: number}
  stats      TEXT    NOT NULL    -- JSON SeriesStats
);
CREATE TABLE score_history (
  pair_id   INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  scored_at REAL    NOT NULL,
  score     REAL    NOT NULL,
  scores    TEXT    NOT NULL,
  PRIMARY KEY (pair_id, scored_at)
) WITHOUT ROWID;

CREATE TABLE rescore_runs (
  id          INTEGER PRIMARY KEY,
  started_at  REAL NOT NULL,
  window_end  REAL NOT NULL,
  pairs       INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  scorers     TEXT NOT NULL
);

-- Device names: host_name/mac learned from dhcp.log, label given by the owner.
CREATE TABLE devices (
  address   TEXT PRIMARY KEY,
  host_name TEXT,
  mac       TEXT,
  label     TEXT,
  seen_at   REAL
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL        -- JSON
);
`,
};
