// The built-in catalogue of known benign beacons. The entries are reviewed DATA in
// catalogue.json (imported as a JSON module so `tsc` copies it next to the compiled code);
// here they are validated with zod and the same semantic checks as the owner's rules.
import { z } from 'zod';
import { allowRuleInputSchema } from '../contract/api.js';
import type { AllowCategory, AllowRule } from '../contract/api.js';
import raw from './catalogue.json' with { type: 'json' };
import { describeProblems, formatPath, type FieldProblem } from './errors.js';
import { normalizeMatchFields, type MatchFields } from './rules.js';

const shape = allowRuleInputSchema.shape;

export const catalogueEntrySchema = z
  .object({
    /** stable: overrides and exports refer to it; never starts with `r-` (own rules do) */
    id: z
      .string()
      .regex(/^(?!r-)[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lower-case words joined by "-"')
      .max(64),
    dst: shape.dst,
    src: shape.src,
    source: shape.source,
    proto: shape.proto,
    port: shape.port,
    service: shape.service,
    category: shape.category.unwrap().unwrap().exclude(['user']),
    vendor: z.string().min(1).max(100),
    reason: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^\n\r]*$/, 'one line'),
  })
  .strict();

export type CatalogueEntryInput = z.input<typeof catalogueEntrySchema>;

/** A validated, normalised catalogue entry. */
export interface CatalogueEntry extends MatchFields {
  id: string;
  category: Exclude<AllowCategory, 'user'>;
  vendor: string;
  reason: string;
}

const documentSchema = z.object({ entries: z.array(z.unknown()) });

/** Validate entries (schema, patterns, unique ids); throws naming every bad entry. */
export function parseCatalogue(doc: unknown): CatalogueEntry[] {
  const top = documentSchema.safeParse(doc);
  if (!top.success) throw new Error(`allow-list catalogue: ${top.error.issues[0]?.message ?? 'invalid'}`);
  const problems: FieldProblem[] = [];
  const out: CatalogueEntry[] = [];
  const seen = new Set<string>();
  top.data.entries.forEach((item, i) => {
    const r = catalogueEntrySchema.safeParse(item);
    if (!r.success) {
      for (const iss of r.error.issues) problems.push({ field: formatPath(['entries', i, ...iss.path]), message: iss.message });
      return;
    }
    const { fields, problems: p } = normalizeMatchFields(r.data, false);
    for (const x of p) problems.push({ field: `entries[${i}].${x.field}`, message: x.message });
    if (seen.has(r.data.id)) problems.push({ field: `entries[${i}].id`, message: `duplicate id "${r.data.id}"` });
    seen.add(r.data.id);
    out.push({ ...fields, id: r.data.id, category: r.data.category, vendor: r.data.vendor, reason: r.data.reason });
  });
  if (problems.length) throw new Error(`allow-list catalogue is invalid: ${describeProblems(problems, 50)}`);
  return out;
}

let cached: CatalogueEntry[] | null = null;

/** The shipped catalogue, validated once per process. */
export function builtinCatalogue(): CatalogueEntry[] {
  cached ??= parseCatalogue(raw);
  return cached;
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
