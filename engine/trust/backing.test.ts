// Names nobody can borrow (issue 8, item 4): an SNI/Host is a claim, a DNS answer is evidence;
// NTP is Zeek's protocol plus a backed server name, never udp/123; local infrastructure comes
// from what the logs show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../../db/open.js';
import { AllowRuleStore } from '../../db/allowlist-store.js';
import { Allowlist } from '../allowlist/allowlist.js';
import { infrastructureRole, memoryEvidence, nameBacking, type BackingPair, type EvidenceRows } from './index.js';

const NOW = 1_800_000_000;
const T0 = 1_700_000_000;
const DAY = { firstSeen: T0, lastSeen: T0 + 86_400 };
const C2 = '203.0.113.9';
const PHONE = '192.168.1.20';

const list = () => new Allowlist(new AllowRuleStore(openDatabase(':memory:')));
const tls = (sni: string): BackingPair => ({ source: 'ssl', variant: null, src: PHONE, dst: sni, port: 443, proto: 'tcp', service: 'ssl', ...DAY });
const conn = (dst: string, proto: string, port: number, service: string | null): BackingPair => ({
  source: 'conn',
  variant: null,
  src: PHONE,
  dst,
  port,
  proto,
  service,
  ...DAY,
});
const claim = (name: string, address = C2) => ({ src: PHONE, address, name, how: 'sni' as const, ...DAY });
const answer = (name: string, address: string, at = T0 - 30, ttl = 300) => ({ name, address, firstSeen: at, lastSeen: at, ttl });
const known = (pair: BackingPair, rows: EvidenceRows) => list().matchBacked(pair, nameBacking(pair, memoryEvidence(rows)), NOW);

test('a TLS SNI sent to an address no DNS answer gave is not known, and says so', () => {
  const rows = { claims: [claim('beacon.nest.com')] };
  // the rule alone would accept the claim: that was the hole
  assert.equal(list().match(tls('beacon.nest.com'), NOW)?.ruleId, 'nest');
  assert.equal(known(tls('beacon.nest.com'), rows), null);
  const b = nameBacking(tls('beacon.nest.com'), memoryEvidence(rows));
  assert.equal(b.dstBacked, false);
  assert.deepEqual(b.suspicions, [`SNI beacon.nest.com was never resolved to ${C2}`]);
  // nor does the claim make the connection to the bare address known
  assert.equal(known(conn(C2, 'tcp', 443, 'ssl'), rows), null);
  assert.deepEqual(nameBacking(conn(C2, 'tcp', 443, 'ssl'), memoryEvidence(rows)).suspicions, [`SNI beacon.nest.com was never resolved to ${C2}`]);
});

test('the same SNI after a DNS answer gave its domain that address is known', () => {
  const rows = { claims: [claim('beacon.nest.com')], answers: [answer('nest.com', C2)] };
  assert.equal(known(tls('beacon.nest.com'), rows)?.ruleId, 'nest');
  assert.deepEqual(nameBacking(tls('beacon.nest.com'), memoryEvidence(rows)).suspicions, []);
  assert.equal(known(conn(C2, 'tcp', 443, 'ssl'), rows)?.ruleId, 'nest');
  assert.deepEqual(nameBacking(conn(C2, 'tcp', 443, 'ssl'), memoryEvidence(rows)).suspicions, []);
  // an exact answer for the SNI itself backs it too
  const exact = { claims: [claim('beacon.nest.com')], answers: [answer('beacon.nest.com', C2)] };
  assert.equal(nameBacking(tls('beacon.nest.com'), memoryEvidence(exact)).dstBacked, true);
  // an answer seen only after all the traffic backs nothing, and the wording says so
  const late = { claims: [claim('beacon.nest.com')], answers: [answer('beacon.nest.com', C2, T0 + 90_000)] };
  assert.equal(known(tls('beacon.nest.com'), late), null);
  assert.match(nameBacking(tls('beacon.nest.com'), memoryEvidence(late)).suspicions[0]!, /before any DNS answer/);
  // one unbacked address among backed ones is enough to refuse the name
  const mixed = { claims: [claim('beacon.nest.com'), claim('beacon.nest.com', '198.51.100.1')], answers: [answer('nest.com', '198.51.100.1')] };
  assert.equal(known(tls('beacon.nest.com'), mixed), null);
});

test('a DNS answer for another domain does not back a vendor SNI', () => {
  const rows = { claims: [claim('beacon.nest.com')], answers: [answer('c2.attacker.example', C2)] };
  assert.equal(known(tls('beacon.nest.com'), rows), null);
  assert.deepEqual(nameBacking(tls('beacon.nest.com'), memoryEvidence(rows)).suspicions, [`SNI beacon.nest.com was never resolved to ${C2}`]);
});

test('udp/123 is not NTP by port; NTP by protocol still wants a server name from DNS', () => {
  assert.equal(known(conn(C2, 'udp', 123, null), {}), null, 'udp/123 to a random address');
  assert.equal(known(conn(C2, 'udp', 123, 'ntp'), {}), null, 'service ntp but no DNS answer for the address');
  const pool = { answers: [answer('2.pool.ntp.org', '198.51.100.123')] };
  const m = known(conn('198.51.100.123', 'udp', 123, 'ntp'), pool);
  assert.ok(m && m.category === 'time-sync', JSON.stringify(m));
  // the DNS lookups themselves: covered when they resolved, not when they failed
  const lookup = (variant: 'resolved' | 'failed'): BackingPair => ({ ...conn('time.apple.com', 'udp', 53, 'dns'), source: 'dns', variant });
  assert.equal(known(lookup('resolved'), {})?.ruleId, 'ntp-apple');
  assert.equal(known(lookup('failed'), {}), null);
});

test('address and device rules still match directly', () => {
  const l = list();
  const r = l.add({ dst: '203.0.113.0/24' }, NOW);
  const p = conn(C2, 'tcp', 443, null);
  assert.equal(l.matchBacked(p, nameBacking(p, memoryEvidence({})), NOW)?.ruleId, r.id);
});

test('local infrastructure is recognised from the logs, not from the port', () => {
  const rows = memoryEvidence({
    resolvers: [{ src: PHONE, server: '192.168.1.1', firstSeen: T0, lastSeen: T0 + 100, responses: 40 }],
    dhcpServers: ['192.168.1.1'],
  });
  assert.equal(infrastructureRole(conn('192.168.1.1', 'udp', 53, 'dns'), rows), 'resolver');
  assert.equal(infrastructureRole(conn('198.51.100.53', 'udp', 53, 'dns'), rows), null, 'never answered this device');
  assert.equal(infrastructureRole({ ...conn('192.168.1.1', 'udp', 53, 'dns'), src: '192.168.1.99' }, rows), null, 'another device');
  assert.equal(infrastructureRole(conn('192.168.1.1', 'udp', 67, null), rows), 'dhcp');
  assert.equal(infrastructureRole(conn('255.255.255.255', 'udp', 67, 'dhcp'), rows), 'dhcp');
  assert.equal(infrastructureRole(conn('198.51.100.67', 'udp', 67, null), rows), null);
  assert.equal(infrastructureRole(conn('224.0.0.251', 'udp', 5353, 'dns'), rows), 'mdns');
  assert.equal(infrastructureRole(conn('ff02::fb', 'udp', 5353, null), rows), 'mdns');
  assert.equal(infrastructureRole(conn('239.255.255.250', 'udp', 1900, null), rows), 'ssdp');
  assert.equal(infrastructureRole(conn('239.255.255.250', 'tcp', 443, null), rows), null);
  // NetBIOS announcements to the LAN's broadcast; a public address ending in .255 is a host (abuse: a C2 there stays a C2)
  assert.equal(infrastructureRole(conn('10.0.0.255', 'udp', 138, null), rows), 'netbios');
  assert.equal(infrastructureRole(conn('169.254.255.255', 'udp', 138, null), rows), 'netbios');
  assert.equal(infrastructureRole(conn('255.255.255.255', 'udp', 137, null), rows), 'netbios');
  assert.equal(infrastructureRole(conn('203.0.113.255', 'udp', 138, null), rows), null);
  assert.equal(infrastructureRole(conn('192.168.1.255', 'tcp', 138, null), rows), null);
  assert.equal(infrastructureRole(conn('192.168.1.255', 'udp', 443, null), rows), null);
  assert.equal(infrastructureRole(conn('192.168.1.25', 'udp', 138, null), rows), null, 'a host, not the broadcast');
});

test("the owner's one-click pair rule covers that very SNI; a broader own name rule wants backing", () => {
  const l = list();
  const p = tls('beacon.nest.com');
  const b = nameBacking(p, memoryEvidence({ claims: [claim('beacon.nest.com')] }));
  const wide = l.add({ dst: '*.nest.com', note: 'my thermostat' }, NOW);
  assert.equal(l.matchBacked(p, b, NOW), null, `${wide.id} must not cover a claim`);
  const pair = l.add({ src: PHONE, dst: 'beacon.nest.com', source: 'ssl' }, NOW);
  assert.equal(l.matchBacked(p, b, NOW)?.ruleId, pair.id);
  assert.equal(l.matchBacked({ ...p, src: '192.168.1.99' }, b, NOW), null, 'another device');
});
