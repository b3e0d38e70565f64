// Opens (and migrates) the SQLite store. The only place that configures the connection.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations, type Migration } from './migrations/index.js';
import { explainStoreError } from './store-errors.js';

export type SqliteDatabase = Database.Database;

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/**
 * Open the database file (created if missing) and bring its schema up to date.
 * A database written by a newer Beaconwatch is refused rather than silently misread.
 */
export interface OpenOptions {
  /**
   * a store thrown away after one run (`scan`'s temporary store): no write-ahead log and no
   * syncs, so every page is written once; a killed run loses only what it would delete anyway
   */
  scratch?: boolean;
}

export function openDatabase(file: string, list: readonly Migration[] = migrations, opts: OpenOptions = {}): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
  } catch (cause) {
    throw new StoreError(explainStoreError(cause, file) ?? `cannot open database ${file}: ${(cause as Error).message}`, { cause });
  }
  try {
    // WAL: readers (the UI) never block the ingest writer. NORMAL sync is crash-safe for a
    // killed process (the OS still has the pages); only a power cut may drop the last commits.
    db.pragma(opts.scratch ? 'journal_mode = MEMORY' : 'journal_mode = WAL');
    db.pragma(opts.scratch ? 'synchronous = OFF' : 'synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, file, list);
  } catch (cause) {
    db.close();
    if (cause instanceof StoreError) throw cause;
    throw new StoreError(explainStoreError(cause, file) ?? `cannot use database ${file}: ${(cause as Error).message}`, { cause });
  }
  return db;
}

function migrate(db: SqliteDatabase, file: string, list: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  const latest = list.reduce((m, x) => Math.max(m, x.version), 0);
  if (current > latest) {
    throw new StoreError(
      `database ${file} has schema version ${current}, but this Beaconwatch knows only up to ${latest}: ` +
        'it was written by a newer version. Upgrade Beaconwatch or choose another database file.',
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    // foreign_keys cannot change inside a transaction: off around it, checked before the commit
    if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (m.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new StoreError(`migration ${m.version} (${m.name}) would leave ${broken.length} rows without their pair`);
        }
        record.run(m.version, m.name, Date.now() / 1000);
      })();
    } finally {
      if (m.foreignKeysOff) db.pragma('foreign_keys = ON');
    }
  }
}
