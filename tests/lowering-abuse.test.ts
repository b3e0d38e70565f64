// Every rule that lowers a finding is a lever an attacker may pull (GUIDE §6). Each test here
// pulls one and checks that the C2 still shows as a new finding at or above the alert threshold:
// infect more devices, share a default sleep and a port, be there before the sensor started,
// borrow a popular name without DNS behind it. The products the rules are for still go quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScoredPairRow } from '../engine/contract/rows.js';
import { buildFindings } from '../engine/findings/build.js';
import { listFindings } from '../engine/service/views.js';
import { DEFAULT_SETTINGS } from '../engine/service/settings.js';
import { DAY, evidence, pair, viewContext } from './support/finding-rows.js';

const THRESHOLD = DEFAULT_SETTINGS.alertThreshold;
const noRules = () => null;
const device = (i: number) => `192.168.1.${100 + i}`;

/** Background: every device of a home of `n` browses somewhere of its own (so the home has n devices). */
function home(n: number): ScoredPairRow[] {
  return Array.from({ length: n }, (_, i) => pair({ source: 'conn', src: device(i), dst: `198.51.100.${i + 1}` }, 3, 0.1));
}

test('abuse: a worm on more devices is never quieter (one campaign finding, raised, first)', () => {
  const scores: number[] = [];
  for (const infected of [2, 3, 6]) {
    const worm = Array.from({ length: infected }, (_, i) => pair({ source: 'conn', src: device(i), dst: '203.0.113.66' }, 2880, 0.99));
    const list = listFindings(
      [...home(10), ...worm, pair({ source: 'conn', src: device(9), dst: '203.0.113.7' }, 2880, 0.99)],
      viewContext(evidence({}), noRules),
      {},
    );
    const top = list.findings[0]!;
    assert.equal(top.dst, '203.0.113.66', 'the campaign is first in the list');
    assert.equal(top.campaign?.devices.length, infected);
    assert.equal(top.state, 'new');
    assert.equal(list.findings.filter((f) => f.dst === '203.0.113.66').length, 1, 'one finding for the campaign');
    scores.push(top.score);
  }
  assert.ok(scores[1]! >= scores[0]! && scores[2]! >= scores[1]!, `not quieter with more devices: ${scores.join(', ')}`);
});

test('abuse: two implants with one default sleep on one port, present since the first logs, stay new', () => {
  const times = { dataStart: 0, windowEnd: 2 * DAY };
  const at = { firstSeen: 0, lastSeen: 2 * DAY };
  const a = pair({ source: 'conn', src: device(1), dst: '203.0.113.10', port: 80, ...at }, 17280, 1);
  const b = pair({ source: 'conn', src: device(2), dst: '198.51.100.200', port: 80, ...at }, 17280, 1);
  const views = buildFindings([...home(6), a, b], viewContext(evidence({}), noRules, {}, times));
  for (const dst of ['203.0.113.10', '198.51.100.200']) {
    const v = views.find((x) => x.dst === dst)!;
    assert.equal(v.state, 'new', `${dst}: ${JSON.stringify(v.reasons)}`);
    assert.ok(v.score >= THRESHOLD);
    assert.equal(v.presentSinceStart, true, 'shown for the day-one review');
    assert.ok(!v.reasons.some((r) => r.effect === 'lowers'), `${dst} lowered: ${JSON.stringify(v.reasons)}`);
    assert.equal(v.campaign, null, 'different addresses are not one campaign');
  }
});

test('abuse: present since the first logs lowers nothing', () => {
  const times = { dataStart: 0, windowEnd: 3 * DAY };
  const early = pair({ source: 'conn', src: device(1), dst: '203.0.113.20', firstSeen: 0, lastSeen: 3 * DAY }, 4320, 0.9);
  const late = pair({ source: 'conn', src: device(2), dst: '203.0.113.21', firstSeen: DAY, lastSeen: 3 * DAY }, 2880, 0.9);
  const views = buildFindings([early, late], viewContext(evidence({}), noRules, {}, times));
  const e = views.find((v) => v.dst === early.dst)!;
  assert.ok(e.score >= 0.9, `${e.score}`);
  assert.ok(!e.reasons.some((r) => r.effect === 'lowers'));
});

/** A name the device looks up (DNS answers it) and connects to, as products do. */
function backedProduct(src: string, name: string, address: string): ScoredPairRow[] {
  return [pair({ source: 'dns', src, dst: name, variant: 'resolved' }, 1440, 0.97), pair({ source: 'conn', src, dst: address }, 1440, 0.97)];
}

test('a product: a name DNS backs on most of the home is lowered; on a few devices it is not', () => {
  const name = 'telemetry.vendor.example';
  const address = '192.0.2.50';
  const told = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`${device(i)} ${address}`, [name]]));
  const ev = evidence(told, told);
  const most = buildFindings(
    [...home(10), ...Array.from({ length: 6 }, (_, i) => backedProduct(device(i), name, address)).flat()],
    viewContext(ev, noRules),
  );
  const m = most.find((v) => v.dst === name)!;
  assert.ok(
    m.reasons.some((r) => r.effect === 'lowers' && /6 of your home's 10 devices/.test(r.text)),
    JSON.stringify(m.reasons),
  );
  const few = buildFindings(
    [...home(10), ...Array.from({ length: 2 }, (_, i) => backedProduct(device(i), name, address)).flat()],
    viewContext(ev, noRules),
  );
  const f = few.find((v) => v.dst === name)!;
  assert.ok(!f.reasons.some((r) => r.effect === 'lowers'), `two devices of ten are no product: ${JSON.stringify(f.reasons)}`);
  assert.equal(f.state, 'new');
});

test('abuse: a popular name sent as SNI without DNS behind it is not "popular"', () => {
  const sni = 'www.google.com';
  const rows = [
    ...home(6),
    ...Array.from({ length: 5 }, (_, i) => pair({ source: 'ssl', src: device(i), dst: sni }, i === 0 ? 1440 : 3, i === 0 ? 0.99 : 0.1)),
  ];
  const v = buildFindings(rows, viewContext(evidence({}), noRules)).find((x) => x.src === device(0) && x.dst === sni)!;
  assert.ok(!v.reasons.some((r) => r.effect === 'lowers'), JSON.stringify(v.reasons));
  assert.equal(v.state, 'new');
});

test('abuse: the same hard-coded address on most of the home is a campaign, not popular', () => {
  const rows = [...home(5), ...Array.from({ length: 4 }, (_, i) => pair({ source: 'conn', src: device(i), dst: '203.0.113.99' }, 1440, 0.95))];
  const v = buildFindings(rows, viewContext(evidence({}), noRules)).find((x) => x.dst === '203.0.113.99')!;
  assert.equal(v.campaign?.devices.length, 4);
  assert.ok(!v.reasons.some((r) => r.effect === 'lowers'));
});

test('two timers that both read 100 % keep the order of their evidence; a campaign leads', () => {
  const weak = pair({ source: 'conn', src: device(1), dst: '203.0.113.1', scores: { log_odds: 20 } }, 300, 1);
  const strong = pair({ source: 'conn', src: device(2), dst: '203.0.113.2', scores: { log_odds: 60 } }, 8640, 1);
  const list = listFindings([weak, strong], viewContext(evidence({}), noRules), {});
  assert.deepEqual(
    list.findings.map((f) => f.dst),
    ['203.0.113.2', '203.0.113.1'],
  );
  assert.ok(list.findings[0]!.logOdds > list.findings[1]!.logOdds + 30, 'log-odds are not rounded away');
});

test('the headline describes the busiest member that times as well as the best, and says which', () => {
  const name = 'update.vpn-gateway-status.com';
  const dns = pair({ source: 'dns', dst: name, variant: 'resolved' }, 955, 1);
  const conn = pair({ source: 'conn', dst: '203.0.113.77' }, 1897, 0.99);
  const ev = evidence({ '192.168.1.20 203.0.113.77': [name] });
  const v = buildFindings([dns, conn], viewContext(ev, noRules)).find((x) => x.dst === name)!;
  assert.equal(v.stats.activities, 1897);
  assert.match(v.headline, /^connections to 203\.0\.113\.77/);
  assert.equal(v.periodicity, 1, 'the score still comes from the best-scored member');
});

test('a finding about an address is titled only by a name this device resolved to it', () => {
  const conn = pair({ source: 'conn', src: device(1), dst: '10.200.0.5', direction: 'outbound' }, 500, 0.99);
  // another device resolved nexus.passport.com to this address once; this device never did
  const ev = evidence({ [`${device(1)} 10.200.0.5`]: ['nexus.passport.com'] }, { [`${device(1)} 10.200.0.5`]: ['nexus.passport.com'] });
  const v = buildFindings([conn], viewContext(ev, noRules)).find((x) => x.dst === '10.200.0.5')!;
  assert.deepEqual(v.dstNames, []);
});

test('abuse: a C2 over DNS that adds irregular connections is no "cache refreshing" (lookups not paced by the TTL)', () => {
  const name = 'cdn-check.badexample.net';
  const lookups = pair({ source: 'dns', src: device(1), dst: name, variant: 'resolved' }, 1440, 0.99); // every 60 s
  const decoy = pair({ source: 'conn', src: device(1), dst: '203.0.113.40' }, 30, 0.1);
  const ev = (ttl: number) => evidence({ [`${device(1)} 203.0.113.40`]: [name] }, undefined, null, { [name]: ttl });
  // the C2's own DNS answers with TTL 1 s so that every check-in reaches its server
  const c2 = buildFindings([lookups, decoy], viewContext(ev(1), noRules)).find((v) => v.dst === name)!;
  assert.equal(c2.state, 'new', JSON.stringify(c2.reasons));
  assert.ok(!c2.reasons.some((r) => /cache/.test(r.text)));
  // a real cache: lookups once the 60 s answer expired, while the name is in irregular use
  const cache = buildFindings([lookups, decoy], viewContext(ev(60), noRules)).find((v) => v.dst === name)!;
  assert.ok(
    cache.reasons.some((r) => r.effect === 'lowers' && /cache/.test(r.text)),
    JSON.stringify(cache.reasons),
  );
});

test('abuse: reverse lookups of many names under one zone (data in the name) are not quieted as PTR logging', () => {
  const zone = pair({ source: 'dns', src: device(1), dst: '113.0.203.in-addr.arpa', variant: 'domain' }, 1440, 0.99);
  const names = Array.from({ length: 20 }, (_, i) =>
    pair({ source: 'dns', src: device(1), dst: `${i}.113.0.203.in-addr.arpa`, variant: 'resolved' }, 1, 0),
  );
  const v = buildFindings([zone, ...names], viewContext(evidence({}), noRules)).find((x) => x.kind === 'domain')!;
  assert.ok(!v.reasons.some((r) => /reverse lookups/.test(r.text)), JSON.stringify(v.reasons));
  assert.equal(v.state, 'new');
});

test('abuse: ICMP echo on a timer (a ping tunnel) is not quieted as ICMP errors', () => {
  const echo = pair({ source: 'conn', src: device(1), dst: '203.0.113.50', proto: 'icmp', port: 0 }, 1440, 0.99);
  const v = buildFindings([echo], viewContext(evidence({}), noRules)).find((x) => x.dst === '203.0.113.50')!;
  assert.ok(!v.reasons.some((r) => r.effect === 'lowers'), JSON.stringify(v.reasons));
  assert.equal(v.state, 'new');
});

test('abuse: a second copy of a name-backed implant on another device is one campaign, raised; a name most of the home uses is not', () => {
  const name = 'sync-updatexk2.net';
  const copyOn = (src: string) => [
    pair({ source: 'dns', src, dst: name, variant: 'resolved' }, 1440, 0.9),
    pair({ source: 'conn', src, dst: '203.0.113.90' }, 1440, 0.9),
  ];
  const ev = evidence({ [`${device(1)} 203.0.113.90`]: [name], [`${device(2)} 203.0.113.90`]: [name] });
  const alone = listFindings([...home(10), ...copyOn(device(1))], viewContext(ev, noRules), {}).findings.find((f) => f.dst === name)!;
  const list = listFindings([...home(10), ...copyOn(device(1)), ...copyOn(device(2))], viewContext(ev, noRules), {});
  const both = list.findings.filter((f) => f.dst === name);
  assert.equal(both.length, 1, 'one finding names both devices');
  assert.deepEqual(both[0]!.campaign?.devices.map((d) => d.address).sort(), [device(1), device(2)]);
  assert.equal(both[0]!.state, 'new');
  assert.ok(both[0]!.logOdds > alone.logOdds, 'the second copy raises');
  assert.equal(list.findings[0]!.dst, name, 'first in the list');
  // the same name looked up and called by most of the home is a product's habit, no campaign
  const product = Array.from({ length: 8 }, (_, i) => copyOn(device(i))).flat();
  const p = listFindings([...home(10), ...product], viewContext(evidence({}), noRules), {}).findings.filter((f) => f.dst === name);
  assert.ok(p.every((f) => f.campaign === null));
});

test('abuse: an internal relay one or two devices call on a timer (a pivot) is not quieted for staying inside; a server several devices use is', () => {
  const relay = pair({ source: 'conn', src: device(1), dst: '192.168.1.50', direction: 'local', port: 445 }, 1440, 0.99);
  const pivot = listFindings([...home(10), relay], viewContext(evidence({}), noRules), {}).findings.find((f) => f.dst === '192.168.1.50')!;
  assert.equal(pivot.state, 'new', JSON.stringify(pivot.reasons));
  assert.ok(!pivot.reasons.some((r) => r.effect === 'lowers'));
  const two = [relay, pair({ source: 'conn', src: device(2), dst: '192.168.1.50', direction: 'local', port: 445 }, 1440, 0.99)];
  const pivots = listFindings([...home(10), ...two], viewContext(evidence({}), noRules), {}).findings.filter((f) => f.dst === '192.168.1.50');
  assert.equal(pivots.length, 2);
  assert.ok(pivots.every((f) => f.state === 'new'));
  const polls = Array.from({ length: 3 }, (_, i) =>
    pair({ source: 'conn', src: device(i), dst: '192.168.1.60', direction: 'local', port: 8123 }, 1440, 0.99),
  );
  const hub = listFindings([...home(10), ...polls], viewContext(evidence({}), noRules), { includeBelowThreshold: true }).findings.filter(
    (f) => f.dst === '192.168.1.60',
  );
  assert.ok(hub.length > 0 && hub.every((f) => f.reasons.some((r) => r.effect === 'lowers' && /inside your network/.test(r.text))));
});

test('abuse: a controller polling an inbound listener that speaks a protocol is not quieted as scanning', () => {
  const poll = pair({ source: 'conn', src: '198.51.100.200', dst: device(1), direction: 'inbound', port: 8443, service: 'ssl' }, 1440, 0.99);
  const knock = pair({ source: 'conn', src: '198.51.100.201', dst: device(1), direction: 'inbound', port: 23, service: null }, 1440, 0.99);
  const all = listFindings([...home(10), poll, knock], viewContext(evidence({}), noRules), {
    includeInbound: true,
    includeBelowThreshold: true,
  }).findings;
  const polled = all.find((f) => f.src === '198.51.100.200')!;
  assert.ok(!polled.reasons.some((r) => r.effect === 'lowers'), JSON.stringify(polled.reasons));
  assert.ok(polled.score >= THRESHOLD);
  assert.ok(all.find((f) => f.src === '198.51.100.201')!.reasons.some((r) => r.effect === 'lowers' && /scanning/.test(r.text)));
});
