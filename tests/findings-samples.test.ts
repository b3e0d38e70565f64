// Findings (behaviours) on real Zeek logs with known beacons (../shared/zeek-samples/README.md):
// the beacon is one finding, and it ranks first among what the owner would look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../engine/scan/scan.js';
import { loadScorers } from '../engine/score/scorers.js';
import type { FindingView } from '../engine/api.js';
import { isDefaultDirection } from '../engine/findings/pair-finding.js';
import { MIN_ACTIVITIES } from '../engine/contract/thresholds.js';
import { DEFAULT_LOCAL_NETWORKS } from '../engine/pairs/local-networks.js';
import { sample, samplesMissing } from './support/samples.js';

const skip = samplesMissing;

async function findings(path: string, opts: { windowS?: number; localNetworks?: string[] } = {}): Promise<FindingView[]> {
  const scorers = await loadScorers({});
  try {
    const r = await scan([sample(path)], { scorers: scorers.scorers, ...opts });
    return r.views.filter((v) => v.stats.activities >= MIN_ACTIVITIES);
  } finally {
    scorers.dispose();
  }
}

/** What the overview lists by default: not known, not dismissed, outbound or local, best first. */
const overview = (all: FindingView[]) => all.filter((v) => v.state !== 'known' && v.state !== 'dismissed' && isDefaultDirection(v));

test(
  'rita/proxy: the proxy connection, the CONNECT and the TLS of the beacon are one finding, ranked first',
  { skip, timeout: 240_000 },
  async () => {
    const list = overview(await findings('rita/proxy', { windowS: 2 * 86400 }));
    const top = list[0]!;
    assert.equal(top.src, '10.136.0.18');
    assert.equal(top.dst, 'www.honestimnotevil.com');
    const members = top.members.map((m) => `${m.source} ${m.dst}`).sort();
    assert.deepEqual(members, ['conn 10.136.0.16', 'http www.honestimnotevil.com', 'ssl www.honestimnotevil.com']);
    assert.equal(top.state, 'new');
    assert.ok(
      !list.slice(1).some((v) => v.members.some((m) => m.dst === '10.136.0.16' && v.src === '10.136.0.18')),
      'the proxy connection is not a second finding',
    );
  },
);

test('rita/missing_host: with the sensor as the local network, the empty-Host beacon ranks first', { skip, timeout: 240_000 }, async () => {
  const all = await findings('rita/missing_host', { windowS: 3 * 86400, localNetworks: [...DEFAULT_LOCAL_NETWORKS, '64.225.56.201/32'] });
  // The beacon runs into the sensor (an external client polling it): the inbound view.
  const inbound = all.filter((v) => v.state !== 'known' && v.state !== 'dismissed');
  const top = inbound[0]!;
  assert.equal(`${top.src} -> ${top.dst}`, '73.54.23.243 -> 64.225.56.201');
  assert.ok(top.members.some((m) => m.source === 'http') && top.members.some((m) => m.source === 'conn'), 'HTTP and its connections together');
  assert.ok(
    top.reasons.some((r) => r.effect === 'raises' && /Host/.test(r.text)),
    JSON.stringify(top.reasons),
  );
  // Forty scanners polling the same server are not "devices of your home".
  assert.equal(top.sharedBy, 1);
});

test('stratosphere/001 (NjRAT) ranks first among its visible findings', { skip, timeout: 240_000 }, async () => {
  const list = overview(await findings('stratosphere/001-zeek-scenario-malicious/conn.log'));
  assert.equal(`${list[0]!.src} -> ${list[0]!.dst}`, '192.168.1.115 -> 41.108.179.197');
});

test('stratosphere/003 (Android RAT) ranks first among its visible findings', { skip, timeout: 240_000 }, async () => {
  const list = overview(await findings('stratosphere/003-zeek-scenario-malicious'));
  assert.equal(
    `${list[0]!.src} -> ${list[0]!.dst}`,
    '10.8.0.61 -> 147.32.83.234',
    list
      .slice(0, 4)
      .map((v) => `${v.dst} ${v.score}`)
      .join(', '),
  );
});
