// THE one definition of the settings: one row per field with its kind, bounds, default and how
// the Settings page shows it (label, unit, scale). Everything else is derived from this table:
// the TypeScript type and the validation (settings-schema.ts, zod), the defaults
// (engine/service/default-settings.ts), the page's inputs, bounds and placeholders and the worded
// errors (renderer/src/views/SettingsView.svelte). Pure and zod-free: `scan` reads the defaults
// without loading zod, and the renderer imports it as a value.

/** How a page unit is said: "1 minute", "5 minutes", "80 %". */
export interface SettingUnit {
  one: string;
  many: string;
}

interface FieldBase {
  /** the field's name as the page (and every error message) says it */
  label: string;
  /** what it does, for the page's hint and the docs */
  about: string;
}

export interface NumberField extends FieldBase {
  kind: 'int' | 'number';
  /** bounds and default in stored units (seconds, 0–1, days…) */
  min: number;
  max: number;
  default: number;
  unit: SettingUnit;
  /** stored units per page unit: 60 shows seconds as minutes, 0.01 shows 0–1 as % */
  scale: number;
  /** shown on the Settings page (the others are set by the CLI's flags or not at all) */
  page: boolean;
}

export interface BooleanField extends FieldBase {
  kind: 'boolean';
  default: boolean;
}

/** free text or an http(s) address; empty is stored as null */
export interface TextField extends FieldBase {
  kind: 'text' | 'url';
  maxLength: number;
  default: string | null;
  /** a pattern the value must not match, with the words saying why (the token in a link) */
  refuse?: { pattern: RegExp; message: string };
}

export interface TextListField extends FieldBase {
  kind: 'text-list';
  maxItems: number;
  maxLength: number;
  default: readonly string[];
}

export type SettingField = NumberField | BooleanField | TextField | TextListField;
export type SettingFields = Record<string, SettingField>;

/** Private, link-local, ULA and loopback ranges: a home network without configuration. */
export const DEFAULT_LOCAL_NETWORKS: readonly string[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '127.0.0.0/8',
  '100.64.0.0/10',
  'fc00::/7',
  'fe80::/10',
  '::1/128',
];

// the sensors list's entries (`name=DIR`) and the default sensor's name, for the Settings page
export { DEFAULT_SENSOR, formatSensorSpec, parseSensorSpec } from './sensors.js';

const MINUTES: Pick<NumberField, 'unit' | 'scale'> = { unit: { one: 'minute', many: 'minutes' }, scale: 60 };
const HOURS: Pick<NumberField, 'unit' | 'scale'> = { unit: { one: 'hour', many: 'hours' }, scale: 3600 };
const DAY_S = 86400;

export const SETTING_FIELDS = {
  zeekDir: { kind: 'text', label: 'Zeek log directory', about: 'the folder Zeek writes its logs to', maxLength: 4096, default: null },
  sensors: {
    kind: 'text-list',
    label: 'Sensors',
    about: 'more Zeek log folders, one a line as name=folder (workshop=/var/log/zeek); the folder above is the sensor "sensor"',
    maxItems: 32,
    maxLength: 4200,
    default: [],
  },
  localNetworks: {
    kind: 'text-list',
    label: 'Local networks',
    about: 'CIDRs considered local (default: private, link-local and ULA ranges)',
    maxItems: 256,
    maxLength: 64,
    default: DEFAULT_LOCAL_NETWORKS,
  },
  rescoreIntervalS: {
    kind: 'int',
    label: 'Rescore every',
    about: 'how often every pair is scored again',
    min: 60,
    max: 7 * DAY_S,
    default: 3600,
    ...MINUTES,
    page: true,
  },
  alertThreshold: {
    kind: 'number',
    label: 'Alert above',
    about: 'the score a finding needs to be new and alerted',
    min: 0,
    max: 1,
    default: 0.8,
    unit: { one: '%', many: '%' },
    scale: 0.01,
    page: true,
  },
  retentionDays: {
    kind: 'int',
    label: 'Keep data for',
    about: 'events older than this before the newest are removed',
    min: 1,
    max: 365,
    default: 7,
    unit: { one: 'day', many: 'days' },
    scale: 1,
    page: true,
  },
  windowS: {
    kind: 'int',
    label: 'Scoring window',
    about: 'how far back the rescore looks',
    min: 3600,
    max: 7 * DAY_S,
    default: DAY_S,
    ...HOURS,
    page: false,
  },
  backfillS: {
    kind: 'int',
    label: 'Backfill on first start',
    about: 'how much of the existing logs is read when a folder is first followed',
    min: 0,
    max: 30 * DAY_S,
    default: DAY_S,
    ...HOURS,
    page: false,
  },
  activityGapS: {
    kind: 'number',
    label: 'Activity gap',
    about: 'events closer than this are one activity',
    min: 0,
    max: 600,
    default: 1,
    unit: { one: 'second', many: 'seconds' },
    scale: 1,
    page: false,
  },
  notifications: { kind: 'boolean', label: 'Notify me', about: 'a desktop notification once per new finding', default: true },
  alertNtfyUrl: {
    kind: 'url',
    label: 'ntfy topic address',
    about: 'an ntfy topic URL (e.g. https://ntfy.sh/my-topic) that gets each new finding; null: none',
    maxLength: 2048,
    default: null,
  },
  alertWebhookUrl: {
    kind: 'url',
    label: 'Webhook address',
    about: 'a URL that gets each new finding as JSON (POST); null: none',
    maxLength: 2048,
    default: null,
  },
  alertLinkBase: {
    kind: 'url',
    label: 'Link in alerts',
    about: 'where a person opens this Beaconwatch (serve’s address as the phone reaches it, without the token): alerts then carry the finding’s link',
    maxLength: 2048,
    default: null,
    // never the token: a message on a phone is no place for a key to the API
    refuse: { pattern: /token=/i, message: 'must not hold the token (the link asks for it when opened)' },
  },
} as const satisfies SettingFields;

/** The value a field holds. */
export type SettingValue<F extends SettingField> = F extends NumberField
  ? number
  : F extends BooleanField
    ? boolean
    : F extends TextListField
      ? string[]
      : string | null;

/** The settings a table describes (the contract's `Settings` is this over SETTING_FIELDS, checked against zod's). */
export type SettingsOf<T extends SettingFields> = { -readonly [K in keyof T]: SettingValue<T[K]> };

/** The defaults a table describes (lists copied, so nobody mutates the table). */
export function defaultsOf<T extends SettingFields>(fields: T): SettingsOf<T> {
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(fields)) out[key] = f.kind === 'text-list' ? [...f.default] : f.default;
  return out as SettingsOf<T>;
}

// ---------- the page's units ----------

/** A stored value in the page's unit (3600 s → 60 minutes, 0.8 → 80 %), without float dust. */
export function toShown(f: NumberField, stored: number): number {
  return Number((stored / f.scale).toPrecision(12));
}

/** A value typed on the page in stored units (integers rounded for int fields). */
export function toStored(f: NumberField, shown: number): number {
  const v = Number((shown * f.scale).toPrecision(12));
  return f.kind === 'int' ? Math.round(v) : v;
}

/** "1 minute", "10,080 minutes", "100 %". */
export function amount(f: NumberField, stored: number): string {
  const n = toShown(f, stored);
  const unit = n === 1 ? f.unit.one : f.unit.many;
  return `${n.toLocaleString('en-US')} ${unit}`;
}

/** The page's bounds and placeholder for a number field, in its units. */
export interface PageBounds {
  key: string;
  label: string;
  min: number;
  max: number;
  placeholder: string;
  unit: string;
}

/** The number fields the page shows, in the table's order, with bounds in the page's units. */
export function pageBoundsOf(fields: SettingFields): PageBounds[] {
  const out: PageBounds[] = [];
  for (const [key, f] of Object.entries(fields)) {
    if ((f.kind !== 'int' && f.kind !== 'number') || !f.page) continue;
    out.push({ key, label: f.label, min: toShown(f, f.min), max: toShown(f, f.max), placeholder: String(toShown(f, f.default)), unit: f.unit.many });
  }
  return out;
}

// ---------- worded errors ----------

/** One field's problem, in the page's words: shown next to that field, and by the CLI and serve. */
export interface FieldError {
  field: string;
  message: string;
}

/** What was wrong with a value, as zod's issues say it (kept zod-free here). */
export type FieldProblem =
  | { kind: 'too-small' }
  | { kind: 'too-big' }
  | { kind: 'not-whole' }
  | { kind: 'wrong-type' }
  | { kind: 'too-long' }
  | { kind: 'too-many' }
  | { kind: 'other'; message: string };

/** "Rescore every: at least 1 minute", "Alert above: at most 100 %". */
export function describeProblem(fields: SettingFields, key: string, p: FieldProblem): FieldError {
  const f = fields[key];
  if (!f) return { field: key, message: `${key}: ${p.kind === 'other' ? p.message : 'is not a setting'}` };
  const say = (words: string): FieldError => ({ field: key, message: `${f.label}: ${words}` });
  if (f.kind === 'int' || f.kind === 'number') {
    if (p.kind === 'too-small') return say(`at least ${amount(f, f.min)}`);
    if (p.kind === 'too-big') return say(`at most ${amount(f, f.max)}`);
    if (p.kind === 'not-whole') return say(f.scale === 1 ? `a whole number of ${f.unit.many}` : `a whole number of seconds`);
    if (p.kind === 'wrong-type') return say(`a number of ${f.unit.many}`);
  }
  if (f.kind === 'text' || f.kind === 'url' || f.kind === 'text-list') {
    if (p.kind === 'too-long') return say(`at most ${f.maxLength.toLocaleString('en-US')} characters${f.kind === 'text-list' ? ' a line' : ''}`);
    if (p.kind === 'too-many' && f.kind === 'text-list') return say(`at most ${f.maxItems} lines`);
  }
  if (p.kind === 'wrong-type') return say(f.kind === 'boolean' ? 'on or off' : f.kind === 'text-list' ? 'a list of lines' : 'text or empty');
  if (p.kind === 'other') return say(p.message);
  return say('not a value it takes');
}
