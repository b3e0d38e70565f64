import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './open.js';
import { migrations } from './migrations/index.js';
import { Store } from './store.js';

test('a database from before migration 006 upgrades: its data kept, the feeds table empty, the schedule at its defaults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-intel-db-'));
  try {
    const file = join(dir, 'old.sqlite');
    const old = openDatabase(
      file,
      migrations.filter((m) => m.version < 6),
    );
    old.prepare("INSERT INTO settings (key, value) VALUES ('alertThreshold', '0.8')").run();
    old.close();
    const store = Store.open(file);
    try {
      assert.equal(store.settings.all().alertThreshold, 0.8);
      assert.deepEqual(store.intel.feeds(), []);
      assert.deepEqual(store.intel.config(), { enabled: true, scheduleHours: 24, customDir: null });
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('intel store: a good copy round-trips; a failure sits beside it; a 304 moves only the check time; the config persists', () => {
  const store = Store.open(':memory:');
  try {
    store.intel.define({ name: 'feodo', format: 'feodo', source: 'https://example.invalid/feodo.csv', builtin: true });
    const entries = [
      { kind: 'ip' as const, value: '203.0.113.9', family: 'QakBot', firstSeen: '2026-11-02 07:44:46' },
      { kind: 'cidr' as const, value: '198.51.100.0/24' },
    ];
    store.intel.saveGood('feodo', { entries, contentBytes: 120, at: 10, etag: '"abc"', lastModified: 'Mon, 07 Dec 2026 10:00:00 GMT' });
    assert.deepEqual(store.intel.entries('feodo'), entries);
    store.intel.recordError('feodo', 'the server answered HTTP 503', 20);
    store.intel.markChecked('feodo', 30);
    store.intel.recordError('feodo', 'timeout', 40);
    const row = store.intel.feed('feodo')!;
    assert.deepEqual([row.entryCount, row.fetchedAt, row.checkedAt, row.etag, row.lastError, row.lastErrorAt], [2, 10, 30, '"abc"', 'timeout', 40]);
    assert.deepEqual(store.intel.entries('feodo'), entries, 'failures never touch the copy');
    // a definition again (the URL moved) keeps the copy and the owner's on/off
    store.intel.setEnabled('feodo', false);
    store.intel.define({ name: 'feodo', format: 'feodo', source: 'https://example.invalid/v2.csv', builtin: true });
    assert.deepEqual(
      [store.intel.feed('feodo')!.source, store.intel.feed('feodo')!.enabled, store.intel.feed('feodo')!.entryCount],
      ['https://example.invalid/v2.csv', false, 2],
    );
    assert.throws(() => store.intel.saveGood('nope', { entries, contentBytes: 1, at: 1 }), /no intel feed named nope/);
    assert.deepEqual(store.intel.setConfig({ scheduleHours: 6, customDir: '/lists' }), { enabled: true, scheduleHours: 6, customDir: '/lists' });
    assert.deepEqual(store.intel.setConfig({ enabled: false }), { enabled: false, scheduleHours: 6, customDir: '/lists' });
    assert.deepEqual(store.intel.config(), { enabled: false, scheduleHours: 6, customDir: '/lists' });
  } finally {
    store.close();
  }
});
