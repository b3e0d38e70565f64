// Per-pair traits kept at ingest for RITA's modifiers and the long-connections view: bytes each
// way, connection durations (sum and the longest, with its time and bytes), and small sets of
// the signatures a client chose (HTTP user agent, TLS JA3/JA4) plus MIME/URI mismatches. Written
// in the ingest's own transaction (db/trait-store.ts): they resume and survive a crash like the
// events. Totals are over the pair's life (retention trims events, not these).
import type { Migration } from './index.js';

export const pairTraits: Migration = {
  version: 7,
  name: 'pair-traits',
  sql: `
CREATE TABLE pair_traits (
  pair_id          INTEGER PRIMARY KEY REFERENCES pairs (id) ON DELETE CASCADE,
  rows             INTEGER NOT NULL DEFAULT 0,  -- rows that carried traits
  sent             REAL    NOT NULL DEFAULT 0,  -- orig_bytes / request_body_len
  received         REAL    NOT NULL DEFAULT 0,  -- resp_bytes / response_body_len
  durations        INTEGER NOT NULL DEFAULT 0,  -- rows with a conn.log duration
  duration_sum     REAL    NOT NULL DEFAULT 0,
  duration_max     REAL    NOT NULL DEFAULT 0,
  longest_ts       REAL,                        -- start of the longest connection
  longest_bytes    REAL,
  mismatches       INTEGER NOT NULL DEFAULT 0,  -- HTTP answers whose MIME type does not fit the URI
  mismatch_example TEXT
);
CREATE INDEX pair_traits_by_longest ON pair_traits (duration_max) WHERE durations > 0;
CREATE INDEX pair_traits_by_total ON pair_traits (duration_sum) WHERE durations > 0;

-- at most 16 values per pair and kind (engine/ingest/trait-batch.ts MAX_SIGNATURES)
CREATE TABLE pair_signatures (
  pair_id    INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL CHECK (kind IN ('ua', 'ja3', 'ja4')),
  value      TEXT    NOT NULL,
  count      INTEGER NOT NULL,
  first_seen REAL    NOT NULL,
  last_seen  REAL    NOT NULL,
  PRIMARY KEY (pair_id, kind, value)
) WITHOUT ROWID;
CREATE INDEX pair_signatures_by_value ON pair_signatures (kind, value);
`,
};
