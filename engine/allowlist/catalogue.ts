// The built-in catalogue of known benign beacons. The entries are reviewed DATA in
// catalogue.json (imported as a JSON module so `tsc` copies it next to the compiled code). The
// shipped file is validated against the schema (catalogue-schema.ts, zod) by a test, not here:
// loading zod would cost every `scan` ~0.16 s of start-up. Here the entries are only normalised
// (patterns parsed), as the schema's parse would; a catalogue from anywhere else goes through
// parseCatalogue.
import type { AllowCategory, AllowRule } from '../contract/api.js';
import raw from './catalogue.json' with { type: 'json' };
import { describeProblems, type FieldProblem } from './errors.js';
import { normalizeMatchFields, type MatchFields } from './rules.js';

/** A validated, normalised catalogue entry. */
export interface CatalogueEntry extends MatchFields {
  id: string;
  category: Exclude<AllowCategory, 'user'>;
  vendor: string;
  reason: string;
}

let cached: CatalogueEntry[] | null = null;

/** The shipped catalogue (validated by catalogue.test.ts), normalised once per process. */
export function builtinCatalogue(): CatalogueEntry[] {
  cached ??= shippedEntries();
  return cached;
}

type ShippedEntry = Partial<Record<keyof MatchFields, unknown>> & Pick<CatalogueEntry, 'id' | 'category' | 'vendor' | 'reason'>;

function shippedEntries(): CatalogueEntry[] {
  const problems: FieldProblem[] = [];
  const out = (raw.entries as ShippedEntry[]).map((e, i): CatalogueEntry => {
    const { fields, problems: p } = normalizeMatchFields(e, false);
    for (const x of p) problems.push({ field: `entries[${i}].${x.field}`, message: x.message });
    return { ...fields, id: e.id, category: e.category, vendor: e.vendor, reason: e.reason };
  });
  // the patterns are parsed anyway; a shipped file that slipped past its test still fails loudly
  if (problems.length) throw new Error(`allow-list catalogue is invalid: ${describeProblems(problems, 50)}`);
  return out;
}

/** A catalogue entry as a rule, with the owner's override (enabled, note) applied. */
export function catalogueRule(e: CatalogueEntry, override: { enabled: boolean; note: string | null; updatedAt: number } | undefined): AllowRule {
  return {
    id: e.id,
    dst: e.dst,
    src: e.src,
    source: e.source,
    proto: e.proto,
    port: e.port,
    service: e.service,
    note: override?.note || e.reason,
    category: e.category,
    vendor: e.vendor,
    expiresAt: null,
    enabled: override ? override.enabled : true,
    builtin: true,
    createdAt: 0,
    updatedAt: override?.updatedAt ?? 0,
  };
}
