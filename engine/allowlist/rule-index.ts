// Rules indexed by destination so a pair is tested only against rules that can match it:
// exact names by name, `*.name` rules by each label suffix of the pair's name, and the rest
// (IP/CIDR destinations, device-only and protocol-only rules) in one ordered list. The first
// rule in the original order wins, whichever bucket it sits in.
import { ruleMatches, type CompiledRule, type PreparedPair } from './rules.js';

interface Ordered {
  order: number;
  c: CompiledRule;
}

export class RuleIndex {
  private readonly names = new Map<string, Ordered[]>();
  private readonly suffixes = new Map<string, Ordered[]>();
  private readonly rest: Ordered[] = [];

  constructor(readonly rules: readonly CompiledRule[]) {
    rules.forEach((c, order) => {
      const o = { order, c };
      const d = c.dst;
      if (d?.kind === 'name') push(this.names, d.name, o);
      else if (d?.kind === 'suffix') push(this.suffixes, d.name, o);
      else this.rest.push(o);
    });
  }

  first(p: PreparedPair, now: number): CompiledRule | null {
    let best: Ordered | null = null;
    const consider = (list: readonly Ordered[] | undefined): void => {
      if (!list) return;
      for (const o of list) {
        if (best && o.order >= best.order) return;
        if (ruleMatches(o.c, p, now)) {
          best = o;
          return;
        }
      }
    };
    const name = p.dst.name;
    if (name !== null) {
      if (this.names.size) consider(this.names.get(name));
      if (this.suffixes.size) {
        // "a.b.example.com" → "a.b.example.com", "b.example.com", "example.com", "com"
        for (let i = -1; ; ) {
          consider(this.suffixes.get(i < 0 ? name : name.slice(i + 1)));
          i = name.indexOf('.', i + 1);
          if (i < 0) break;
        }
      }
    }
    consider(this.rest);
    return (best as Ordered | null)?.c ?? null;
  }
}

function push(map: Map<string, Ordered[]>, key: string, o: Ordered): void {
  const list = map.get(key);
  if (list) list.push(o);
  else map.set(key, [o]);
}
