// The allow-list as `scan` and findings read it: built-in catalogue entries (with the owner's
// enabled/note overrides) plus the owner's own rules, precompiled for matching. Rules apply when
// findings are shown, so a new rule also covers pairs seen before it; `match` is pure and cheap.
// Changing rules (Allowlist in allowlist.ts) validates input with the zod contract; this read
// side does not load zod, so `scan` starts without it.
import type { AllowMatch, AllowRule, AllowScopeOption } from '../contract/api.js';
import type { AllowRuleStore } from '../../db/allowlist-store.js';
import { builtinCatalogue, catalogueRule, type CatalogueEntry } from './catalogue.js';
import { dstMatches, normalizeName, parseAddress, prepareDst, registeredDomain } from './patterns.js';
import { compileRule, preparePair, toMatch, USER_CATEGORY, type MatchablePair } from './rules.js';
import { RuleIndex } from './rule-index.js';
import { backedNames, type NameBacking } from '../trust/name-backing.js';
import type { CompiledRule } from './rules.js';

export class AllowlistView {
  protected readonly entries: Map<string, CatalogueEntry>;
  protected own = new RuleIndex([]);
  protected ownForDevice = new RuleIndex([]);
  protected builtin = new RuleIndex([]);

  constructor(
    protected readonly store: AllowRuleStore,
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
