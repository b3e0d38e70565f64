// The day-one review through the API over a real engine: findings present since the first logs
// grouped by service, accept adds allow rules with the chosen scope, keep watching changes
// nothing, the review finishes when all is decided, and later findings are new since it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../engine/api.js';
import { createEngineHost } from '../engine/service/create-host.js';
import { writeReviewDnsLog } from './support/review-fixture.js';

test('day-one review: group, accept with a scope, keep watching, done, then novelty counts', { timeout: 240_000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'bw-review-api-'));
  const zeekDir = join(tmp, 'zeek');
  mkdirSync(zeekDir);
  writeReviewDnsLog(zeekDir);
  const host = await createEngineHost({ dbFile: join(tmp, 'review.sqlite'), mode: 'serve', zeekDir, log: () => undefined });
  const api = host.api;
  try {
    await host.start();
    await api.rescoreNow({});
    const first = await api.getReview({});
    assert.equal(first.pending, true);
    assert.equal(first.finishedAt, null);
    assert.deepEqual(first.groups.map((g) => g.key).sort(), ['domain:evil.example', 'domain:example.net', 'domain:thermo-cloud.example']);
    const thermo = first.groups.find((g) => g.key === 'domain:thermo-cloud.example')!;
    assert.deepEqual(thermo.findings.map((f) => f.src).sort(), ['10.0.0.7', '10.0.0.8']);
    // the late service is no part of the review, and nothing in it was lowered for being early
    assert.ok(!first.groups.some((g) => g.findings.some((f) => f.dst.includes('newcomer'))));
    assert.ok(first.groups.every((g) => g.findings.every((f) => f.state === 'new')));
    assert.equal(first.newSinceReview, 0);

    await assert.rejects(
      api.decideReview({ groupKey: 'domain:nowhere.example', decision: 'watch' }),
      (e: unknown) => e instanceof ApiError && e.code === 'not-found',
    );
    await assert.rejects(
      api.decideReview({ groupKey: thermo.key, decision: 'accept' }),
      (e: unknown) => e instanceof ApiError && e.code === 'invalid-argument',
    );

    // accept the vendor domain for every device: one rule covers both findings
    let r = await api.decideReview({ groupKey: thermo.key, decision: 'accept', scope: 'domain' });
    assert.equal(r.pending, true);
    // accept one finding on its device only
    r = await api.decideReview({ groupKey: 'domain:example.net', decision: 'accept', scope: 'pair', note: 'the NAS updater' });
    const own = (await api.listAllowRules({})).filter((x) => !x.builtin);
    assert.deepEqual(own.map((x) => [x.src, x.dst, x.note]).sort(), [
      [null, '*.thermo-cloud.example', 'accepted in the day-one review (thermo-cloud.example)'],
      ['10.0.0.5', 'updates.example.net', 'the NAS updater'],
    ]);
    // keep watching the last one: recorded, and with nothing left the review is done
    r = await api.decideReview({ groupKey: 'domain:evil.example', decision: 'watch' });
    assert.equal(r.pending, false);
    assert.equal(typeof r.finishedAt, 'number');
    assert.deepEqual(r.groups.map((g) => [g.key, g.decision]).sort(), [
      ['domain:evil.example', 'watching'],
      ['domain:example.net', 'accepted'],
      ['domain:thermo-cloud.example', 'accepted'],
    ]);

    const shown = await api.listFindings({});
    const byDst = new Map(shown.findings.map((f) => [f.dst, f.state]));
    assert.equal(byDst.get('c2.evil.example'), 'new', 'the watched one stays as it is');
    assert.equal(byDst.get('late.newcomer.example'), 'new');
    assert.ok(!byDst.has('updates.example.net') && !byDst.has('a.thermo-cloud.example') && !byDst.has('b.thermo-cloud.example'));
    const known = await api.listFindings({ includeAllowlisted: true });
    assert.deepEqual(
      known.findings
        .filter((f) => f.state === 'known')
        .map((f) => f.dst)
        .sort(),
      ['a.thermo-cloud.example', 'b.thermo-cloud.example', 'updates.example.net'],
    );
    assert.equal(r.newSinceReview, 1);

    // reopened from Settings: offered again, decisions kept, until a decision or "finish" ends it
    r = await api.finishReview({ reopen: true });
    assert.equal(r.finishedAt, null);
    assert.equal(r.pending, true);
    assert.equal(r.newSinceReview, 0);
    assert.equal(r.groups.find((g) => g.key === 'domain:evil.example')?.decision, 'watching');
    r = await api.finishReview({});
    assert.equal(r.pending, false);
    assert.equal(typeof r.finishedAt, 'number');
  } finally {
    await host.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
});
