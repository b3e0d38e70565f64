import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FindingView } from '../contract/api.js';
import { groupFindings, groupOf, reviewCandidates } from './review-groups.js';

/** only the fields the review reads; the rest of a FindingView does not matter here */
function finding(over: Partial<FindingView>): FindingView {
  return {
    src: '10.0.0.5',
    dst: 'x.example.com',
    direction: 'outbound',
    score: 0.99,
    presentSinceStart: true,
    bytes: null,
    dismissed: false,
    allowlisted: null,
    ...over,
  } as FindingView;
}
const builtin = (ruleId: string) => ({ ruleId, reason: 'r', category: 'time-sync' as const, builtin: true });
const vendors: Record<string, string> = { 'apple-time': 'Apple' };
const vendorOf = (id: string) => vendors[id] ?? null;

test('review groups: catalogue vendor, else registered domain, else the destination', () => {
  assert.deepEqual(groupOf(finding({ dst: 'time.apple.com', allowlisted: builtin('apple-time') }), vendorOf), {
    key: 'vendor:Apple',
    label: 'Apple',
    by: 'vendor',
  });
  // the owner's own rule does not move a finding between groups (its decision stays put)
  assert.equal(
    groupOf(finding({ dst: 'a.cloud.example.co.uk', allowlisted: { ...builtin('u1'), builtin: false } }), vendorOf).key,
    'domain:example.co.uk',
  );
  assert.equal(groupOf(finding({ dst: '*.thermo.example' }), vendorOf).key, 'domain:thermo.example');
  assert.deepEqual(groupOf(finding({ dst: '203.0.113.9' }), vendorOf), { key: 'dst:203.0.113.9', label: '203.0.113.9', by: 'destination' });
  // a built-in rule without a vendor falls back to the domain
  assert.equal(groupOf(finding({ dst: 'pool.ntp.org', allowlisted: builtin('ntp') }), vendorOf).key, 'domain:ntp.org');
});

test('review groups keep the findings order and are known only when every member is built-in known', () => {
  const groups = groupFindings(
    [
      finding({ src: '10.0.0.7', dst: 'a.thermo.example' }),
      finding({ dst: 'time.apple.com', allowlisted: builtin('apple-time') }),
      finding({ src: '10.0.0.8', dst: 'b.thermo.example' }),
      finding({ dst: 'gs.apple.com', allowlisted: builtin('apple-time') }),
    ],
    vendorOf,
  );
  assert.deepEqual(
    groups.map((g) => [g.key, g.known, g.findings.map((f) => f.dst)]),
    [
      ['domain:thermo.example', false, ['a.thermo.example', 'b.thermo.example']],
      ['vendor:Apple', true, ['time.apple.com', 'gs.apple.com']],
    ],
  );
});

test('review candidates: present since the start, outbound or local, not dismissed, above threshold or known; nothing lowered', () => {
  const keep = finding({ dst: 'c2.example' });
  const known = finding({ dst: 'time.apple.com', score: 0.2, allowlisted: builtin('apple-time') });
  const out = reviewCandidates(
    [
      keep,
      known,
      finding({ dst: 'late.example', presentSinceStart: false }),
      finding({ dst: 'weak.example', score: 0.3 }),
      finding({ dst: 'gone.example', dismissed: true }),
      finding({ dst: 'scan.example', direction: 'inbound' }),
    ],
    0.5,
  );
  assert.deepEqual(out, [keep, known]);
  assert.equal(out[0]!.score, 0.99);
});
