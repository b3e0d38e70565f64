// The settings' validation, built from the one table (settings-fields.ts): a zod object whose
// inferred type is the contract's `Settings`, and zod's issues said in the page's words
// ("Rescore every: at least 1 minute") as structured field errors.
import { z } from 'zod';
import {
  describeProblem,
  SETTING_FIELDS,
  type FieldError,
  type FieldProblem,
  type NumberField,
  type SettingField,
  type SettingFields,
  type TextField,
  type TextListField,
} from './settings-fields.js';

type ZodFor<F extends SettingField> = F extends NumberField
  ? z.ZodNumber
  : F extends TextListField
    ? z.ZodArray<z.ZodString>
    : F extends TextField
      ? z.ZodNullable<z.ZodString>
      : z.ZodBoolean;
export type SettingsShape<T extends SettingFields> = { -readonly [K in keyof T]: ZodFor<T[K]> };

/** http(s) only: alerts go to a web address the owner typed, nothing else (no file:, no data:) */
function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

function zodFor(f: SettingField): z.ZodType {
  switch (f.kind) {
    case 'int':
    case 'number': {
      const n = f.kind === 'int' ? z.number().int() : z.number();
      return n.min(f.min).max(f.max);
    }
    case 'boolean':
      return z.boolean();
    case 'text-list':
      return z.array(z.string().max(f.maxLength)).max(f.maxItems);
    case 'text':
    case 'url': {
      let s = z.string().max(f.maxLength);
      if (f.kind === 'url') s = s.refine(isHttpUrl, 'must be an http:// or https:// address');
      const refuse = f.refuse;
      if (refuse) s = s.refine((v) => !refuse.pattern.test(v), refuse.message);
      return s.nullable();
    }
  }
}

/** The whole settings object a table describes (every field required, nothing else). */
export function settingsSchemaOf<T extends SettingFields>(fields: T): z.ZodObject<SettingsShape<T>, z.core.$strict> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, f] of Object.entries(fields)) shape[key] = zodFor(f);
  return z.object(shape).strict() as unknown as z.ZodObject<SettingsShape<T>, z.core.$strict>;
}

export const settingsSchema = settingsSchemaOf(SETTING_FIELDS);
/** The settings, as the table and its schema say: `Settings` in the contract. */
export type SettingsValues = z.infer<typeof settingsSchema>;

function problemOf(issue: z.core.$ZodIssue): FieldProblem {
  switch (issue.code) {
    case 'too_small':
      return { kind: 'too-small' };
    case 'too_big':
      return issue.origin === 'string' ? { kind: 'too-long' } : issue.origin === 'array' ? { kind: 'too-many' } : { kind: 'too-big' };
    case 'invalid_type':
      return issue.expected === 'int' ? { kind: 'not-whole' } : { kind: 'wrong-type' };
    default:
      return { kind: 'other', message: issue.message };
  }
}

/** zod's issues about a settings patch, one worded error per field (the first issue of each). */
export function settingsFieldErrors(fields: SettingFields, issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const out = new Map<string, FieldError>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) if (!out.has(k)) out.set(k, { field: k, message: `${k}: is not a setting` });
      continue;
    }
    const key = String(issue.path[0] ?? '');
    if (key === '') {
      out.set('(settings)', { field: '(settings)', message: `Settings: ${issue.message}` });
      continue;
    }
    if (!out.has(key)) out.set(key, describeProblem(fields, key, problemOf(issue)));
  }
  return [...out.values()];
}
