// Rows → NameEvidenceBatch → one commit → the evidence tables: DNS answers (with TTL and CNAME
// chains) apart from SNI/Host claims, resolvers that answered, DHCP servers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from './store.js';
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
