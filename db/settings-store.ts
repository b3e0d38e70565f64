// Key/value settings stored as JSON. Validation lives in engine/service/settings.ts, defaults in
// engine/service/default-settings.ts; this layer only persists.
import type { SqliteDatabase } from './open.js';

export class SettingsStore {
  constructor(private readonly db: SqliteDatabase) {}

  all(): Record<string, unknown> {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  }

  setMany(values: Record<string, unknown>): void {
    const stmt = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [k, v] of Object.entries(values)) if (v !== undefined) stmt.run(k, JSON.stringify(v));
    })();
  }
}
