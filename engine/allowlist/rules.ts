// Rule fields: semantic validation and normalisation (on top of the zod shape in engine/contract/api.ts),
// and the precompiled form the matcher runs. Pure: no storage, no clock.
import type { AllowCategory, AllowMatch, AllowRule, AllowRuleInput } from '../contract/api.js';
import type { LogSource, PairVariant } from '../contract/types.js';
import type { FieldProblem } from './errors.js';
import {
  dstMatches,
  inRange,
  parseDstPattern,
  parseSrcPattern,
  prepareAddress,
  prepareDst,
  type Address,
  type DstPattern,
  type PreparedDst,
  type Range,
} from './patterns.js';

/** What a rule is matched against: a pair's key plus its responder port/proto/service. */
export type MatchablePair = {
  source: LogSource;
  src: string;
  dst: string;
  variant: PairVariant | null;
  port: number | null;
  proto: string | null;
  service: string | null;
};

/** The fields that decide whether a rule matches (shared by own rules and the catalogue). */
export type MatchFields = Pick<AllowRule, 'dst' | 'src' | 'source' | 'proto' | 'port' | 'service'>;

const SERVICE_RE = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Check and normalise the match fields of a rule. `requireTarget`: own rules must name a
 * destination or a device (a rule on a port alone would hide too much); catalogue entries may
 * be protocol-only (NTP on udp/123) but must set at least one field.
 */
export function normalizeMatchFields(
  input: Partial<Record<keyof MatchFields, unknown>>,
  requireTarget: boolean,
): { fields: MatchFields; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fields: MatchFields = {
    dst: null,
    src: null,
    source: (input.source as LogSource | null | undefined) ?? null,
    proto: (input.proto as MatchFields['proto'] | undefined) ?? null,
    port: (input.port as number | null | undefined) ?? null,
    service: null,
  };
  if (typeof input.dst === 'string') {
    const r = parseDstPattern(input.dst);
    if (r.ok) fields.dst = r.text;
    else problems.push({ field: 'dst', message: r.message });
  }
  if (typeof input.src === 'string') {
    const r = parseSrcPattern(input.src);
    if (r.ok) fields.src = r.text;
    else problems.push({ field: 'src', message: r.message });
  }
  if (typeof input.service === 'string') {
    const s = input.service.trim().toLowerCase();
    if (SERVICE_RE.test(s)) fields.service = s;
    else problems.push({ field: 'service', message: `${JSON.stringify(input.service)} is not a Zeek service name (e.g. ntp, dns, ssl)` });
  }
  if (requireTarget) {
    if (input.dst == null && input.src == null) {
      problems.push({ field: 'dst', message: 'a rule needs a destination (dst) or a device (src)' });
    }
  } else if (Object.values(fields).every((v) => v === null) && problems.length === 0) {
    problems.push({ field: 'dst', message: 'an entry must set at least one match field' });
  }
  return { fields, problems };
}

export interface CompiledRule {
  rule: AllowRule;
  reason: string;
  dst: DstPattern | null;
  src: Range | null;
  /** why a stored rule no longer parses (e.g. a newer public suffix list): it never matches */
  invalid: string | null;
}

/** Compile a stored rule. A rule that no longer validates is kept (listed, removable) but inert. */
export function compileRule(rule: AllowRule, reason: string): CompiledRule {
  const c: CompiledRule = { rule, reason, dst: null, src: null, invalid: null };
  if (rule.dst !== null) {
    const r = parseDstPattern(rule.dst);
    if (r.ok) c.dst = r.value;
    else c.invalid = `dst: ${r.message}`;
  }
  if (rule.src !== null) {
    const r = parseSrcPattern(rule.src);
    if (r.ok) c.src = r.value;
    else c.invalid = `src: ${r.message}`;
  }
  return c;
}

/** A pair parsed once (addresses lazily: only IP rules need them), then tested against every rule. */
export class PreparedPair {
  readonly source: LogSource;
  readonly dst: PreparedDst;
  readonly port: number | null;
  readonly proto: string | null;
  readonly services: readonly string[];
  private srcCache: Address | null | undefined = undefined;

  constructor(
    private readonly srcText: string,
    pair: MatchablePair,
  ) {
    this.source = pair.source;
    this.dst = prepareDst(pair.dst);
    this.port = pair.port;
    this.proto = pair.proto === null ? null : pair.proto.toLowerCase();
    // Zeek lists several services as "ssl,http"; a rule's service matches any of them
    this.services = pair.service ? pair.service.toLowerCase().split(',') : NO_SERVICES;
  }

  /** Parsed only when a rule with a device scope gets that far. */
  get src(): Address | null {
    if (this.srcCache === undefined) this.srcCache = prepareAddress(this.srcText);
    return this.srcCache;
  }
}

const NO_SERVICES: readonly string[] = [];

export function preparePair(pair: MatchablePair): PreparedPair {
  return new PreparedPair(pair.src, pair);
}

export function ruleMatches(c: CompiledRule, p: PreparedPair, now: number): boolean {
  const r = c.rule;
  if (!r.enabled || c.invalid !== null) return false;
  if (r.expiresAt !== null && r.expiresAt <= now) return false;
  if (r.source !== null && r.source !== p.source) return false;
  if (r.port !== null && r.port !== p.port) return false;
  if (r.proto !== null && r.proto !== p.proto) return false;
  if (r.service !== null && !p.services.includes(r.service)) return false;
  if (c.dst !== null && !dstMatches(c.dst, p.dst)) return false;
  if (c.src !== null) {
    const src = p.src;
    if (src === null || !inRange(src, c.src)) return false;
  }
  return true;
}

export function toMatch(c: CompiledRule): AllowMatch {
  return { ruleId: c.rule.id, reason: c.reason, category: c.rule.category, builtin: c.rule.builtin };
}

/** The input form of a rule (for scopes and export): only the fields that are set. */
export function ruleToInput(r: AllowRule): AllowRuleInput {
  const out: AllowRuleInput = {};
  for (const k of ['dst', 'src', 'source', 'proto', 'port', 'service', 'category', 'expiresAt'] as const) {
    if (r[k] !== null) (out as Record<string, unknown>)[k] = r[k];
  }
  if (r.note) out.note = r.note;
  out.enabled = r.enabled;
  return out;
}

export const USER_CATEGORY: AllowCategory = 'user';
