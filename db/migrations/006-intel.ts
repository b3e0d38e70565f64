// Threat-intel feeds (GUIDE §6 "Threat intelligence only raises"): each feed's last good copy
// with what the next conditional request needs (ETag, Last-Modified), and the last failure kept
// beside it, never over it: a failed or garbage fetch leaves the stored entries as they were.
// Entries are one JSON array per feed (read whole to build the match index; a feed is replaced
// whole too, so rows per entry would buy nothing but write cost).
import type { Migration } from './index.js';

export const intel: Migration = {
  version: 6,
  name: 'intel',
  sql: `
CREATE TABLE intel_feeds (
  name          TEXT PRIMARY KEY,
  format        TEXT NOT NULL,
  source        TEXT,                         -- URL, file path, or null (imported text)
  builtin       INTEGER NOT NULL DEFAULT 0,
  enabled       INTEGER NOT NULL DEFAULT 1,
  entries       TEXT,                         -- JSON array of the last good copy; null: none yet
  entry_count   INTEGER NOT NULL DEFAULT 0,
  content_bytes INTEGER,                      -- size of the last good copy's download
  fetched_at    REAL,                         -- when the last good copy arrived (epoch s)
  checked_at    REAL,                         -- when it was last confirmed current (a 304 too)
  etag          TEXT,
  last_modified TEXT,
  last_error    TEXT,
  last_error_at REAL
);

-- one row: the schedule (default daily), the off switch, the folder of the owner's plain lists
CREATE TABLE intel_config (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  enabled        INTEGER NOT NULL DEFAULT 1,
  schedule_hours REAL NOT NULL DEFAULT 24,
  custom_dir     TEXT
);
`,
};
