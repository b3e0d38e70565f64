// The abuse corpus (tests/support/abuse-corpus.ts) scanned as a user would: every C2 that used to
// be lowered or vouched for by a borrowed lever is a new finding at or above the alert threshold,
// and the worm is one campaign finding naming its three devices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan } from '../engine/scan/scan.js';
import { DEFAULT_SETTINGS } from '../engine/service/settings.js';
import type { FindingView } from '../engine/api.js';
import { ABUSE, writeAbuseCorpus } from './support/abuse-corpus.js';

const THRESHOLD = DEFAULT_SETTINGS.alertThreshold;

async function scanCorpus(): Promise<FindingView[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bw-abuse-'));
  try {
    writeAbuseCorpus(join(dir, 'logs'));
    return (await scan([join(dir, 'logs')], {})).views;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const views = await scanCorpus();
const describe = (v: FindingView | undefined) => (v ? `${v.state} ${v.score.toFixed(3)} ${JSON.stringify(v.reasons.map((r) => r.text))}` : 'absent');

test('the worm is one campaign finding listing its three devices, new, above the threshold', () => {
  const worm = views.filter((v) => v.dst === ABUSE.worm.address);
  assert.equal(worm.length, 1, 'one finding');
  const w = worm[0]!;
  assert.deepEqual(w.campaign?.devices.map((d) => d.address).sort(), [...ABUSE.worm.devices].sort());
  assert.equal(w.state, 'new', describe(w));
  assert.ok(w.score >= THRESHOLD, describe(w));
});

test('two implants with one sleep, present from the first logs, are both new', () => {
  for (const { src, address } of ABUSE.implants) {
    const v = views.find((x) => x.src === src && x.dst === address);
    assert.equal(v?.state, 'new', `${src} → ${address}: ${describe(v)}`);
    assert.ok(v!.score >= THRESHOLD);
    assert.equal(v!.presentSinceStart, true);
    assert.ok(!v!.reasons.some((r) => r.effect === 'lowers'), describe(v));
  }
});

test('a C2 on an address that also answers a catalogue name is new, titled by its own name', () => {
  const c2 = views.find((x) => x.src === ABUSE.cloudC2.src && x.dst === ABUSE.cloudC2.name);
  assert.equal(c2?.state, 'new', describe(c2));
  assert.ok(c2!.score >= THRESHOLD);
  assert.equal(c2!.allowlisted, null);
  const ads = views.find((x) => x.src === ABUSE.adServer.src && x.dst === ABUSE.adServer.name);
  assert.notEqual(ads?.state, 'known', `an ad server is not the update service: ${describe(ads)}`);
  // the catalogue still covers the service it names on that very address
  const upd = views.find((x) => x.src === ABUSE.shared.benign && x.dst === ABUSE.shared.catalogueName);
  assert.equal(upd?.state, 'known', describe(upd));
});
