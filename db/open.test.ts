import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from './open.js';
import { migrations } from './migrations/index.js';

test('migrations are recorded and a database from a newer version is refused', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'bw-db-')), 'x.sqlite');
  const db = openDatabase(file);
  const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
  assert.deepEqual(
    versions,
    migrations.map((m) => m.version),
  );
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
  db.close();

  const raw = new Database(file);
  raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, 0)').run('future');
  raw.close();
  assert.throws(() => openDatabase(file), /schema version 999.*newer version/);

  // Nothing stored was lost by the refusal.
  const again = new Database(file);
  assert.equal(again.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get(), '1');
  again.close();
});

test('an unusable database file gets a clear error naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-db-'));
  assert.throws(
    () => openDatabase(dir),
    (err: Error) => err.message.includes(dir),
  );
});
