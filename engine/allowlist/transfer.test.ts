import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AllowRuleError } from './errors.js';
import { openDatabase } from '../../db/open.js';
import { AllowRuleStore } from '../../db/allowlist-store.js';
import { Allowlist } from './allowlist.js';
import type { CatalogueEntry } from './catalogue.js';
import type { MatchablePair } from './rules.js';

const NOW = 1_800_000_000;
const memoryAllowlist = (catalogue?: CatalogueEntry[]) => ({ list: new Allowlist(new AllowRuleStore(openDatabase(':memory:')), catalogue) });
const pair = (p: Partial<MatchablePair> & { dst: string }): MatchablePair => ({
  source: 'ssl',
  src: '192.168.1.10',
  variant: null,
  port: 443,
  proto: 'tcp',
  service: null,
  ...p,
});

const CAT: CatalogueEntry[] = [
  {
    id: 'ex',
    dst: '*.example.com',
    src: null,
    source: null,
    proto: null,
    port: null,
    service: null,
    category: 'telemetry',
    vendor: 'Ex',
    reason: 'why',
  },
  {
    id: 'ey',
    dst: 'y.example.net',
    src: null,
    source: null,
    proto: null,
    port: null,
    service: null,
    category: 'telemetry',
    vendor: 'Ey',
    reason: 'why',
  },
];
const doc = (rules: unknown[]) => JSON.stringify({ format: 'beaconwatch-allowlist', version: 1, rules });

function refused(json: string, pattern: RegExp) {
  const { list } = memoryAllowlist(CAT);
  list.add({ dst: 'keep.example.org' }, NOW);
  const before = list.exportJson(NOW);
  assert.throws(
    () => list.importJson(json, NOW),
    (e: unknown) => e instanceof AllowRuleError && pattern.test(e.message) && /nothing was stored/.test(e.message),
  );
  assert.equal(list.exportJson(NOW), before, 'nothing stored on error');
}

test('import refuses bad documents with clear messages and stores nothing', () => {
  refused('{not json', /not valid JSON/);
  refused('[]', /expected a JSON object/);
  refused(JSON.stringify({ format: 'rita-safelist', version: 1, rules: [] }), /format: expected "beaconwatch-allowlist"/);
  refused(JSON.stringify({ format: 'beaconwatch-allowlist', version: 2, rules: [] }), /version: version 2 was written by a newer Beaconwatch/);
  refused(JSON.stringify({ format: 'beaconwatch-allowlist', version: 1 }), /rules: expected an array/);
  // the good rules before a bad one are not stored either
  refused(
    doc([{ dst: 'a.example.org' }, { dst: 'b.example.org' }, { dst: 'c.example.org' }, { dst: '*.com' }]),
    /rules\[3\]\.dst: "\*\.com" is a public suffix/,
  );
  refused(doc([{ dst: 'a.example.org', colour: 'red' }]), /rules\[0\]: Unrecognized key: "colour"/);
  refused(doc([{ dst: 'a.example.org', port: 'eighty' }]), /rules\[0\]\.port: /);
  refused(doc([{ note: 'matches nothing' }]), /rules\[0\]\.dst: a rule needs a destination/);
  refused(
    doc([
      { id: 'r-aa', dst: 'a.example.org' },
      { id: 'r-aa', dst: 'b.example.org' },
    ]),
    /rules\[1\]\.id: duplicate id "r-aa" \(also rules\[0\]\)/,
  );
  refused(doc([{ id: 'ntp-pool', dst: 'a.example.org' }]), /rules\[0\]\.id: own rule ids look like/);
  refused(doc([{ id: 'ex', builtin: true, dst: 'a.example.org' }]), /rules\[0\]: Unrecognized key: "dst"/);
  refused(doc([{ src: '10.0.0.1' }, 'x']), /rules\[1\]: /);
});

test('export → import round trip into an empty store reproduces the rules', () => {
  const a = memoryAllowlist(CAT);
  a.list.add({ dst: '*.vendor.example.org', note: 'thermostat\u001b[31m', category: 'smart-home' }, NOW);
  a.list.add({ src: '192.168.1.0/24', dst: '203.0.113.0/24', source: 'conn', proto: 'udp', port: 123, expiresAt: NOW + 3600 }, NOW);
  a.list.add({ dst: 'api.example.org', service: 'ssl', enabled: false }, NOW);
  a.list.update('ex', { enabled: false, note: 'we do not use Ex' }, NOW);
  const json = a.list.exportJson(NOW);
  const parsed = JSON.parse(json) as { format: string; version: number; rules: Record<string, unknown>[] };
  assert.equal(parsed.format, 'beaconwatch-allowlist');
  assert.equal(parsed.version, 1);
  assert.equal(parsed.rules.length, 4);
  assert.deepEqual(parsed.rules[3], { id: 'ex', builtin: true, enabled: false, note: 'we do not use Ex' });
  assert.ok(!json.includes('\u001b'), 'JSON escapes control characters');

  const b = memoryAllowlist(CAT);
  assert.deepEqual(b.list.importJson(json, NOW + 10), { added: 4, replaced: 0 });
  const strip = (rules: ReturnType<typeof a.list.rules>) => rules.map(({ createdAt: _c, updatedAt: _u, ...r }) => r);
  assert.deepEqual(strip(b.list.rules()), strip(a.list.rules()));
  assert.equal(b.list.match(pair({ dst: 'x.example.com' }), NOW), null, 'built-in stays disabled');
  // importing again replaces by id instead of duplicating
  assert.deepEqual(b.list.importJson(json, NOW + 20), { added: 0, replaced: 4 });
  assert.equal(b.list.rules().length, a.list.rules().length);
});

test('import: rules without id are added, unknown built-in overrides are skipped, expired rules accepted', () => {
  const { list } = memoryAllowlist(CAT);
  const r = list.importJson(
    doc([
      { dst: 'a.example.org', note: 'from a friend' },
      { id: 'gone-from-catalogue', builtin: true, enabled: false },
      { id: 'ey', builtin: true, enabled: false },
      { dst: 'old.example.org', expiresAt: NOW - 100 },
    ]),
    NOW,
  );
  assert.deepEqual(r, { added: 3, replaced: 0 });
  const own = list.rules().filter((x) => !x.builtin);
  assert.equal(own.length, 2);
  assert.match(own[0]!.id, /^r-[0-9a-f]{10}$/);
  assert.equal(list.rules().find((x) => x.id === 'ey')?.enabled, false);
  assert.equal(list.match(pair({ dst: 'old.example.org' }), NOW), null);
});

test('the store runs an import in one transaction: a failure part-way stores nothing', () => {
  const store = new AllowRuleStore(openDatabase(':memory:'));
  const rule = {
    id: 'r-1',
    dst: 'a.example.org',
    src: null,
    source: null,
    proto: null,
    port: null,
    service: null,
    note: '',
    category: null,
    expiresAt: null,
    enabled: true,
    createdAt: NOW,
    updatedAt: NOW,
  };
  assert.throws(() =>
    store.transaction(() => {
      store.putRule(rule);
      store.putOverride({ id: 'ex', enabled: false, note: null, updatedAt: NOW });
      throw new Error('disk full');
    }),
  );
  assert.deepEqual(store.listRules(), []);
  assert.deepEqual(store.listOverrides(), []);
  assert.equal(store.putRule(rule), 'added');
  assert.equal(store.putRule({ ...rule, note: 'x' }), 'replaced');
  assert.equal(store.getRule('r-1')?.note, 'x');
});
