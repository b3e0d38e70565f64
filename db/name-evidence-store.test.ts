// Rows → NameEvidenceBatch → one commit → the evidence tables: DNS answers (with TTL and CNAME
// chains) apart from SNI/Host claims, resolvers that answered, DHCP servers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from './store.js';
import { openDatabase } from './open.js';
import { NameEvidenceStore } from './name-evidence-store.js';
import { EventBatch } from '../engine/ingest/event-batch.js';
import { PairExtractor } from '../engine/pairs/extract.js';
import { LocalNetworks } from '../engine/pairs/local-networks.js';
import type { DhcpLease, PairEvent } from '../engine/contract/types.js';

test('DNS answers, SNI/Host claims, resolvers and DHCP servers are stored apart', () => {
  const store = Store.open(join(mkdtempSync(join(tmpdir(), 'bw-ev-')), 'x.sqlite'));
  const ex = new PairExtractor(new LocalNetworks());
  const batch = new EventBatch(store.ingest);
  const out: PairEvent[] = [];
  // a CNAME chain: the query and its alias both map to the address, with the address's TTL
  ex.extract(
    'dns',
    ['5', '192.168.1.30', '192.168.1.1', 'Time.Apple.com', 'NOERROR', '0', null, null, 'time.g.aaplimg.com,17.253.34.125', '3600.000000,45.000000'],
    out,
    batch.names,
  );
  ex.extract('dns', ['9', '192.168.1.40', '192.168.1.1', 'time.apple.com', 'NOERROR', '0', null, null, '17.253.34.125', '120.0'], out, batch.names);
  // a failed lookup with no response at all names no resolver
  ex.extract('dns', ['11', '192.168.1.30', '198.51.100.53', 'x.example', null, null, null, null, null, null], out, batch.names);
  ex.extract('ssl', ['20', '192.168.1.30', '203.0.113.9', '443', 'beacon.nest.com', null, null], out, batch.names);
  ex.extract('ssl', ['30', '192.168.1.30', '203.0.113.9', '443', 'beacon.nest.com', null, null], out, batch.names);
  ex.extract('http', ['25', '192.168.1.30', '198.51.100.80', '80', 'updates.example.org', '0', '0', null, null], out, batch.names);
  batch.add(out);
  const leases: DhcpLease[] = [];
  for (const row of [
    ['40', '192.168.1.30', null, null, 'thermostat', null, 'aa:bb:cc:dd:ee:ff', '192.168.1.1', null],
    ['41', null, '192.168.33.10', null, null, null, '00:20:18:eb:ca:21', null, '192.168.33.1'], // the old layout
  ]) {
    const l = ex.lease(row);
    if (l) leases.push(l);
  }
  store.ingest.commitBatch(batch, { fingerprint: 'f', kind: 'dns', path: 'dns.log', offset: 1, lines: 1, events: 1, complete: false }, leases);

  const ev = store.evidence;
  assert.deepEqual(
    ev
      .answersForAddress('17.253.34.125')
      .map((a) => [a.name, a.firstSeen, a.lastSeen, a.ttl])
      .sort(),
    [
      ['time.apple.com', 5, 9, 120],
      ['time.g.aaplimg.com', 5, 5, 45],
    ].sort() as unknown,
  );
  assert.equal(ev.answersForName('time.apple.com')[0]!.ttl, 120, 'the longest TTL of the address');
  assert.equal(ev.answeredUnder('apple.com'), true);
  assert.equal(ev.answeredUnder('pple.com'), false);
  assert.deepEqual(ev.answersForAddress('203.0.113.9'), [], 'an SNI is no answer');
  assert.deepEqual(
    ev.claimsForName('192.168.1.30', 'beacon.nest.com').map((c) => [c.address, c.how, c.firstSeen, c.lastSeen]),
    [['203.0.113.9', 'sni', 20, 30]],
  );
  assert.deepEqual(
    ev.claimsForAddress('192.168.1.30', '198.51.100.80').map((c) => [c.name, c.how]),
    [['updates.example.org', 'host']],
  );
  assert.deepEqual(
    ev.resolversOf('192.168.1.30').map((r) => [r.server, r.responses]),
    [['192.168.1.1', 1]],
  );
  assert.deepEqual(ev.dhcpServers().sort(), ['192.168.1.1', '192.168.33.1']);
  // the legacy names of a conn pair (dstNames) are still kept
  assert.deepEqual(store.pairs.namesFor('192.168.1.30', '203.0.113.9'), ['beacon.nest.com']);
  assert.equal(store.devices.list().find((d) => d.address === '192.168.1.30')?.hostName, 'thermostat');
  store.close();
});

test('claimsByKey reads every claim at once, each list as claimsForAddress gives it (order and LIMIT 200)', () => {
  const db = openDatabase(':memory:');
  const ev = new NameEvidenceStore(db);
  const put = db.prepare('INSERT INTO name_claims (src, address, name, how, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)');
  // shuffled inserts; one (device, address) with more than 200 claims, names in both hows
  const rows: [string, string, string, string, number, number][] = [];
  for (let i = 0; i < 260; i++) rows.push(['10.0.0.2', '203.0.113.9', `n${(i * 7919) % 1000}.example`, i % 3 ? 'sni' : 'host', i, 1000 - i]);
  for (let i = 0; i < 40; i++) rows.push([`10.0.0.${3 + (i % 4)}`, `198.51.100.${i % 5}`, `z${i}.example`, 'sni', i, i]);
  rows.push(['10.0.0.2', '198.51.100.7', 'a.example', 'host', 1, 2], ['10.0.0.2', '198.51.100.7', 'a.example', 'sni', 3, 4]);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = (i * 48271) % (i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  for (const r of rows) put.run(...r);
  const all = ev.claimsByKey();
  const keys = new Set(rows.map(([src, address]) => `${src}\u0000${address}`));
  assert.deepEqual(new Set(all.keys()), keys);
  for (const key of keys) {
    const [src, address] = key.split('\u0000') as [string, string];
    assert.deepEqual(all.get(key), ev.claimsForAddress(src, address), key);
  }
  assert.equal(all.get('10.0.0.2\u0000203.0.113.9')!.length, 200);
  db.close();
});
