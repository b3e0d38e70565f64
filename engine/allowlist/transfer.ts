// The import/export document: {format: 'beaconwatch-allowlist', version: 1, rules: [...]}.
// Own rules are written with the fields they set; built-in entries only as overrides
// ({id, builtin: true, enabled, note}). Parsing checks everything before anything is stored
// and names the rule index and field of every problem.
import { z } from 'zod';
import { allowRuleInputSchema } from '../contract/api.js';
import type { AllowRule, AllowRuleInput } from '../contract/api.js';
import { AllowRuleError, describeProblems, formatPath, type FieldProblem } from './errors.js';
import { normalizeMatchFields, ruleToInput, type MatchFields } from './rules.js';

export const ALLOWLIST_FORMAT = 'beaconwatch-allowlist';
export const ALLOWLIST_VERSION = 1;
export const OWN_ID_RE = /^r-[a-z0-9][a-z0-9-]{0,60}$/;
const MAX_RULES = 10_000;

// `force` is the importer's decision, never the file's
const ownRuleSchema = allowRuleInputSchema.omit({ force: true }).extend({
  id: z.string().regex(OWN_ID_RE, 'own rule ids look like "r-1a2b3c" (or leave the id out)').optional(),
  builtin: z.literal(false).optional(),
});
const overrideSchema = z
  .object({
    id: z.string().min(1).max(64),
    builtin: z.literal(true),
    enabled: z.boolean().optional(),
    note: z.string().max(500).optional(),
  })
  .strict();

export type ImportItem =
  | { kind: 'own'; index: number; id: string | undefined; input: AllowRuleInput; fields: MatchFields }
  | { kind: 'override'; index: number; id: string; enabled: boolean | undefined; note: string | undefined };

export interface ExportOverride {
  id: string;
  enabled: boolean;
  note: string | null;
}

/** The export document, pretty-printed. Overrides that change nothing are left out. */
export function buildExport(own: readonly AllowRule[], overrides: readonly ExportOverride[], exportedAt: number): string {
  const rules: Record<string, unknown>[] = own.map((r) => ({ id: r.id, ...ruleToInput(r) }));
  for (const o of overrides) {
    if (o.enabled && !o.note) continue;
    rules.push({ id: o.id, builtin: true, enabled: o.enabled, ...(o.note ? { note: o.note } : {}) });
  }
  const doc = {
    format: ALLOWLIST_FORMAT,
    version: ALLOWLIST_VERSION,
    exportedAt: new Date(exportedAt * 1000).toISOString(),
    rules,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Parse and fully validate an import document. Throws AllowRuleError listing the problems
 * (e.g. `rules[3].dst: "*.com" is a public suffix …`). Overrides of built-in entries this
 * version does not ship are skipped (a newer or older catalogue), not an error.
 */
export function parseImport(json: string, builtinIds: ReadonlySet<string>): ImportItem[] {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new AllowRuleError(`import refused, nothing was stored: not valid JSON (${(e as Error).message})`);
  }
  const fail = (problems: FieldProblem[]): never => {
    throw new AllowRuleError(`import refused, nothing was stored: ${describeProblems(problems)}`);
  };
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return fail([{ field: '', message: 'expected a JSON object {format, version, rules}' }]);
  }
  const d = doc as Record<string, unknown>;
  if (d.format !== ALLOWLIST_FORMAT) {
    return fail([{ field: 'format', message: `expected "${ALLOWLIST_FORMAT}", got ${JSON.stringify(d.format ?? null)}` }]);
  }
  if (d.version !== ALLOWLIST_VERSION) {
    const newer = typeof d.version === 'number' && d.version > ALLOWLIST_VERSION;
    return fail([
      {
        field: 'version',
        message: newer
          ? `version ${d.version} was written by a newer Beaconwatch (this one reads version ${ALLOWLIST_VERSION})`
          : `expected ${ALLOWLIST_VERSION}, got ${JSON.stringify(d.version ?? null)}`,
      },
    ]);
  }
  if (!Array.isArray(d.rules)) return fail([{ field: 'rules', message: 'expected an array of rules' }]);
  if (d.rules.length > MAX_RULES) return fail([{ field: 'rules', message: `at most ${MAX_RULES} rules` }]);

  const problems: FieldProblem[] = [];
  const items: ImportItem[] = [];
  const ids = new Map<string, number>();
  d.rules.forEach((rule: unknown, index) => {
    const at = (field: string) => (field ? `rules[${index}].${field}` : `rules[${index}]`);
    const isOverride = typeof rule === 'object' && rule !== null && (rule as { builtin?: unknown }).builtin === true;
    const parsed = isOverride ? overrideSchema.safeParse(rule) : ownRuleSchema.safeParse(rule);
    if (!parsed.success) {
      for (const iss of parsed.error.issues) problems.push({ field: formatPath(['rules', index, ...iss.path]), message: iss.message });
      return;
    }
    const id = parsed.data.id;
    if (id !== undefined) {
      const first = ids.get(id);
      if (first !== undefined) problems.push({ field: at('id'), message: `duplicate id "${id}" (also rules[${first}])` });
      else ids.set(id, index);
    }
    if (isOverride) {
      const o = parsed.data as z.infer<typeof overrideSchema>;
      if (builtinIds.has(o.id)) items.push({ kind: 'override', index, id: o.id, enabled: o.enabled, note: o.note });
      return;
    }
    const { id: _id, builtin: _b, ...input } = parsed.data as z.infer<typeof ownRuleSchema>;
    const { fields, problems: p } = normalizeMatchFields(input, true);
    for (const x of p) problems.push({ field: at(x.field), message: x.message });
    items.push({ kind: 'own', index, id, input, fields });
  });
  if (problems.length) fail(problems);
  return items;
}
