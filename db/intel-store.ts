// Threat-intel feeds and their schedule (migration 006). Only persists: fetching, parsing and the
// checks that decide whether a download is good are engine/intel/. One rule is kept here as well,
// so no caller can break it: a good copy is never replaced by an empty one, and a failure is
// recorded beside the last good copy, never instead of it.
import type { SqliteDatabase } from './open.js';
import type { FeedFormat, IntelEntry } from '../engine/contract/intel-values.js';

export interface IntelFeedRow {
  name: string;
  format: FeedFormat;
  /** URL, file path, or null for text imported without one */
  source: string | null;
  builtin: boolean;
  enabled: boolean;
  entryCount: number;
  contentBytes: number | null;
  /** epoch s: when the last good copy arrived */
  fetchedAt: number | null;
  /** epoch s: when the last good copy was last confirmed current (a 304 counts) */
  checkedAt: number | null;
  etag: string | null;
  lastModified: string | null;
  lastError: string | null;
  lastErrorAt: number | null;
}

export interface IntelConfig {
  enabled: boolean;
  scheduleHours: number;
  customDir: string | null;
}

export interface GoodCopy {
  entries: readonly IntelEntry[];
  contentBytes: number;
  at: number;
  etag?: string | null;
  lastModified?: string | null;
}

/** A feed to create when missing; an existing feed keeps its entries, state and on/off. */
export interface FeedDefinition {
  name: string;
  format: FeedFormat;
  source: string | null;
  builtin: boolean;
}

interface FeedDbRow {
  name: string;
  format: FeedFormat;
  source: string | null;
  builtin: number;
  enabled: number;
  entry_count: number;
  content_bytes: number | null;
  fetched_at: number | null;
  checked_at: number | null;
  etag: string | null;
  last_modified: string | null;
  last_error: string | null;
  last_error_at: number | null;
}

const COLUMNS =
  'name, format, source, builtin, enabled, entry_count, content_bytes, fetched_at, checked_at, etag, last_modified, last_error, last_error_at';

function toRow(r: FeedDbRow): IntelFeedRow {
  return {
    name: r.name,
    format: r.format,
    source: r.source,
    builtin: r.builtin === 1,
    enabled: r.enabled === 1,
    entryCount: r.entry_count,
    contentBytes: r.content_bytes,
    fetchedAt: r.fetched_at,
    checkedAt: r.checked_at,
    etag: r.etag,
    lastModified: r.last_modified,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
  };
}

/** Entries are stored as compact tuples: [kind, value, family, firstSeen]. */
type Packed = [IntelEntry['kind'], string, string | null, string | null];

export class IntelStore {
  constructor(private readonly db: SqliteDatabase) {}

  feeds(): IntelFeedRow[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM intel_feeds ORDER BY builtin DESC, name`).all() as FeedDbRow[]).map(toRow);
  }

  feed(name: string): IntelFeedRow | null {
    const r = this.db.prepare(`SELECT ${COLUMNS} FROM intel_feeds WHERE name = ?`).get(name) as FeedDbRow | undefined;
    return r ? toRow(r) : null;
  }

  /** Creates the feed when missing; an existing one keeps its copy, its state and its on/off. Its source may move. */
  define(def: FeedDefinition): void {
    this.db
      .prepare(
        `INSERT INTO intel_feeds (name, format, source, builtin) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET source = excluded.source, format = excluded.format, builtin = excluded.builtin`,
      )
      .run(def.name, def.format, def.source, def.builtin ? 1 : 0);
  }

  remove(name: string): boolean {
    return this.db.prepare('DELETE FROM intel_feeds WHERE name = ?').run(name).changes > 0;
  }

  setEnabled(name: string, enabled: boolean): boolean {
    return this.db.prepare('UPDATE intel_feeds SET enabled = ? WHERE name = ?').run(enabled ? 1 : 0, name).changes > 0;
  }

  /** The last good copy of a feed; [] when it has none. */
  entries(name: string): IntelEntry[] {
    const json = this.db.prepare('SELECT entries FROM intel_feeds WHERE name = ?').pluck().get(name) as string | null | undefined;
    if (!json) return [];
    return (JSON.parse(json) as Packed[]).map(([kind, value, family, firstSeen]) => ({
      kind,
      value,
      ...(family ? { family } : {}),
      ...(firstSeen ? { firstSeen } : {}),
    }));
  }

  /** Replaces the feed's copy with a good one and clears its error. An empty copy is refused. */
  saveGood(name: string, copy: GoodCopy): void {
    if (copy.entries.length === 0) throw new Error(`intel feed ${name}: an empty list never replaces the stored copy`);
    const packed: Packed[] = copy.entries.map((e) => [e.kind, e.value, e.family ?? null, e.firstSeen ?? null]);
    const changed = this.db
      .prepare(
        `UPDATE intel_feeds SET entries = ?, entry_count = ?, content_bytes = ?, fetched_at = ?, checked_at = ?,
           etag = ?, last_modified = ?, last_error = NULL, last_error_at = NULL WHERE name = ?`,
      )
      .run(
        JSON.stringify(packed),
        copy.entries.length,
        copy.contentBytes,
        copy.at,
        copy.at,
        copy.etag ?? null,
        copy.lastModified ?? null,
        name,
      ).changes;
    if (changed === 0) throw new Error(`no intel feed named ${name}`);
  }

  /** The server said the copy is current (304): only the time it was confirmed moves. */
  markChecked(name: string, at: number): void {
    this.db.prepare('UPDATE intel_feeds SET checked_at = ?, last_error = NULL, last_error_at = NULL WHERE name = ?').run(at, name);
  }

  /** A fetch or import failed: recorded beside the last good copy, which stays. */
  recordError(name: string, error: string, at: number): void {
    this.db.prepare('UPDATE intel_feeds SET last_error = ?, last_error_at = ? WHERE name = ?').run(error.slice(0, 500), at, name);
  }

  config(): IntelConfig {
    const r = this.db.prepare('SELECT enabled, schedule_hours, custom_dir FROM intel_config WHERE id = 1').get() as
      { enabled: number; schedule_hours: number; custom_dir: string | null } | undefined;
    return r
      ? { enabled: r.enabled === 1, scheduleHours: r.schedule_hours, customDir: r.custom_dir }
      : { enabled: true, scheduleHours: 24, customDir: null };
  }

  setConfig(patch: Partial<IntelConfig>): IntelConfig {
    const next = { ...this.config(), ...patch };
    this.db
      .prepare(
        `INSERT INTO intel_config (id, enabled, schedule_hours, custom_dir) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, schedule_hours = excluded.schedule_hours, custom_dir = excluded.custom_dir`,
      )
      .run(next.enabled ? 1 : 0, next.scheduleHours, next.customDir);
    return next;
  }
}
