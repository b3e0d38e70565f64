// The catalogue's schema: zod plus the same semantic checks as the owner's rules. It checks the
// shipped catalogue.json in a test (catalogue.test.ts), not at load: the shipped data is reviewed
// and fixed at build time, and loading zod costs every `scan` ~0.16 s of start-up. Any catalogue
// that does not ship with the build must go through parseCatalogue.
import { z } from 'zod';
import { allowRuleInputSchema } from '../contract/api.js';
import type { CatalogueEntry } from './catalogue.js';
import { describeProblems, formatPath, type FieldProblem } from './errors.js';
import { normalizeMatchFields } from './rules.js';

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
