// The findings cache (findings-cache.ts) answers what building afresh answers: after each event
// that changes findings (rescore, allow rule added and removed, dismissal, settings, device
// label), the API's cached lists equal the lists built from the store at that moment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FindingList } from '../contract/api.js';
import { createApi } from './api-impl.js';
import { EngineRuntime } from './runtime.js';
import { findingOfPair, listDevices, listFindings } from './views.js';
import { withCase, withCases } from './case-api.js';

const EVERY = { includeAllowlisted: true, includeDismissed: true, includeInbound: true, includeBelowThreshold: true, limit: 10000 };
const plain = ({ coverageNote: _, ...list }: FindingList) => list;

test('cached findings equal freshly built ones after every change that invalidates them', { timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-findings-cache-'));
  const rt = new EngineRuntime({ dbFile: join(dir, 'bw.sqlite'), mode: 'serve' });
  t.after(async () => {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const api = createApi(rt);
  await api.loadDemo({});

  /** the API's answers (cached) against the views built from the store now (uncached) */
  const same = async (after: string) => {
    const rows = rt.store.pairs.listScoredPairs();
    const ctx = rt.viewContext();
    // the owner's cases are laid over the answers (never cached): the fresh side gets them the same way
    const fresh = (q: typeof EVERY | Record<string, never>) => {
      const l = listFindings(rows, ctx, q);
      return { ...l, findings: withCases(rt.store.cases, l.findings) };
    };
    for (const q of [{}, EVERY]) assert.deepEqual(plain(await api.listFindings(q)), fresh(q), `listFindings after ${after}`);
    assert.deepEqual(await api.listDevices({}), listDevices(rows, ctx), `listDevices after ${after}`);
    const every = listFindings(rows, ctx, EVERY).findings;
    assert.ok(every.length > 0, 'the demo has findings');
    for (const v of every.slice(0, 5)) {
      const member = v.members.at(-1)!.pairId;
      assert.deepEqual(
        (await api.getPair({ pairId: member })).finding,
        withCase(rt.store.cases, findingOfPair(rows, ctx, member)!),
        `getPair after ${after}`,
      );
    }
    return every;
  };

  const first = await same('the first rescore');
  // asked twice: the second answer comes from the cache and is the same
  await same('a second look');

  await api.rescoreNow({});
  await same('a rescore');

  const target = first.find((v) => !v.allowlisted && !v.dismissed && v.state === 'new')!;
  assert.ok(target, 'the demo has a new finding');
  const rule = await api.addAllowRule({ src: target.src, note: 'test: the whole device' });
  const allowed = await same('an allow rule added');
  assert.ok(allowed.find((v) => v.findingId === target.findingId)?.allowlisted, 'the rule shows in the cached list');
  await api.removeAllowRule({ id: rule.id });
  const removed = await same('the allow rule removed');
  assert.equal(removed.find((v) => v.findingId === target.findingId)?.allowlisted ?? null, null);

  await api.dismissPair({ pairId: target.pairId, dismissed: true });
  const dismissed = await same('a dismissal');
  assert.equal(dismissed.find((v) => v.findingId === target.findingId)?.dismissed, true);
  await api.dismissPair({ pairId: target.pairId, dismissed: false });
  await same('the dismissal undone');

  // a threshold just above the finding's score hides it below the threshold
  await api.updateSettings({ alertThreshold: Math.min(1, target.score + 1e-9) });
  await same('a settings change');
  assert.ok(!(await api.listFindings({})).findings.some((v) => v.findingId === target.findingId), 'the threshold changed the list');

  await api.setDeviceLabel({ address: target.src, label: 'Kitchen speaker' });
  await same('a device label');

  // pages of the sorted list put together are the whole list
  const whole = (await api.listFindings(EVERY)).findings;
  const paged = [];
  for (let offset = 0; offset < whole.length; offset += 7) paged.push(...(await api.listFindings({ ...EVERY, limit: 7, offset })).findings);
  assert.deepEqual(paged, whole);
});
