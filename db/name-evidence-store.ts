// Read side of the name evidence (migration 004): DNS answers, SNI/Host claims, the addresses
// that answered each device's DNS, DHCP servers. Structurally a NameEvidence for
// engine/trust/name-backing.ts, which decides what the rows mean.
import type { SqliteDatabase } from './open.js';
// the rows are the engine's own evidence types: one shape, written once
import type { DnsAnswer, NameClaim, ResolverSeen } from '../engine/trust/name-backing.js';

const ANSWER = 'name, address, first_seen AS firstSeen, last_seen AS lastSeen, ttl';
const CLAIM = 'src, address, name, how, first_seen AS firstSeen, last_seen AS lastSeen';
/** the most claims one device's address lists (claimsForAddress, claimsByKey) */
const CLAIMS_PER_ADDRESS = 200;

export class NameEvidenceStore {
  private readonly byAddress;
  private readonly byName;
  private readonly under;
  private readonly claimsByName;
  private readonly claimsByAddress;
  private readonly allClaims;
  private readonly resolvers;
  private readonly dhcp;

  constructor(private readonly db: SqliteDatabase) {
    this.byAddress = db.prepare(
      `SELECT ${ANSWER} FROM dns_answers INDEXED BY dns_answers_by_address WHERE address = ? ORDER BY first_seen LIMIT 200`,
    );
    this.byName = db.prepare(`SELECT ${ANSWER} FROM dns_answers WHERE name = ? ORDER BY first_seen LIMIT 500`);
    // a suffix match scans the table; it runs only for registered-domain dns pairs
    this.under = db.prepare(`SELECT 1 FROM dns_answers WHERE name = ? OR name LIKE ? ESCAPE '\\' LIMIT 1`).pluck();
    this.claimsByName = db.prepare(`SELECT ${CLAIM} FROM name_claims WHERE src = ? AND name = ? LIMIT 500`);
    // without statistics the planner prefers the (src, …) primary key and scans all of a
    // device's claims: 2.5 ms instead of 2 µs a pair at 20,000 claims
    this.claimsByAddress = db.prepare(
      `SELECT ${CLAIM} FROM name_claims INDEXED BY name_claims_by_address WHERE src = ? AND address = ? LIMIT ${CLAIMS_PER_ADDRESS}`,
    );
    // the index's order, as each (src, address) range above is read: the key, then the primary
    // key's other columns (name, how) that a WITHOUT ROWID table's index carries
    this.allClaims = db.prepare(`SELECT ${CLAIM} FROM name_claims INDEXED BY name_claims_by_address ORDER BY src, address, name, how`);
    this.resolvers = db.prepare('SELECT src, server, first_seen AS firstSeen, last_seen AS lastSeen, responses FROM dns_resolvers WHERE src = ?');
    this.dhcp = db.prepare('SELECT server FROM dhcp_servers').pluck();
  }

  /** DNS answers (any device's lookup) that gave this address. */
  answersForAddress(address: string): DnsAnswer[] {
    return this.byAddress.all(address) as DnsAnswer[];
  }

  /** DNS answers for this exact name. */
  answersForName(name: string): DnsAnswer[] {
    return this.byName.all(name) as DnsAnswer[];
  }

  /** True when some DNS answer was for this name or a name below it. */
  answeredUnder(domain: string): boolean {
    const pattern = `%.${domain.replace(/[\\%_]/g, (c) => `\\${c}`)}`;
    return this.under.get(domain, pattern) !== undefined;
  }

  /** SNI/Host claims of this device for this name (each with the address it went to). */
  claimsForName(src: string, name: string): NameClaim[] {
    return this.claimsByName.all(src, name) as NameClaim[];
  }

  /** SNI/Host claims of this device sent to this address. */
  claimsForAddress(src: string, address: string): NameClaim[] {
    return this.claimsByAddress.all(src, address) as NameClaim[];
  }

  /**
   * Every (device, address)'s claims, keyed `src + "\0" + address`, each list as claimsForAddress
   * gives it (same order, same limit). One read of the table instead of a query per address: a
   * listing of thousands of pairs asks about thousands of (device, address), and on a server's
   * logs nearly every device is a different scanner, so reading per device would not save queries.
   */
  claimsByKey(): Map<string, NameClaim[]> {
    const out = new Map<string, NameClaim[]>();
    for (const c of this.allClaims.all() as NameClaim[]) {
      const key = `${c.src}\u0000${c.address}`;
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      if (list.length < CLAIMS_PER_ADDRESS) list.push(c);
    }
    return out;
  }

  /** Addresses that answered this device's DNS queries. */
  resolversOf(src: string): ResolverSeen[] {
    return this.resolvers.all(src) as ResolverSeen[];
  }

  /** Every address some DNS answer gave: a listing that asks about many addresses skips the rest. */
  answeredAddresses(): Set<string> {
    return new Set(this.db.prepare('SELECT DISTINCT address FROM dns_answers INDEXED BY dns_answers_by_address').pluck().all() as string[]);
  }

  /** Every (device, address) with an SNI/Host claim, as `src + "\0" + address`. */
  claimedAddresses(): Set<string> {
    const rows = this.db.prepare('SELECT DISTINCT src, address FROM name_claims INDEXED BY name_claims_by_address').raw().all() as [string, string][];
    return new Set(rows.map(([src, address]) => `${src}\u0000${address}`));
  }

  dhcpServers(): string[] {
    return this.dhcp.all() as string[];
  }
}
