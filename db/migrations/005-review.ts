// The day-one review (GUIDE §6 "Day one is a review, not a baseline"): what the owner decided about
// each service already present in the first logs, and when the review was done. Decisions are
// kept by the review group's key (a catalogue vendor, a registered domain or a destination), so a
// finding that regroups or a later rescore does not lose them.
import type { Migration } from './index.js';

export const review: Migration = {
  version: 5,
  name: 'review',
  sql: `
CREATE TABLE review_decisions (
  group_key  TEXT PRIMARY KEY,
  decision   TEXT NOT NULL CHECK (decision IN ('accepted', 'watching')),
  rule_ids   TEXT NOT NULL DEFAULT '[]',  -- JSON array of the allow rules an accept added
  decided_at REAL NOT NULL
);

-- one row at most: when the review was finished (all decided, or "finish review")
CREATE TABLE review_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  finished_at REAL
);
`,
};
