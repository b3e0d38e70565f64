// Allow-list: the owner's own rules, and the owner's overrides of built-in catalogue entries
// (the catalogue itself ships with the code, so only enabled/note changes are stored).
import type { Migration } from './index.js';

export const allowlist: Migration = {
  version: 2,
  name: 'allowlist',
  sql: `
CREATE TABLE allow_rules (
  id         TEXT    PRIMARY KEY,          -- 'r-<random>'
  dst        TEXT,                         -- name, *.name, IP or CIDR (normalised)
  src        TEXT,                         -- device IP or CIDR
  source     TEXT,                         -- conn | dns | http | ssl
  proto      TEXT,
  port       INTEGER,
  service    TEXT,
  note       TEXT    NOT NULL DEFAULT '',
  category   TEXT,
  expires_at REAL,
  enabled    INTEGER NOT NULL DEFAULT 1,
  created_at REAL    NOT NULL,
  updated_at REAL    NOT NULL
);

CREATE TABLE allow_builtin_overrides (
  id         TEXT    PRIMARY KEY,          -- catalogue entry id, e.g. 'ntp-pool'
  enabled    INTEGER NOT NULL,
  note       TEXT,
  updated_at REAL    NOT NULL
);
`,
};
