// Names devices used for addresses (TLS SNI, HTTP Host, DNS answers): they explain conn pairs
// (device → address) and let allow-list rules on names cover them.
import type { Migration } from './index.js';

export const addressNames: Migration = {
  version: 3,
  name: 'address-names',
  sql: `
CREATE TABLE address_names (
  src       TEXT NOT NULL,
  address   TEXT NOT NULL,
  name      TEXT NOT NULL,
  last_seen REAL NOT NULL,
  PRIMARY KEY (src, address, name)
) WITHOUT ROWID;
`,
};
