// GUIDE §6 for several sensors: a device is an address on one sensor, so adding a sensor adds
// devices to the home's count. That must never let a C2 borrow "most of the home does this":
// a small second site whose every device is infected, or the same addresses infected on two
// sites, stay new and raised (a campaign naming each device with its sensor), never lowered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScoredPairRow } from '../engine/contract/rows.js';
import { listDevices, listFindings } from '../engine/service/views.js';
import { DEFAULT_SETTINGS } from '../engine/service/settings.js';
import { evidence, pair, viewContext } from './support/finding-rows.js';

const noRules = () => null;
const device = (i: number) => `192.168.1.${100 + i}`;
const NAME = 'sync-updatexk2.net';
const C2 = '203.0.113.90';

/** a site of `n` devices, each browsing somewhere of its own */
function site(sensor: string, n: number): ScoredPairRow[] {
  return Array.from({ length: n }, (_, i) => pair({ sensor, source: 'conn', src: device(i), dst: `198.51.100.${i + 1}` }, 3, 0.1));
}

/** a name-backed implant on one device of one sensor: it looks the name up and calls the answer */
function implant(sensor: string, src: string): ScoredPairRow[] {
  return [pair({ sensor, source: 'dns', src, dst: NAME, variant: 'resolved' }, 1440, 0.9), pair({ sensor, source: 'conn', src, dst: C2 }, 1440, 0.9)];
}

const told = (srcs: string[]) => evidence(Object.fromEntries(srcs.map((s) => [`${s} ${C2}`, [NAME]])));

test('abuse: every device of a small second site infected is not "most of the home": new, raised, never lowered', () => {
  const rows = [...site('house', 10), ...site('garage', 2), ...implant('garage', device(0)), ...implant('garage', device(1))];
  const list = listFindings(rows, viewContext(told([device(0), device(1)]), noRules), {});
  const c2 = list.findings.filter((f) => f.dst === NAME);
  assert.equal(c2.length, 1, 'one campaign finding');
  const f = c2[0]!;
  assert.equal(f.state, 'new', JSON.stringify(f.reasons));
  assert.ok(f.score >= DEFAULT_SETTINGS.alertThreshold);
  assert.ok(!f.reasons.some((r) => r.effect === 'lowers'), JSON.stringify(f.reasons));
  assert.deepEqual(f.campaign?.devices.map((d) => `${d.address}@${d.sensor}`).sort(), [`${device(0)}@garage`, `${device(1)}@garage`]);
});

test('abuse: the same addresses infected on two sites are four devices of one campaign, each with its sensor', () => {
  const infected = [device(0), device(1)];
  const rows = [...site('house', 10), ...site('shop', 10), ...infected.flatMap((d) => [...implant('house', d), ...implant('shop', d)])];
  const list = listFindings(rows, viewContext(told(infected), noRules), {});
  const f = list.findings.find((x) => x.dst === NAME)!;
  assert.equal(f.state, 'new');
  assert.ok(!f.reasons.some((r) => r.effect === 'lowers'), JSON.stringify(f.reasons));
  assert.equal(list.findings[0]!.dst, NAME, 'the campaign leads the list');
  assert.deepEqual(f.campaign?.devices.map((d) => `${d.address}@${d.sensor}`).sort(), [
    `${device(0)}@house`,
    `${device(0)}@shop`,
    `${device(1)}@house`,
    `${device(1)}@shop`,
  ]);
  assert.deepEqual(new Set(f.members.map((m) => m.sensor)), new Set(['house', 'shop']));
});

test('one address on two sensors is two devices in the device list', () => {
  const rows = [...site('house', 1), ...site('shop', 1), pair({ sensor: 'shop', source: 'conn', src: device(0), dst: '198.51.100.77' }, 3, 0.1)];
  const devices = listDevices(rows, viewContext(evidence({}), noRules));
  assert.deepEqual(devices.map((d) => [d.sensor, d.address, d.pairs]).sort(), [
    ['house', device(0), 1],
    ['shop', device(0), 2],
  ]);
});
