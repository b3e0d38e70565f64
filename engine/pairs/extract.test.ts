import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PairExtractor } from './extract.js';
import { LocalNetworks } from './local-networks.js';
import type { AddressName, PairEvent } from '../contract/types.js';

const ex = () => new PairExtractor(new LocalNetworks());

test('conn: address pair with bytes, port, first service and direction', () => {
  const out: PairEvent[] = [];
  assert.ok(ex().extract('conn', ['1700000000.25', '192.168.1.5', '8.8.8.8', '53', 'udp', 'dns,ntp', '40', '120', null, null, '0.75'], out));
  assert.deepEqual(out[0], {
    source: 'conn',
    src: '192.168.1.5',
    dst: '8.8.8.8',
    variant: null,
    direction: 'outbound',
    ts: 1700000000.25,
    bytes: 160,
    port: 53,
    proto: 'udp',
    service: 'dns',
    // sent and received apart, and the connection's duration (the pair's traits)
    traits: { sent: 40, received: 120, duration: 0.75 },
  });
});

test('http and ssl rows carry the user agent, a MIME/URI mismatch and JA3/JA4 as traits', () => {
  const out: PairEvent[] = [];
  const e = ex();
  e.extract(
    'http',
    ['1', '10.0.0.2', '203.0.113.4', '80', 'cdn.example', '12', '70000', null, null, 'Kx/1.0', '/logo.png', 'application/x-dosexec', '200'],
    out,
  );
  assert.deepEqual(out[0]!.traits, {
    sent: 12,
    received: 70000,
    duration: null,
    userAgent: 'Kx/1.0',
    mimeMismatch: '/logo.png → application/x-dosexec',
  });
  e.extract('ssl', ['2', '10.0.0.2', '203.0.113.4', '443', 'cdn.example', null, null, 'abc123', null], out);
  assert.deepEqual(out[1]!.traits, { sent: 0, received: 0, duration: null, ja3: 'abc123', ja4: null });
  // no fingerprint logged: no traits at all
  e.extract('ssl', ['3', '10.0.0.2', '203.0.113.4', '443', 'cdn.example', null, null, null, null], out);
  assert.equal(out[2]!.traits, undefined);
});

test("Zeek's local_orig/local_resp decide, and are learned for logs without them", () => {
  const e = ex();
  const out: PairEvent[] = [];
  e.extract('conn', ['1', '73.54.23.243', '64.225.56.201', '80', 'tcp', 'http', '1', '1', 'F', 'T'], out);
  assert.equal(out[0]!.direction, 'inbound');
  e.extract('http', ['2', '73.54.23.243', '64.225.56.201', '80', null, '0', '0', null, null], out);
  assert.equal(out[1]!.dst, '64.225.56.201', 'empty Host falls back to the responder address');
  assert.equal(out[1]!.direction, 'inbound');
});

test('dns: split by outcome, plus the registered domain; names normalised', () => {
  const out: PairEvent[] = [];
  const e = ex();
  e.extract('dns', ['1', '10.0.0.2', '10.0.0.1', 'WWW.Example.CO.UK.', 'NOERROR', '0', null, null], out);
  e.extract('dns', ['2', '10.0.0.2', '10.0.0.1', 'x7f3.evil.example', 'NXDOMAIN', '3', null, null], out);
  e.extract('dns', ['3', '10.0.0.2', '10.0.0.1', 'nas.local', null, null, null, null], out);
  assert.deepEqual(
    out.map((o) => [o.dst, o.variant, o.direction]),
    [
      ['www.example.co.uk', 'resolved', 'outbound'],
      ['example.co.uk', 'domain', 'outbound'],
      ['x7f3.evil.example', 'failed', 'outbound'],
      ['evil.example', 'domain', 'outbound'],
      ['nas.local', 'failed', 'local'],
    ],
  );
});

test('http through a LAN proxy: the Host (without port) names the destination and it goes out', () => {
  const out: PairEvent[] = [];
  ex().extract('http', ['1', '10.136.0.18', '10.136.0.16', '3128', 'www.honestimnotevil.com:443', '0', '0', null, null], out);
  assert.equal(out[0]!.dst, 'www.honestimnotevil.com');
  assert.equal(out[0]!.direction, 'outbound');
});

test('ssl: SNI, else the responder address; unusable rows are refused', () => {
  const out: PairEvent[] = [];
  const e = ex();
  e.extract('ssl', ['1', '192.168.1.9', '1.2.3.4', '443', null, null, null], out);
  assert.equal(out[0]!.dst, '1.2.3.4');
  assert.equal(e.extract('ssl', [null, '192.168.1.9', '1.2.3.4', '443', 'a.example', null, null], out), false);
  assert.equal(e.extract('conn', ['XXXXXXXXXX.XXXXXX', '192.168.1.9', '1.2.3.4', '443', 'tcp', null, null, null, null, null], out), false);
});

test('multicast and broadcast destinations are local traffic', () => {
  const out: PairEvent[] = [];
  ex().extract('conn', ['1', '10.0.0.11', '239.255.255.250', '1900', 'udp', null, null, null, null, null], out);
  assert.equal(out[0]!.direction, 'local');
  assert.throws(() => new LocalNetworks(['10.0.0.0/33']), /10\.0\.0\.0\/33/);
});

test('names given to addresses: SNI, Host and DNS answers, but not a proxy address', () => {
  const e = ex();
  const out: PairEvent[] = [];
  const names = new Map<string, AddressName>();
  e.extract('ssl', ['10', '192.168.1.30', '198.51.100.30', '443', 'Tccna.Honeywell.com', null, null], out, names);
  e.extract('ssl', ['20', '192.168.1.30', '198.51.100.30', '443', 'tccna.honeywell.com', null, null], out, names);
  e.extract(
    'dns',
    ['5', '192.168.1.30', '192.168.1.1', 'time.apple.com', 'NOERROR', '0', null, null, '17.253.34.125,time.g.aaplimg.com'],
    out,
    names,
  );
  e.extract('http', ['7', '10.136.0.18', '10.136.0.16', '3128', 'www.honestimnotevil.com:443', '0', '0', null, null], out, names);
  assert.deepEqual(
    [...names.values()].map((n) => [n.src, n.address, n.name, n.ts]),
    [
      ['192.168.1.30', '198.51.100.30', 'tccna.honeywell.com', 20],
      ['192.168.1.30', '17.253.34.125', 'time.apple.com', 5],
    ],
  );
});

test('addresses are told from names without asking ipaddr.js about every name', async () => {
  const { isIpAddress } = await import('./names.js');
  for (const ip of ['10.0.0.1', '2001:db8::1', 'fe80::1%eth0', '::ffff:1.2.3.4']) assert.equal(isIpAddress(ip), true, ip);
  for (const name of ['www.example.com', 'deadbeef.cafe', 'a:b:host', '', '1.2.3.4.example']) assert.equal(isIpAddress(name), false, name);
});
