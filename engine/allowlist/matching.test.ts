import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AllowRuleError } from './errors.js';
import { openDatabase } from '../../db/open.js';
import { AllowRuleStore } from '../../db/allowlist-store.js';
import { Allowlist } from './allowlist.js';
import type { CatalogueEntry } from './catalogue.js';
import type { MatchablePair } from './rules.js';

const NOW = 1_800_000_000;
const memoryAllowlist = (catalogue?: CatalogueEntry[]) => ({ list: new Allowlist(new AllowRuleStore(openDatabase(':memory:')), catalogue) });
const pair = (p: Partial<MatchablePair> & { dst: string }): MatchablePair => ({
  source: 'ssl',
  src: '192.168.1.10',
  variant: null,
  port: 443,
  proto: 'tcp',
  service: null,
  ...p,
});

test('exact name matches only that name, case and trailing dot ignored', () => {
  const { list } = memoryAllowlist([]);
  const r = list.add({ dst: 'Time.Example.com.' }, NOW);
  assert.equal(r.dst, 'time.example.com');
  assert.equal(list.match(pair({ dst: 'time.example.com' }), NOW)?.ruleId, r.id);
  assert.equal(list.match(pair({ dst: 'TIME.example.com.' }), NOW)?.ruleId, r.id);
  assert.equal(list.match(pair({ dst: 'a.time.example.com' }), NOW), null);
  assert.equal(list.match(pair({ dst: 'example.com' }), NOW), null);
});

test('*.example.com matches the bare domain and every subdomain, compared on labels', () => {
  const { list } = memoryAllowlist([]);
  list.add({ dst: '*.example.com' }, NOW);
  for (const d of ['example.com', 'a.example.com', 'x.y.example.com']) assert.ok(list.match(pair({ dst: d }), NOW), d);
  assert.ok(list.match(pair({ source: 'http', dst: 'api.example.com:8080' }), NOW), 'an HTTP Host with a port');
  for (const d of ['badexample.com', 'example.com.evil.net', 'example.co', 'com']) assert.equal(list.match(pair({ dst: d }), NOW), null, d);
});

test('public-suffix wildcards and malformed patterns are refused with a clear message', () => {
  const { list } = memoryAllowlist([]);
  for (const dst of ['*.com', '*.co.uk', '*.github.io', '*']) {
    assert.throws(
      () => list.add({ dst }, NOW),
      (e: unknown) => e instanceof AllowRuleError && /^dst: /.test(e.message),
      dst,
    );
  }
  assert.throws(() => list.add({ dst: '*.com' }, NOW), /"\*\.com" is a public suffix/);
  assert.throws(() => list.add({ dst: 'foo.*.example.com' }, NOW), /only allowed as the first label/);
  assert.throws(() => list.add({ dst: 'exa mple.com' }, NOW), /not a valid domain name/);
  assert.throws(() => list.add({ dst: '10.0.0.0/33' }, NOW), /prefix length/);
  assert.throws(() => list.add({ src: 'laptop.lan' }, NOW), /src: .* not a device IP/);
  assert.throws(() => list.add({ note: 'nothing to match' }, NOW), /needs a destination \(dst\) or a device \(src\)/);
  assert.throws(() => list.add({ dst: 'a.com', port: 70000 }, NOW), /port: /);
  assert.throws(() => list.add({ dst: 'a.com', bogus: 1 } as never, NOW), /Unrecognized key/);
  assert.equal(list.rules().length, 0);
  // a registered domain under a private suffix is fine
  assert.equal(list.add({ dst: '*.me.github.io' }, NOW).dst, '*.me.github.io');
});

test('IPv4 and IPv6 addresses and CIDRs; names never match IP rules and vice versa', () => {
  const { list } = memoryAllowlist([]);
  const v4 = list.add({ dst: '203.0.113.0/24' }, NOW);
  const v6 = list.add({ dst: '2001:DB8::/32' }, NOW);
  const one = list.add({ dst: '198.51.100.7' }, NOW);
  assert.equal(v6.dst, '2001:db8::/32');
  assert.equal(list.match(pair({ dst: '203.0.113.99' }), NOW)?.ruleId, v4.id);
  assert.equal(list.match(pair({ dst: '203.0.114.1' }), NOW), null);
  assert.equal(list.match(pair({ dst: '2001:db8:1::5' }), NOW)?.ruleId, v6.id);
  assert.equal(list.match(pair({ dst: '2001:db9::5' }), NOW), null);
  assert.equal(list.match(pair({ dst: '::ffff:198.51.100.7' }), NOW)?.ruleId, one.id);
  assert.equal(list.match(pair({ source: 'http', dst: '[2001:db8::7]:8080' }), NOW)?.ruleId, v6.id);
  const name = list.add({ dst: 'host.example.com' }, NOW);
  assert.equal(list.match(pair({ dst: '198.51.100.8' }), NOW), null);
  assert.equal(list.match(pair({ dst: 'host.example.com' }), NOW)?.ruleId, name.id);
  // a name that only looks numeric is not an address
  assert.equal(list.match(pair({ dst: '198.51.100.7.example.net' }), NOW), null);
});

test('src scopes a rule to a device or a subnet', () => {
  const { list } = memoryAllowlist([]);
  list.add({ src: '192.168.1.10', dst: '*.example.com' }, NOW);
  list.add({ src: 'fd00:1::/64' }, NOW);
  assert.ok(list.match(pair({ src: '192.168.1.10', dst: 'api.example.com' }), NOW));
  assert.equal(list.match(pair({ src: '192.168.1.11', dst: 'api.example.com' }), NOW), null);
  assert.ok(list.match(pair({ src: 'fd00:1::abcd', dst: 'anything.net' }), NOW));
  assert.equal(list.match(pair({ src: 'fd00:2::abcd', dst: 'anything.net' }), NOW), null);
});

test('source, proto, port and service must all match when set', () => {
  const { list } = memoryAllowlist([]);
  list.add({ dst: 'updates.example.com', source: 'dns' }, NOW);
  list.add({ dst: '203.0.113.5', proto: 'udp', port: 123 }, NOW);
  list.add({ dst: '203.0.113.6', service: 'HTTP' }, NOW);
  assert.ok(list.match(pair({ source: 'dns', dst: 'updates.example.com', port: null, proto: null }), NOW));
  assert.equal(list.match(pair({ source: 'ssl', dst: 'updates.example.com' }), NOW), null);
  assert.ok(list.match(pair({ source: 'conn', dst: '203.0.113.5', proto: 'udp', port: 123 }), NOW));
  assert.equal(list.match(pair({ source: 'conn', dst: '203.0.113.5', proto: 'tcp', port: 123 }), NOW), null);
  assert.equal(list.match(pair({ source: 'conn', dst: '203.0.113.5', proto: 'udp', port: null }), NOW), null);
  assert.ok(list.match(pair({ source: 'conn', dst: '203.0.113.6', service: 'ssl,http' }), NOW));
  assert.equal(list.match(pair({ source: 'conn', dst: '203.0.113.6', service: null }), NOW), null);
});

test('expired and disabled rules do not match; own rules come before built-in ones', () => {
  const { list } = memoryAllowlist([
    {
      id: 'ex',
      dst: '*.example.com',
      src: null,
      source: null,
      proto: null,
      port: null,
      service: null,
      category: 'telemetry',
      vendor: 'Ex',
      reason: 'built-in reason',
    },
  ]);
  const p = pair({ dst: 'a.example.com' });
  assert.deepEqual(list.match(p, NOW), { ruleId: 'ex', reason: 'built-in reason', category: 'telemetry', builtin: true });
  const own = list.add({ dst: 'a.example.com', note: 'my thermostat', expiresAt: NOW + 60 }, NOW);
  assert.deepEqual(list.match(p, NOW), { ruleId: own.id, reason: 'my thermostat', category: 'user', builtin: false });
  assert.equal(list.match(p, NOW + 60)?.ruleId, 'ex');
  assert.throws(() => list.add({ dst: 'b.example.com', expiresAt: NOW - 1 }, NOW), /in the past/);
  list.update('ex', { enabled: false }, NOW);
  assert.equal(list.match(p, NOW + 60), null);
  list.update(own.id, { enabled: false }, NOW);
  assert.equal(list.match(p, NOW), null);
  assert.equal(list.rules().find((r) => r.id === 'ex')?.enabled, false);
});

test('update, remove: built-in entries can only be toggled or annotated, never removed', () => {
  const { list } = memoryAllowlist([
    {
      id: 'ex',
      dst: 'x.example.com',
      src: null,
      source: null,
      proto: null,
      port: null,
      service: null,
      category: 'telemetry',
      vendor: 'Ex',
      reason: 'why',
    },
  ]);
  assert.throws(() => list.remove('ex'), /cannot be removed; disable it instead/);
  assert.throws(() => list.update('ex', { dst: 'y.example.com' }, NOW), /can only be enabled, disabled or given a note/);
  const b = list.update('ex', { note: 'ours', dst: 'x.example.com' }, NOW);
  assert.equal(b.note, 'ours');
  assert.equal(b.enabled, true);
  const own = list.add({ dst: 'a.example.com', note: 'n' }, NOW);
  const changed = list.update(own.id, { dst: '*.example.org', src: '10.0.0.0/8' }, NOW + 5);
  assert.equal(changed.dst, '*.example.org');
  assert.equal(changed.note, 'n');
  assert.equal(changed.createdAt, NOW);
  assert.equal(changed.updatedAt, NOW + 5);
  assert.equal(list.update(own.id, { src: null }, NOW).src, null);
  assert.throws(() => list.update(own.id, { dst: '*.org' }, NOW), /public suffix/);
  assert.throws(() => list.update('r-nope', { enabled: false }, NOW), /no allow rule/);
  assert.equal(list.remove(own.id), true);
  assert.equal(list.remove(own.id), false);
});

test('scopesFor offers pair, destination, domain and device choices', () => {
  const { list } = memoryAllowlist([]);
  const s = list.scopesFor(pair({ source: 'dns', src: '10.0.0.5', dst: 'eu.api.example.co.uk' }));
  assert.deepEqual(
    s.map((o) => o.scope),
    ['pair', 'destination', 'domain', 'device'],
  );
  assert.deepEqual(s[0]!.rule, { src: '10.0.0.5', dst: 'eu.api.example.co.uk', source: 'dns', category: 'user' });
  assert.equal(s[2]!.rule.dst, '*.example.co.uk');
  assert.match(s[0]!.label, /10\.0\.0\.5 → eu\.api\.example\.co\.uk only/);
  for (const o of s) assert.ok(list.add(o.rule, NOW)); // every option is a valid rule
  const ip = list.scopesFor(pair({ src: '10.0.0.5', dst: '203.0.113.9' }));
  assert.deepEqual(
    ip.map((o) => o.scope),
    ['pair', 'destination', 'device'],
  );
});

// Its speed is a bench matter (timing checks live only in bench/); here: the indexed match of
// many fresh pairs against ~100 rules stays correct (nothing matches), with the CPU time shown.
test('matching 10,000 fresh pairs against ~100 rules: no false match', (t) => {
  const { list } = memoryAllowlist();
  for (let i = 0; i < 40; i++) list.add({ dst: `*.vendor${i}.example.com` }, NOW);
  for (let i = 0; i < 30; i++) list.add({ dst: `10.${i}.0.0/16`, src: '192.168.1.0/24' }, NOW);
  for (let i = 0; i < 10; i++) list.add({ dst: `2001:db8:${i}::/48`, src: '192.168.1.0/24' }, NOW);
  assert.ok(list.rules().length >= 100, `${list.rules().length} rules`);
  // 10,000 distinct pairs from 100 devices: half to names, half to addresses (1 in 5 IPv6);
  // each run uses pairs never seen before, so no address is parsed from a warm cache
  const pairsFor = (run: number) =>
    Array.from({ length: 10_000 }, (_, i) => {
      const src = `192.168.1.${i % 100}`;
      if (i % 2) return pair({ src, dst: `host${i}.run${run}.unknown${i % 97}.net` });
      const dst = i % 10 === 0 ? `2001:db9:${run}:${i.toString(16)}::1` : `172.${16 + run}.${(i >> 8) % 256}.${i % 256}`;
      return pair({ source: 'conn', src, dst, proto: 'tcp', port: 8443 });
    });
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const pairs = pairsFor(run);
    const c0 = process.cpuUsage();
    let hits = 0;
    for (const p of pairs) if (list.match(p, NOW)) hits++;
    runs.push(process.cpuUsage(c0).user / 1000);
    assert.equal(hits, 0);
  }
  t.diagnostic(`10,000 pairs × ${list.rules().length} rules: ${runs.map((ms) => ms.toFixed(1)).join(' / ')} ms CPU (not asserted)`);
});

test('a stored rule that no longer validates is listed and removable but never matches', () => {
  const store = new AllowRuleStore(openDatabase(':memory:'));
  const base = {
    src: null,
    source: null,
    proto: null,
    port: null,
    service: null,
    note: '',
    category: null,
    expiresAt: null,
    enabled: true,
    createdAt: NOW,
    updatedAt: NOW,
  };
  store.putRule({ ...base, id: 'r-old', dst: '*.com' });
  const list = new Allowlist(store, []);
  assert.deepEqual(
    list.rules().map((r) => r.id),
    ['r-old'],
  );
  assert.equal(list.match(pair({ dst: 'anything.com' }), NOW), null);
  assert.equal(list.remove('r-old'), true);
});
