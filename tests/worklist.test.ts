// The overview's working list (renderer/src/lib/worklist.ts): search, filters, sort, grouping, pages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FindingView } from '../engine/api.js';
import { applyFilters, groupFindings, NO_FILTERS, pageOf, sortFindings } from '../renderer/src/lib/worklist.js';

function finding(id: number, src: string, dst: string, score: number, extra: Partial<FindingView> = {}): FindingView {
  return {
    findingId: id,
    pairId: id,
    sensor: 'sensor',
    source: 'dns',
    src,
    dst,
    variant: 'resolved',
    direction: 'outbound',
    port: null,
    proto: null,
    service: null,
    stats: { events: 10, activities: 10, periodS: 60 * id, spreadS: 1, jitterRatio: 0.01, coverage: 1, firstSeen: 0, lastSeen: 100 * id },
    score,
    scores: {},
    scoredAt: 0,
    kind: 'name',
    state: 'new',
    allowlisted: null,
    dismissed: false,
    deviceName: null,
    summary: '',
    dstNames: [],
    periodicity: score,
    logOdds: 5,
    reasons: [],
    sharedBy: 1,
    presentSinceStart: false,
    bytes: null,
    campaign: null,
    headline: '',
    members: [
      {
        pairId: id,
        sensor: 'sensor',
        source: 'dns',
        variant: 'resolved',
        dst,
        direction: 'outbound',
        port: null,
        proto: null,
        service: null,
        score,
        activities: 10,
        periodS: 60,
        summary: '',
        allowlisted: false,
        sent: null,
        received: null,
      },
    ],
    ...extra,
  };
}

const all = [
  finding(1, '10.0.0.5', 'time.apple.com', 0.9, { deviceName: 'kitchen-tv' }),
  finding(2, '10.0.0.6', 'c2.evil.example', 0.95, { dstNames: ['hidden.example'] }),
  finding(3, '10.0.0.5', 'c2.evil.example', 0.5, { state: 'known', allowlisted: { ruleId: 'r', reason: 'x', category: 'time-sync', builtin: true } }),
];

test('search matches device address and name, destination and names, every word', () => {
  const ids = (q: string) => applyFilters(all, { ...NO_FILTERS, search: q }).map((f) => f.findingId);
  assert.deepEqual(ids('kitchen'), [1]);
  assert.deepEqual(ids('evil'), [2, 3]);
  assert.deepEqual(ids('hidden'), [2]);
  assert.deepEqual(ids('10.0.0.5 evil'), [3]);
  assert.deepEqual(ids(''), [1, 2, 3]);
});

test('src: dst: port: tag: status: narrow to one field; other words match anywhere, tags and notes too', () => {
  const withPort = (f: FindingView, port: number): FindingView => ({ ...f, port, members: f.members.map((m) => ({ ...m, port })) });
  const cases = [
    withPort(all[0]!, 123),
    { ...withPort(all[1]!, 443), case: { status: 'investigating' as const, tags: ['lab', 'C2'], note: 'box under the desk', updatedAt: 1 } },
    withPort(all[2]!, 443),
    finding(4, 'fe80::1', 'printer.local', 0.7),
  ];
  const ids = (q: string) => applyFilters(cases, { ...NO_FILTERS, search: q }).map((f) => f.findingId);
  assert.deepEqual(ids('src:10.0.0.5'), [1, 3]);
  assert.deepEqual(ids('src:10.0.0.'), [1, 2, 3], 'an address start is a subnet');
  assert.deepEqual(ids('src:kitchen'), [1], 'or the device name');
  assert.deepEqual(ids('dst:evil'), [2, 3]);
  assert.deepEqual(ids('dst:hidden'), [2], 'names the device used for the address count');
  assert.deepEqual(ids('port:443'), [2, 3]);
  assert.deepEqual(ids('port:https'), [], 'a port is a number');
  assert.deepEqual(ids('tag:c2'), [2], 'tags compare whole, any case');
  assert.deepEqual(ids('tag:c'), []);
  assert.deepEqual(ids('status:investigating'), [2]);
  assert.deepEqual(ids('status:open'), [1, 3, 4], 'no case reads as open');
  assert.deepEqual(ids('port:443 src:10.0.0.5'), [3], 'every term must hold');
  assert.deepEqual(ids('desk'), [2], 'plain words reach the note');
  assert.deepEqual(ids('fe80::1'), [4], 'an IPv6 address is a plain word, not a key');
  assert.deepEqual(ids('http:'), [], 'an unknown key is a plain word');
  assert.deepEqual(
    applyFilters(cases, { ...NO_FILTERS, caseStatus: 'investigating' }).map((f) => f.findingId),
    [2],
  );
});

test('filters by state, category, device', () => {
  assert.deepEqual(
    applyFilters(all, { ...NO_FILTERS, state: 'known' }).map((f) => f.findingId),
    [3],
  );
  assert.deepEqual(
    applyFilters(all, { ...NO_FILTERS, category: 'none' }).map((f) => f.findingId),
    [1, 2],
  );
  assert.deepEqual(
    applyFilters(all, { ...NO_FILTERS, device: '10.0.0.6' }).map((f) => f.findingId),
    [2],
  );
});

test('sorts by a column both ways; groups by destination across devices; pages keep groups together', () => {
  assert.deepEqual(
    sortFindings(all, 'score', 'desc').map((f) => f.findingId),
    [2, 1, 3],
  );
  assert.deepEqual(
    sortFindings(all, 'dst', 'asc').map((f) => f.findingId),
    [2, 3, 1],
  );
  assert.deepEqual(
    sortFindings(all, 'lastSeen', 'asc').map((f) => f.findingId),
    [1, 2, 3],
  );
  const byDst = groupFindings(sortFindings(all, 'score', 'desc'), 'destination');
  assert.deepEqual(
    byDst.map((g) => [g.key, g.findings.length]),
    [
      ['c2.evil.example', 2],
      ['time.apple.com', 1],
    ],
  );
  const p = pageOf(byDst, 0, 2);
  assert.equal(p.pages, 2);
  assert.deepEqual(
    p.groups.map((g) => g.findings.length),
    [2],
  );
  assert.deepEqual(
    pageOf(byDst, 1, 2).groups.map((g) => g.key),
    ['time.apple.com'],
  );
});

test('names wrap after dots and dashes only', async () => {
  const { nameParts } = await import('../renderer/src/lib/worklist.js');
  assert.deepEqual(nameParts('telemetry.vendor-x.example'), ['telemetry.', 'vendor-', 'x.', 'example']);
  assert.deepEqual(nameParts('10.0.0.5'), ['10.', '0.', '0.', '5']);
  assert.equal(nameParts('<img src=x>.example').join(''), '<img src=x>.example');
});
