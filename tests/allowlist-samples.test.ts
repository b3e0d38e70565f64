// Issue #5 on real logs: benign periodic pairs can be allow-listed in one action each and leave
// the default view at once (rules apply at display time, no rescore).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngineHost } from '../engine/service/create-host.js';
import { sample, samplesMissing } from './support/samples.js';

test('stratosphere/008: ESET and Microsoft beacons are allow-listed in one action each', { skip: samplesMissing, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-008-'));
  const host = await createEngineHost({ dbFile: join(dir, 'bw.sqlite'), mode: 'serve', zeekDir: sample('stratosphere/008-zeek-mixed') });
  try {
    await host.api.updateSettings({ backfillS: 30 * 86400 }); // archives of any age
    await host.start();
    const before = await host.api.listFindings({});
    // Each is a behaviour: the connection to the address, plus the names the host used for it.
    const holding = (dst: string) => before.findings.find((f) => f.members.some((m) => m.source === 'conn' && m.dst === dst));
    const eset = holding('91.228.167.171');
    const microsoft = holding('51.104.162.168');
    assert.ok(eset && microsoft, `both listed; got ${before.findings.map((f) => f.dst).join(', ')}`);
    const periodOf = (f: typeof eset, dst: string) => f.members.find((m) => m.dst === dst)!.periodS!;
    assert.ok(Math.abs(periodOf(eset, '91.228.167.171') - 301.6) < 2 && Math.abs(periodOf(microsoft, '51.104.162.168') - 900) < 2);
    const runsBefore = (await host.api.getStatus({})).lastRescore!.at;

    for (const f of [eset, microsoft]) {
      const detail = await host.api.getPair({ pairId: f.pairId });
      // "This finding on this device": this capture's dns.log never answers for these names, so a
      // rule on the name for every device would not cover the connections (names need DNS backing).
      const scope = detail.allowScopes[0];
      assert.equal(scope?.scope, 'pair', 'the narrowest scope is offered first');
      await host.api.addAllowRule({ ...scope.rule, note: 'Windows host services' });
    }
    const after = await host.api.listFindings({});
    assert.ok(!after.findings.some((f) => f.pairId === eset.pairId || f.pairId === microsoft.pairId));
    assert.equal(after.hidden.allowlisted, before.hidden.allowlisted + 2);
    assert.equal((await host.api.getStatus({})).lastRescore!.at, runsBefore, 'no rescore happened');
    const shown = await host.api.listFindings({ includeAllowlisted: true });
    assert.equal(shown.findings.find((f) => f.pairId === eset.pairId)?.state, 'known');
  } finally {
    await host.stop();
  }
});
