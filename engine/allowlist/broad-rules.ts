// Rules that match everything hide every beacon, the attacker's included: 0.0.0.0/0, ::/0,
// ::ffff:0:0/96 (parsed as IPv4 /0), a device range covering every address with nothing else,
// or own rules whose destination CIDRs together cover a whole address family with the same other
// fields (0.0.0.0/1 + 128.0.0.0/1). They are refused unless forced.
import type { MatchFields } from './rules.js';
import { parseRange, type Range } from './patterns.js';

export interface OtherRule extends MatchFields {
  id: string;
  enabled: boolean;
}

/** Why this rule would match everything (a sentence saying what it would hide), or null. */
export function broadRuleProblem(rule: MatchFields, others: readonly OtherRule[]): string | null {
  const dst = rule.dst !== null ? range(rule.dst) : null;
  const src = rule.src !== null ? range(rule.src) : null;
  const from = src && src[1] > 0 ? `from ${rule.src}` : 'from every device';
  const what = [
    rule.source && `${rule.source} pairs`,
    rule.proto,
    rule.port !== null && `port ${rule.port}`,
    rule.service && `service ${rule.service}`,
  ]
    .filter(Boolean)
    .join(', ');
  const hides = (target: string) => `it would hide all ${what ? `${what} ` : ''}traffic ${from} to ${target}`;
  if (dst && dst[1] === 0) return `dst ${rule.dst} matches every ${family(dst)} address: ${hides(`any ${family(dst)} address`)}`;
  if (src && src[1] === 0 && rule.dst === null) {
    return `src ${rule.src} matches every ${family(src)} device and no destination is set: the rule has no effective restriction (${hides('anywhere')})`;
  }
  if (!dst) return null;
  // the same other fields: together these rules act as one rule over the union of their ranges
  const key = groupKey(rule);
  const mates = others.filter((o) => o.enabled && o.dst !== null && groupKey(o) === key);
  const ranges: { id: string; text: string; r: Range }[] = [];
  for (const o of mates) {
    const r = range(o.dst!);
    if (r && family(r) === family(dst)) ranges.push({ id: o.id, text: o.dst!, r });
  }
  if (!ranges.length || !coversAll([dst, ...ranges.map((x) => x.r)])) return null;
  const listed = ranges.map((x) => `${x.id} (${x.text})`).join(', ');
  return `dst ${rule.dst} together with your rules ${listed} covers every ${family(dst)} address: ${hides(`any ${family(dst)} address`)}`;
}

/** The refusal, with how to force it. */
export function refusalMessage(problem: string): string {
  return `refused: ${problem}. If you really mean it, add it with force ("force": true in the API, --force on the command line).`;
}

function range(text: string): Range | null {
  const r = parseRange(text);
  return r.ok ? r.value : null;
}

function family(r: Range): 'IPv4' | 'IPv6' {
  return r[0].kind() === 'ipv4' ? 'IPv4' : 'IPv6';
}

function groupKey(r: MatchFields): string {
  return JSON.stringify([r.src, r.source, r.proto, r.port, r.service]);
}

/** Do these ranges (one family) together cover the whole address space? */
function coversAll(ranges: readonly Range[]): boolean {
  const bits = ranges[0]![0].kind() === 'ipv4' ? 32 : 128;
  const spans = ranges
    .map(([addr, prefix]) => {
      let v = 0n;
      for (const b of addr.toByteArray()) v = (v << 8n) | BigInt(b);
      const size = 1n << BigInt(bits - prefix);
      const lo = v - (v % size);
      return [lo, lo + size - 1n] as const;
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let next = 0n;
  for (const [lo, hi] of spans) {
    if (lo > next) return false;
    if (hi + 1n > next) next = hi + 1n;
  }
  return next >= 1n << BigInt(bits);
}
