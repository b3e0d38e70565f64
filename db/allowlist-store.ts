// Persistence of the allow-list: the owner's rules and the overrides of built-in entries.
// Validation lives in engine/allowlist; this layer only stores what it is given.
import type { AllowCategory, AllowRule } from '../engine/contract/api.js';
import type { LogSource } from '../engine/contract/types.js';
import type { SqliteDatabase } from './open.js';

/** An own rule as stored (never built-in, no vendor). */
export type StoredAllowRule = Omit<AllowRule, 'builtin' | 'vendor'>;

export interface BuiltinOverride {
  id: string;
  enabled: boolean;
  /** the owner's note, or null to show the catalogue's reason */
  note: string | null;
  updatedAt: number;
}

export class AllowRuleStore {
  constructor(private readonly db: SqliteDatabase) {}

  listRules(): StoredAllowRule[] {
    const rows = this.db.prepare('SELECT * FROM allow_rules ORDER BY created_at, id').all() as Record<string, unknown>[];
    return rows.map(toRule);
  }

  getRule(id: string): StoredAllowRule | undefined {
    const r = this.db.prepare('SELECT * FROM allow_rules WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return r ? toRule(r) : undefined;
  }

  /** Insert or replace a rule by id; says which it did. */
  putRule(rule: StoredAllowRule): 'added' | 'replaced' {
    const existed = this.getRule(rule.id) !== undefined;
    this.db
      .prepare(
        `INSERT INTO allow_rules
           (id, dst, src, source, proto, port, service, note, category, expires_at, enabled, created_at, updated_at)
         VALUES (@id, @dst, @src, @source, @proto, @port, @service, @note, @category, @expiresAt, @enabled, @createdAt, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET
           dst = excluded.dst, src = excluded.src, source = excluded.source, proto = excluded.proto,
           port = excluded.port, service = excluded.service, note = excluded.note,
           category = excluded.category, expires_at = excluded.expires_at, enabled = excluded.enabled,
           updated_at = excluded.updated_at`,
      )
      .run({ ...rule, enabled: rule.enabled ? 1 : 0 });
    return existed ? 'replaced' : 'added';
  }

  deleteRule(id: string): boolean {
    return this.db.prepare('DELETE FROM allow_rules WHERE id = ?').run(id).changes > 0;
  }

  listOverrides(): BuiltinOverride[] {
    const rows = this.db.prepare('SELECT * FROM allow_builtin_overrides ORDER BY id').all() as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as string,
      enabled: r.enabled === 1,
      note: (r.note as string | null) ?? null,
      updatedAt: r.updated_at as number,
    }));
  }

  putOverride(o: BuiltinOverride): 'added' | 'replaced' {
    const existed = this.db.prepare('SELECT 1 FROM allow_builtin_overrides WHERE id = ?').get(o.id) !== undefined;
    this.db
      .prepare(
        `INSERT INTO allow_builtin_overrides (id, enabled, note, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, note = excluded.note, updated_at = excluded.updated_at`,
      )
      .run(o.id, o.enabled ? 1 : 0, o.note, o.updatedAt);
    return existed ? 'replaced' : 'added';
  }

  /** Run `fn` in one transaction: everything it stores, or nothing if it throws. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

function toRule(r: Record<string, unknown>): StoredAllowRule {
  return {
    id: r.id as string,
    dst: (r.dst as string | null) ?? null,
    src: (r.src as string | null) ?? null,
    source: (r.source as LogSource | null) ?? null,
    proto: (r.proto as StoredAllowRule['proto']) ?? null,
    port: (r.port as number | null) ?? null,
    service: (r.service as string | null) ?? null,
    note: (r.note as string | null) ?? '',
    category: (r.category as AllowCategory | null) ?? null,
    expiresAt: (r.expires_at as number | null) ?? null,
    enabled: r.enabled === 1,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
  };
}
