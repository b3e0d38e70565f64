// Shared by the allow-list tests: an in-memory store and pair builders.
import { openDatabase, type SqliteDatabase } from '../../db/open.js';
import { AllowRuleStore } from '../../db/allowlist-store.js';
import { Allowlist } from './allowlist.js';
import type { CatalogueEntry } from './catalogue.js';
import type { MatchablePair } from './rules.js';

export function memoryAllowlist(catalogue?: CatalogueEntry[]): { list: Allowlist; store: AllowRuleStore; db: SqliteDatabase } {
  const db = openDatabase(':memory:');
  const store = new AllowRuleStore(db);
  return { list: new Allowlist(store, catalogue), store, db };
}

export function pair(p: Partial<MatchablePair> & { dst: string }): MatchablePair {
  return { source: 'ssl', src: '192.168.1.10', variant: null, port: 443, proto: 'tcp', service: null, ...p };
}

export const NOW = 1_800_000_000;
