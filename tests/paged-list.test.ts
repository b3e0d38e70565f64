// The renderer reads long findings lists in pages (renderer/src/lib/paged-list.ts): the pages
// together are the list; a change between pages reads it again, never a mix of two versions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiArg, FindingList, FindingView } from '../engine/api.js';
import { listFindingsPaged } from '../renderer/src/lib/paged-list.js';

const views = (n: number, tag = 'a') => Array.from({ length: n }, (_, i) => ({ findingId: i + 1, dst: `${tag}${i}` }) as unknown as FindingView);
const hidden = { allowlisted: 0, dismissed: 0, inbound: 0, belowThreshold: 0 };
/** an engine holding `list`, answering pages as listFindings does; records what it was asked */
const engine =
  (state: { list: FindingView[] }, asked: ApiArg<'listFindings'>[]) =>
  async (q: ApiArg<'listFindings'>): Promise<FindingList> => {
    asked.push(q);
    const from = q.offset ?? 0;
    return { findings: state.list.slice(from, from + (q.limit ?? 500)), total: state.list.length, hidden };
  };

test('pages put together are the list, each answer at most a page', async () => {
  const asked: ApiArg<'listFindings'>[] = [];
  const state = { list: views(1003) };
  const got = await listFindingsPaged(engine(state, asked), { limit: 10000 }, 250);
  assert.deepEqual(got.findings, state.list);
  assert.equal(got.total, 1003);
  assert.equal(asked.length, 5);
  assert.ok(asked.every((q) => (q.limit ?? 0) <= 250));
  // the limit holds across pages
  assert.equal((await listFindingsPaged(engine(state, []), { limit: 600 }, 250)).findings.length, 600);
});

test('a change between pages reads the list again from the start', async () => {
  const asked: ApiArg<'listFindings'>[] = [];
  const state = { list: views(600) };
  const inner = engine(state, asked);
  let calls = 0;
  const changing = async (q: ApiArg<'listFindings'>) => {
    // a rescore lands after the first page: one finding more
    if (++calls === 2) state.list = views(601, 'b');
    return inner(q);
  };
  const got = await listFindingsPaged(changing, { limit: 10000 }, 250);
  assert.deepEqual(got.findings, state.list, 'only the new version');
  assert.equal(asked[1]!.offset, 250);
  assert.equal(asked[2]!.offset, 0, 'read again from the start');
});
