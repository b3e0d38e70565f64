// Issue #5 on real logs: benign periodic pairs can be allow-listed in one action each and leave
// the default view at once (rules apply at display time, no rescore).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngineHost } from '../engine/service.js';
import { sample, samplesMissing } from './support/samples.js';

test('stratosphere/008: ESET and Microsoft beacons are allow-listed in one action each', { skip: samplesMissing, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-008-'));
  const host = await createEngineHost({ dbFile: join(dir, 'bw.sqlite'), mode: 'serve', zeekDir: sample('stratosphere/008-zeek-mixed') });
  try {
    await host.api.updateSettings({ backfillS: 30 * 86400 }); // archives of any age
    await host.start();
    const before = await host.api.listFindings({});
    const key = (f: { source: string; src: string; dst: string }) => `${f.source} ${f.src} -> ${f.dst}`;
    const eset = before.findings.find((f) => key(f) === 'conn 147.32.81.167 -> 91.228.167.171');
    const microsoft = before.findings.find((f) => key(f) === 'conn 147.32.81.167 -> 51.104.162.168');
    assert.ok(eset && microsoft, `both listed; got ${before.findings.map(key).join(', ')}`);
    assert.ok(Math.abs(eset.stats.periodS! - 301.6) < 2 && Math.abs(microsoft.stats.periodS! - 900) < 2);
    const runsBefore = (await host.api.getStatus({})).lastRescore!.at;

    for (const f of [eset, microsoft]) {
      const detail = await host.api.getPair({ pairId: f.pairId });
      const scope = detail.allowScopes.find((s) => s.scope === 'destination');
      assert.ok(scope, 'a destination scope is offered');
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
