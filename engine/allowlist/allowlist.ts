// The allow-list: built-in catalogue entries (with the owner's enabled/note overrides) plus
// the owner's own rules, precompiled for matching. Rules apply when findings are shown, so a
// new rule also covers pairs seen before it; `match` is pure and cheap.
import { randomBytes } from 'node:crypto';
import { allowRuleInputSchema } from '../contract/api.js';
import type { AllowMatch, AllowRule, AllowRuleInput, AllowScopeOption } from '../contract/api.js';
import type { AllowRuleStore, BuiltinOverride, StoredAllowRule } from '../../db/allowlist-store.js';
import { builtinCatalogue, catalogueRule, type CatalogueEntry } from './catalogue.js';
import { AllowRuleError, AllowRuleNotFoundError, describeProblems, formatPath, type FieldProblem } from './errors.js';
import { dstMatches, normalizeName, parseAddress, prepareDst, registeredDomain } from './patterns.js';
import { compileRule, normalizeMatchFields, preparePair, toMatch, USER_CATEGORY, type MatchablePair } from './rules.js';
import { RuleIndex } from './rule-index.js';
import { buildExport, parseImport } from './transfer.js';
import { broadRuleProblem, refusalMessage } from './broad-rules.js';
import { backedNames, type NameBacking } from '../trust/name-backing.js';
import type { CompiledRule } from './rules.js';

const nowS = (): number => Date.now() / 1000;

export class Allowlist {
  private readonly entries: Map<string, CatalogueEntry>;
  private own = new RuleIndex([]);
  private ownForDevice = new RuleIndex([]);
  private builtin = new RuleIndex([]);

  constructor(
    private readonly store: AllowRuleStore,
    catalogue: CatalogueEntry[] = builtinCatalogue(),
  ) {
    this.entries = new Map(catalogue.map((e) => [e.id, e]));
    this.reload();
  }

  /** Re-read the store (call after another process, e.g. the CLI, changed the rules). */
  reload(): void {
    const overrides = new Map(this.store.listOverrides().map((o) => [o.id, o]));
    this.builtin = new RuleIndex([...this.entries.values()].map((e) => compileRule(catalogueRule(e, overrides.get(e.id)), e.reason)));
    this.own = new RuleIndex(this.store.listRules().map((r) => compileRule({ ...r, vendor: null, builtin: false }, r.note || 'allow-listed by you')));
    this.ownForDevice = new RuleIndex(this.own.rules.filter((c) => c.rule.src !== null));
  }

  /** Built-in entries (overrides applied), then the owner's rules. */
  rules(): AllowRule[] {
    return [...this.builtin.rules, ...this.own.rules].map((c) => ({ ...c.rule }));
  }

  /** warnings of the last add/update/import (a match-everything rule accepted with force) */
  lastWarnings: string[] = [];

  /**
   * The first rule that matches the pair's fields as they are: the owner's rules before built-in
   * entries. It trusts the pair's name, so it is for rule tests and tools; to decide whether a
   * pair is known, use matchBacked.
   */
  match(pair: MatchablePair, now: number): AllowMatch | null {
    const p = preparePair(pair);
    const c = this.own.first(p, now) ?? this.builtin.first(p, now);
    return c ? toMatch(c) : null;
  }

  /**
   * The owner's rule for one device that names this finding's destination (its key), or null. The
   * owner allow-listing a finding on a device vouches for the whole behaviour, whatever its
   * members; rules for every device still go through backed names (engine/findings/build.ts).
   */
  matchFinding(pair: MatchablePair, now: number): AllowMatch | null {
    const c = this.ownForDevice.first(preparePair(pair), now);
    return c ? toMatch(c) : null;
  }

  /**
   * The first rule that covers the pair given what backs its names (engine/trust/name-backing):
   * a rule on a name covers an ssl/http name only when every address it was sent to was given
   * by a DNS answer for a name the rule matches, a dns pair only when its lookups resolved, and
   * an address destination only through a backed name, never through an SNI/Host claim. A
   * built-in service entry without a destination (NTP) also wants a backed server name. Address
   * and device rules, and the owner's pair rules, match as they are.
   */
  matchBacked(pair: MatchablePair, backing: NameBacking, now: number): AllowMatch | null {
    const p = preparePair(pair);
    const hasBacked = backing.backed.length > 0;
    // a name destination (SNI/Host/query): every address it went to was given by a DNS answer for
    // a name the rule covers; a dns pair: its lookups resolved
    const named = backing.addresses?.map((a) => a.names.map(prepareDst)) ?? null;
    const nameOk = (c: CompiledRule) =>
      named === null ? backing.dstBacked === true : named.length > 0 && named.every((ns) => ns.some((n) => dstMatches(c.dst!, n)));
    const direct = (c: CompiledRule) => (!isNameRule(c) || nameOk(c)) && (!wantsBackedName(c) || hasBacked);
    const viaName = (c: CompiledRule) => isNameRule(c);
    const names = p.dst.addr !== null ? backedNames(backing).map((name) => preparePair({ ...pair, dst: name })) : [];
    for (const index of [this.own, this.builtin]) {
      const c = index.first(p, now, direct) ?? firstOf(names, (q) => index.first(q, now, viaName));
      if (c) return toMatch(c);
    }
    return null;
  }

  add(input: AllowRuleInput, now: number = nowS()): AllowRule {
    const data = parseInput(input);
    this.lastWarnings = [];
    const rule = this.buildOwn(data, newId(), now, now, '', '', data.force === true);
    if (rule.expiresAt !== null && rule.expiresAt <= now) throw new AllowRuleError('expiresAt: the expiry is in the past');
    this.store.putRule(rule);
    this.reload();
    return this.get(rule.id);
  }

  /**
   * Change a rule. Own rules: fields present in `patch` replace the current ones (null clears).
   * Built-in entries: only `enabled` and `note` can change; other fields must be left out or
   * equal to the entry's (a UI may send the whole rule back).
   */
  update(id: string, patch: AllowRuleInput, now: number = nowS()): AllowRule {
    const data = parseInput(patch);
    this.lastWarnings = [];
    const entry = this.entries.get(id);
    if (entry) {
      const current = this.get(id);
      const locked = (['dst', 'src', 'source', 'proto', 'port', 'service', 'category', 'expiresAt'] as const).filter(
        (k) => data[k] !== undefined && data[k] !== current[k],
      );
      if (locked.length) {
        throw new AllowRuleError(
          `built-in rule "${id}" can only be enabled, disabled or given a note (not ${locked.join(', ')}); add your own rule instead`,
        );
      }
      const given = data.note?.trim();
      const note = given === undefined ? this.overrideNote(id) : given && given !== entry.reason ? given : null;
      this.store.putOverride({ id, enabled: data.enabled ?? current.enabled, note, updatedAt: now });
      this.reload();
      return this.get(id);
    }
    const stored = this.store.getRule(id);
    if (!stored) throw new AllowRuleNotFoundError(id);
    const merged: AllowRuleInput = { ...stored };
    for (const [k, v] of Object.entries(data)) if (v !== undefined && k !== 'force') (merged as Record<string, unknown>)[k] = v;
    const rule = this.buildOwn(merged, id, stored.createdAt, now, stored.note, '', data.force === true);
    this.store.putRule(rule);
    this.reload();
    return this.get(id);
  }

  remove(id: string): boolean {
    if (this.entries.has(id)) {
      throw new AllowRuleError(`built-in rule "${id}" cannot be removed; disable it instead`);
    }
    const removed = this.store.deleteRule(id);
    if (removed) this.reload();
    return removed;
  }

  exportJson(now: number = nowS()): string {
    const overrides = this.store.listOverrides().filter((o) => this.entries.has(o.id));
    return buildExport(
      this.own.rules.map((c) => c.rule),
      overrides,
      now,
    );
  }

  /** Import a document (see docs/allowlist.md): all of it in one transaction, or nothing. */
  importJson(json: string, now: number = nowS(), force = false): { added: number; replaced: number } {
    const items = parseImport(json, new Set(this.entries.keys()));
    this.lastWarnings = [];
    const result = { added: 0, replaced: 0 };
    this.store.transaction(() => {
      for (const item of items) {
        let outcome: 'added' | 'replaced';
        if (item.kind === 'override') {
          const current = this.store.listOverrides().find((o) => o.id === item.id);
          const override: BuiltinOverride = {
            id: item.id,
            enabled: item.enabled ?? current?.enabled ?? true,
            note: item.note === undefined ? (current?.note ?? null) : item.note.trim() || null,
            updatedAt: now,
          };
          outcome = this.store.putOverride(override);
        } else {
          const existing = item.id === undefined ? undefined : this.store.getRule(item.id);
          const rule = this.buildOwn(item.input, item.id ?? newId(), existing?.createdAt ?? now, now, '', `rules[${item.index}]`, force);
          outcome = this.store.putRule(rule);
        }
        result[outcome]++;
      }
    });
    this.reload();
    return result;
  }

  /** One-click allow-listing choices for a pair, narrowest first. */
  scopesFor(pair: MatchablePair): AllowScopeOption[] {
    const dst = parseAddress(pair.dst)?.toString() ?? normalizeName(pair.dst);
    const src = parseAddress(pair.src)?.toString() ?? pair.src;
    const options: AllowScopeOption[] = [];
    const srcOk = parseAddress(src) !== null;
    if (srcOk) {
      options.push({
        scope: 'pair',
        label: `${src} → ${dst} only (${pair.source})`,
        rule: { src, dst, source: pair.source, category: USER_CATEGORY },
      });
    }
    options.push({ scope: 'destination', label: `${dst} from every device`, rule: { dst, category: USER_CATEGORY } });
    const domain = registeredDomain(dst);
    if (domain) {
      options.push({
        scope: 'domain',
        label: `${domain} and all its subdomains, from every device`,
        rule: { dst: `*.${domain}`, category: USER_CATEGORY },
      });
    }
    if (srcOk) options.push({ scope: 'device', label: `everything from ${src}`, rule: { src, category: USER_CATEGORY } });
    return options;
  }

  private get(id: string): AllowRule {
    const c = this.own.rules.find((x) => x.rule.id === id) ?? this.builtin.rules.find((x) => x.rule.id === id);
    if (!c) throw new AllowRuleNotFoundError(id);
    return { ...c.rule };
  }

  private overrideNote(id: string): string | null {
    return this.store.listOverrides().find((o) => o.id === id)?.note ?? null;
  }

  /** Validate and normalise an own rule; throws AllowRuleError naming the fields (under `at`). */
  private buildOwn(input: AllowRuleInput, id: string, createdAt: number, now: number, note: string, at = '', force = false): StoredAllowRule {
    const { fields, problems } = normalizeMatchFields(input, true);
    if (problems.length) {
      const named = problems.map((p): FieldProblem => ({ field: at ? `${at}.${p.field}` : p.field, message: p.message }));
      throw new AllowRuleError(`${at ? 'import refused, nothing was stored: ' : ''}${describeProblems(named)}`);
    }
    if (input.enabled !== false) {
      const others = this.store.listRules().filter((r) => r.id !== id);
      const broad = broadRuleProblem(fields, others);
      if (broad && !force) {
        throw new AllowRuleError(`${at ? `import refused, nothing was stored: ${at}: ` : ''}${refusalMessage(broad)}`);
      }
      if (broad) this.lastWarnings.push(`${at ? `${at}: ` : ''}accepted because forced: ${broad}`);
    }
    return {
      id,
      ...fields,
      note: (input.note ?? note).trim(),
      category: input.category ?? USER_CATEGORY,
      expiresAt: input.expiresAt ?? null,
      enabled: input.enabled ?? true,
      createdAt,
      updatedAt: now,
    };
  }
}

/**
 * A rule on a name (`example.com`, `*.example.com`): it must not trust a client's claim. Except
 * the owner's "pair" rule (one device address, one log, one exact name): that is the owner's
 * decision about that very key (e.g. a one-click allow of an SNI nobody resolved), not a known
 * name another device or service could borrow.
 */
function isNameRule(c: CompiledRule): boolean {
  if (c.dst === null || c.dst.kind === 'range') return false;
  const r = c.rule;
  const oneDevice = c.src !== null && c.src[1] === (c.src[0].kind() === 'ipv4' ? 32 : 128);
  return !(!r.builtin && oneDevice && r.source !== null && c.dst.kind === 'name');
}

/** Built-in protocol entries (NTP by Zeek's service) still want a server name from DNS. */
function wantsBackedName(c: CompiledRule): boolean {
  return c.rule.builtin && c.rule.dst === null && c.rule.service !== null;
}

function firstOf<T, R>(items: readonly T[], f: (x: T) => R | null): R | null {
  for (const x of items) {
    const r = f(x);
    if (r !== null) return r;
  }
  return null;
}

function parseInput(input: AllowRuleInput): AllowRuleInput {
  const r = allowRuleInputSchema.safeParse(input);
  if (!r.success) {
    const problems = r.error.issues.map((i): FieldProblem => ({ field: formatPath(i.path), message: i.message }));
    throw new AllowRuleError(describeProblems(problems));
  }
  return r.data;
}

function newId(): string {
  return `r-${randomBytes(5).toString('hex')}`;
}
