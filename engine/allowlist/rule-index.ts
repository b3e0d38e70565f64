// Rules indexed by destination so a pair is tested only against rules that can match it:
// exact names by name, `*.name` rules by each label suffix of the pair's name, IP/CIDR
// destinations (only for address pairs), and the rest (device-only and protocol-only rules). The first
// rule in the original order wins, whichever bucket it sits in.
import type { Address } from './patterns.js';
import { ruleMatches, type CompiledRule, type PreparedPair } from './rules.js';

interface Ordered {
  order: number;
  c: CompiledRule;
}

export class RuleIndex {
  private readonly names = new Map<string, Ordered[]>();
  private readonly suffixes = new Map<string, Ordered[]>();
  /** IP/CIDR rules by their first octet (IPv4, prefix ≥ 8) or first 16 bits (IPv6, prefix ≥ 16) */
  private readonly ranges = new Map<string, Ordered[]>();
  private readonly wideRanges: Ordered[] = [];
  private readonly rest: Ordered[] = [];

  constructor(readonly rules: readonly CompiledRule[]) {
    rules.forEach((c, order) => {
      const o = { order, c };
      const d = c.dst;
      if (d?.kind === 'name') push(this.names, d.name, o);
      else if (d?.kind === 'suffix') push(this.suffixes, d.name, o);
      else if (d?.kind === 'range') {
        const key = rangeKey(d.range[0], d.range[1]);
        if (key === null) this.wideRanges.push(o);
        else push(this.ranges, key, o);
      } else this.rest.push(o);
    });
  }

  /** The first rule that matches (and that `accept`, when given, lets through). */
  first(p: PreparedPair, now: number, accept?: (c: CompiledRule) => boolean): CompiledRule | null {
    let best: Ordered | null = null;
    const { name, addr } = p.dst;
    if (addr !== null) {
      if (this.ranges.size) best = scan(this.ranges.get(rangeKey(addr, 128)!), p, now, best, accept);
      best = scan(this.wideRanges, p, now, best, accept);
    } else if (name !== null) {
      if (this.names.size) best = scan(this.names.get(name), p, now, best, accept);
      if (this.suffixes.size) {
        // "a.b.example.com" → "a.b.example.com", "b.example.com", "example.com", "com"
        for (let i = -1; ;) {
          best = scan(this.suffixes.get(i < 0 ? name : name.slice(i + 1)), p, now, best, accept);
          i = name.indexOf('.', i + 1);
          if (i < 0) break;
        }
      }
    }
    best = scan(this.rest, p, now, best, accept);
    return best?.c ?? null;
  }
}

/** The first rule of `list` (ordered) that matches and comes before `best`, else `best`. */
function scan(
  list: readonly Ordered[] | undefined,
  p: PreparedPair,
  now: number,
  best: Ordered | null,
  accept?: (c: CompiledRule) => boolean,
): Ordered | null {
  if (!list) return best;
  for (const o of list) {
    if (best && o.order >= best.order) return best;
    if (ruleMatches(o.c, p, now) && (!accept || accept(o.c))) return o;
  }
  return best;
}

function push(map: Map<string, Ordered[]>, key: string, o: Ordered): void {
  const list = map.get(key);
  if (list) list.push(o);
  else map.set(key, [o]);
}

function rangeKey(addr: Address, bits: number): string | null {
  if ('octets' in addr) return bits >= 8 ? `4:${addr.octets[0]}` : null;
  return bits >= 16 ? `6:${addr.parts[0]}` : null;
}
