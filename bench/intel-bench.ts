// BENCH_ONLY=intel: what the threat-intel feeds cost at their real sizes. A URLhaus-sized host
// file (BENCH_INTEL_HOSTS, default 60,000 names), a Feodo list (500 addresses), a ThreatFox export
// (10,000 IOCs) and 200 CIDRs: parse, store and reload, the match index, and a findings build over
// BENCH_PAIRS scored pairs with and without the index (the listing cost the overview pays).
import { buildFindings } from '../engine/findings/build.js';
import { IntelIndex } from '../engine/intel/match.js';
import { intelIndexOf } from '../engine/intel/loaded.js';
import { parseFeed } from '../engine/intel/parse.js';
import { Store } from '../db/store.js';
import { evidence, pair, viewContext } from '../tests/support/finding-rows.js';
import { fmt, median } from './bench-util.js';

const HOSTS = Number(process.env.BENCH_INTEL_HOSTS ?? 60_000);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3000);

function time<T>(fn: () => T, rounds = 5): { ms: number; value: T } {
  const ms: number[] = [];
  let value!: T;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    value = fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), value };
}

const ip = (i: number) => `${10 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.${1 + (i % 200)}`;

function feeds(): Record<string, { format: Parameters<typeof parseFeed>[0]; text: string }> {
  const urlhaus = Array.from({ length: HOSTS }, (_, i) => `127.0.0.1\tdrop-${i}.bad${i % 997}.example`).join('\n');
  const feodo = Array.from({ length: 500 }, (_, i) => `"2026-11-02 07:44:46","${ip(i)}","443","online","2026-12-06","Dridex"`).join('\n');
  const threatfox = Array.from({ length: 10_000 }, (_, i) =>
    i % 2
      ? `"2026-12-01 07:41:15", "${i}", "${ip(100_000 + i)}:443", "ip:port", "botnet_cc", "win.cobalt_strike", "", "Cobalt Strike", "", "100", "None", "", "0", "x"`
      : `"2026-12-01 07:41:15", "${i}", "c2-${i}.evil${i % 101}.net", "domain", "botnet_cc", "win.sliver", "", "Sliver", "", "75", "None", "", "0", "x"`,
  ).join('\n');
  const cidrs = Array.from({ length: 200 }, (_, i) => `172.${16 + (i % 16)}.${i}.0/24`).join('\n');
  return {
    urlhaus: { format: 'urlhaus-hosts', text: `${urlhaus}\n` },
    feodo: { format: 'feodo', text: `${feodo}\n` },
    threatfox: { format: 'threatfox', text: `${threatfox}\n` },
    mine: { format: 'plain', text: `${cidrs}\n` },
  };
}

export function benchIntel(): string {
  const fs = feeds();
  const entries = Object.values(fs).reduce((n, f) => n + f.text.split('\n').length - 1, 0);
  const parsed = time(() => Object.fromEntries(Object.entries(fs).map(([name, f]) => [name, parseFeed(f.format, f.text).entries])));
  const store = Store.open(':memory:');
  try {
    for (const [name, f] of Object.entries(fs)) store.intel.define({ name, format: f.format, source: null, builtin: false });
    const saved = time(() => {
      for (const [name, list] of Object.entries(parsed.value))
        store.intel.saveGood(name, { entries: list, contentBytes: fs[name]!.text.length, at: Date.now() / 1000 });
    });
    const loaded = time(() => Object.keys(fs).map((name) => ({ name, fetchedAt: 0, entries: store.intel.entries(name) })));
    const indexed = time(() => new IntelIndex(loaded.value));
    const warm = time(() => intelIndexOf(store.intel), 20);
    const keys = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? ip(i * 7) : `host${i}.drop-${i}.bad${i % 997}.example`));
    const lookups = time(() => keys.reduce((n, k) => n + (k.includes('.example') ? indexed.value.name(k) : indexed.value.address(k)).length, 0));

    const rows = Array.from({ length: PAIRS }, (_, i) =>
      i % 3 === 0
        ? pair({ source: 'dns', variant: 'resolved', src: `192.168.1.${i % 50}`, dst: `n${i}.site${i}.example.org`, port: 53 }, 96, 0.4)
        : pair({ source: 'conn', src: `192.168.1.${i % 50}`, dst: ip(i * 13) }, 96, 0.4),
    );
    const ctx = viewContext(evidence({}), () => null);
    const plain = time(() => buildFindings(rows, ctx), 3);
    const withIntel = time(() => buildFindings(rows, { ...ctx, intel: indexed.value }), 3);
    const hits = withIntel.value.filter((v) => v.intel).length;
    const bytes = store.sizeBytes();
    return [
      `intel: ${fmt(entries)} entries in 4 feeds (${fmt(HOSTS)} URLhaus hosts, 500 Feodo, 10,000 ThreatFox, 200 CIDRs); medians`,
      `  parse all: ${fmt(parsed.ms, 1)} ms · store (saveGood): ${fmt(saved.ms, 1)} ms · reload (entries): ${fmt(loaded.ms, 1)} ms · index build: ${fmt(indexed.ms, 1)} ms · cached index (intelIndexOf, warm): ${fmt(warm.ms, 3)} ms`,
      `  10,000 lookups (names and addresses, CIDRs scanned): ${fmt(lookups.ms, 1)} ms (${fmt(lookups.value)} hits)`,
      `  buildFindings over ${fmt(PAIRS)} pairs: ${fmt(plain.ms, 1)} ms without the index, ${fmt(withIntel.ms, 1)} ms with it (${fmt(hits)} findings listed)`,
      `  store: ${fmt(bytes / 1024 / 1024, 1)} MiB for the feeds`,
    ].join('\n');
  } finally {
    store.close();
  }
}
