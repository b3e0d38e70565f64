import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FindingView } from '../api.js';
import { AlertLimiter, cleanText, planAlerts } from './plan.js';

function finding(id: number, dst: string, score = 0.9): FindingView {
  return {
    findingId: id,
    pairId: id,
    sensor: 'sensor',
    source: 'dns',
    src: `10.0.0.${id}`,
    dst,
    variant: 'resolved',
    direction: 'outbound',
    port: null,
    proto: null,
    service: null,
    stats: {
      events: 10,
      activities: 10,
      periodS: 60,
      spreadS: 1,
      jitterRatio: 0.01,
      intervalP10S: 58,
      intervalP90S: 62,
      coverage: 1,
      firstSeen: 0,
      lastSeen: 600,
    },
    score,
    scores: {},
    scoredAt: 0,
    kind: 'name',
    state: 'new',
    allowlisted: null,
    dismissed: false,
    deviceName: null,
    summary: 'every 58–62 s, typically 60 s, 10 times in 24 h',
    dstNames: [],
    periodicity: score,
    logOdds: 5,
    reasons: [],
    sharedBy: 1,
    presentSinceStart: false,
    bytes: null,
    campaign: null,
    headline: '',
    members: [],
  };
}

test('one message per new finding, one summary past three', () => {
  assert.equal(planAlerts([finding(1, 'a.example')]).length, 1);
  const many = planAlerts([1, 2, 3, 4, 5].map((i) => finding(i, `n${i}.example`, i / 10)));
  assert.equal(many.length, 1);
  assert.match(many[0]!.title, /^Beaconwatch: 5 new beacons on 5 devices$/);
  assert.match(many[0]!.message, /n5\.example[\s\S]*…and 2 more$/);
  assert.equal(many[0]!.findings.length, 5);
});

test('attacker strings lose controls and bidi overrides; the title stays our own words', () => {
  const [a] = planAlerts([finding(1, 'evil\u202e\u0007moc.example\nInjected: header')]);
  assert.equal(a!.title, 'Beaconwatch: new beacon');
  assert.doesNotMatch(a!.message, /[\u0000-\u001f\u202e]/);
  assert.equal(a!.findings[0]!.every, 'every 58–62 s, typically 60 s');
  assert.equal(cleanText('x'.repeat(500), 10).length, 10);
});

test('the limiter holds what exceeds the hourly budget and sends it later as one summary', () => {
  const lim = new AlertLimiter(2, 1000);
  assert.equal(lim.take([finding(1, 'a.example')], 0).length, 1);
  assert.equal(lim.take([finding(2, 'b.example'), finding(3, 'c.example')], 10).length, 1, 'last slot: one summary');
  assert.deepEqual(lim.take([finding(4, 'd.example')], 20), [], 'over budget: held');
  const later = lim.take([], 2000);
  assert.equal(later.length, 1);
  assert.equal(later[0]!.findings[0]!.dst, 'd.example');
});

test('a campaign is announced as one beacon on N devices', () => {
  const devices = ['192.168.1.31', '192.168.1.32', '192.168.1.33', '192.168.1.34'].map((address, i) => ({
    sensor: 'sensor',
    address,
    name: i === 0 ? 'kitchen-plug' : null,
    findingId: i + 1,
  }));
  const [alert] = planAlerts([{ ...finding(1, '203.0.113.66'), campaign: { devices } }]);
  assert.equal(alert!.title, 'Beaconwatch: one beacon on 4 devices');
  assert.match(alert!.message, /^4 devices \(kitchen-plug \(192\.168\.1\.31\), 192\.168\.1\.32, 192\.168\.1\.33, …\)/);
  assert.equal(alert!.findings[0]!.devices?.length, 4);
});
