// The owner's case notes per finding (issue 23): a status beyond allow/dismiss (open,
// investigating, resolved), free tags and a note. Kept by the finding's id (its anchor pair's id,
// stable as the behaviour gains members), so a regrouping or a rescore keeps them. Numbered 8:
// 6 and 7 are taken by work merged beside this one; it depends on neither.
import type { Migration } from './index.js';

export const findingCases: Migration = {
  version: 8,
  name: 'finding-cases',
  sql: `
CREATE TABLE finding_cases (
  finding_id INTEGER PRIMARY KEY,
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'investigating', 'resolved')),
  tags       TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings, in the owner's order
  note       TEXT NOT NULL DEFAULT '',
  updated_at REAL NOT NULL
);
`,
};
