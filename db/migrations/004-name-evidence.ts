// What devices were TOLD about names (DNS answers) kept apart from what they CLAIMED (TLS SNI,
// HTTP Host): a client chooses its SNI/Host, so only a DNS answer can vouch that a name belongs
// to an address (engine/trust/name-backing.ts). Plus the local services the logs show: which
// address answered each device's DNS, and which address served DHCP.
import type { Migration } from './index.js';

export const nameEvidence: Migration = {
  version: 4,
  name: 'name-evidence',
  sql: `
-- A DNS answer seen in the home (any device's lookup): the query name, and every name of its
-- CNAME chain, mapped to each address of the answer.
CREATE TABLE dns_answers (
  name       TEXT NOT NULL,
  address    TEXT NOT NULL,
  first_seen REAL NOT NULL,
  last_seen  REAL NOT NULL,
  ttl        REAL,                 -- longest TTL seen for this name and address, seconds
  PRIMARY KEY (name, address)
) WITHOUT ROWID;
CREATE INDEX dns_answers_by_address ON dns_answers (address);

-- A name a device sent to an address: TLS SNI ('sni') or HTTP Host ('host').
CREATE TABLE name_claims (
  src        TEXT NOT NULL,
  address    TEXT NOT NULL,
  name       TEXT NOT NULL,
  how        TEXT NOT NULL,
  first_seen REAL NOT NULL,
  last_seen  REAL NOT NULL,
  PRIMARY KEY (src, name, address, how)
) WITHOUT ROWID;
CREATE INDEX name_claims_by_address ON name_claims (src, address);

-- The addresses that answered a device's DNS queries (dns.log rows with a response).
CREATE TABLE dns_resolvers (
  src        TEXT NOT NULL,
  server     TEXT NOT NULL,
  first_seen REAL NOT NULL,
  last_seen  REAL NOT NULL,
  responses  INTEGER NOT NULL,
  PRIMARY KEY (src, server)
) WITHOUT ROWID;

-- DHCP servers seen in dhcp.log (server_addr, or the responder of the old layout).
CREATE TABLE dhcp_servers (
  server     TEXT PRIMARY KEY,
  first_seen REAL NOT NULL,
  last_seen  REAL NOT NULL
);
`,
};
