// Several sensors (issue 22): a sensor is a named Zeek log folder, and a device is known per
// sensor (two sites may both use 192.168.1.10). The sensor joins the pair's identity and the
// device's key. SQLite cannot change a UNIQUE constraint in place, so pairs and devices are
// rebuilt (SQLite's documented 12-step way: foreign keys off while the table is swapped, so the
// scores, traits and histories that reference pairs(id) keep their rows; ids are kept). Every
// existing row gets the default sensor, 'sensor' (engine/contract/sensors.ts DEFAULT_SENSOR).
// log_files stays keyed by content fingerprint: one file is read once, whichever folder holds it.
import type { Migration } from './index.js';

export const sensors: Migration = {
  version: 9,
  name: 'sensors',
  foreignKeysOff: true,
  sql: `
CREATE TABLE pairs_new (
  id          INTEGER PRIMARY KEY,
  sensor      TEXT    NOT NULL DEFAULT 'sensor',
  source      TEXT    NOT NULL,
  variant     TEXT    NOT NULL DEFAULT '',
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
  UNIQUE (sensor, source, variant, src, dst)
);
INSERT INTO pairs_new (id, source, variant, src, dst, direction, port, proto, service, first_seen, last_seen, event_count, dismissed, notified_at)
  SELECT id, source, variant, src, dst, direction, port, proto, service, first_seen, last_seen, event_count, dismissed, notified_at FROM pairs;
DROP TABLE pairs;
ALTER TABLE pairs_new RENAME TO pairs;

CREATE TABLE devices_new (
  sensor    TEXT NOT NULL DEFAULT 'sensor',
  address   TEXT NOT NULL,
  host_name TEXT,
  mac       TEXT,
  label     TEXT,
  seen_at   REAL,
  PRIMARY KEY (sensor, address)
);
INSERT INTO devices_new (address, host_name, mac, label, seen_at) SELECT address, host_name, mac, label, seen_at FROM devices;
DROP TABLE devices;
ALTER TABLE devices_new RENAME TO devices;

-- which sensor's folder a log file was read from (the finding page re-reads a pair's files)
ALTER TABLE log_files ADD COLUMN sensor TEXT NOT NULL DEFAULT 'sensor';
`,
};
