// Issue 18: the running engine fills EngineStatus.coverage at each rescore, so the overview, the
// status bar and the tray never say "nothing found" without what was left out. rita/missing_host
// is 72 h of logs; the live window is 24 h: the rest is outside it, and said so, with the way to
// include it (a longer window in the picker), and a chosen 7-day window covers it all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngineHost } from '../engine/service/create-host.js';
import { sample, samplesMissing } from './support/samples.js';

test(
  'status and the list carry the coverage of the rescore: 72 h of logs, the last 24 h scored',
  { skip: samplesMissing, timeout: 240_000 },
  async (t) => {
    const tmp = mkdtempSync(join(tmpdir(), 'bw-rt-coverage-'));
    t.after(() => rmSync(tmp, { recursive: true, force: true }));
    const host = await createEngineHost({ dbFile: join(tmp, 'c.sqlite'), mode: 'serve', zeekDir: sample('rita/missing_host'), log: () => undefined });
    try {
      assert.equal((await host.api.getStatus({})).coverage ?? null, null, 'no coverage before a rescore');
      await host.start();
      const s = await host.api.getStatus({});
      const c = s.coverage!;
      assert.equal(s.logDir?.state, 'ok');
      assert.equal(c.windowS, 86_400);
      assert.ok(c.dataTo! - c.dataFrom! > 2 * 86_400, `${c.dataFrom} – ${c.dataTo}`);
      assert.ok(c.pairsOutside > 0 && c.eventsOutside > 0, JSON.stringify(c));
      assert.ok(c.filesFound > 0);
      assert.equal(s.coverageNote!.partial, true);
      assert.match(
        s.coverageNote!.sentence,
        /^3 days of logs \(2024-04-18 – 2024-04-21\); scored the 24 h ending 2024-04-21 \d\d:\d\d UTC \([\d,]+ pairs\); [\d,]+ pairs \([\d,]+ events\) outside it: choose a longer window to include them; 2 rows skipped as malformed\.$/,
      );
      const live = await host.api.listFindings({});
      assert.deepEqual(live.coverageNote, s.coverageNote);
      // a chosen window that reaches over the whole capture leaves nothing out
      const week = { end: null, lengthS: 7 * 86_400 };
      const wide = await host.api.listFindings({ window: week });
      assert.match(wide.coverageNote!.sentence, /scored the 7 days ending .*; nothing outside it/);
    } finally {
      await host.stop();
    }
  },
);
