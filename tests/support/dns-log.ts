// A small dns.log with an attacker-chosen query name, for the tests of hostile strings: the
// header Zeek 6 writes and rows of one device asking the resolver, NXDOMAIN each time.
export const DNS_HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tdns',
  '#open\t2026-01-01-00-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery\trcode\trcode_name',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tcount\tstring',
];

/** `n` lookups of `query` (written as Zeek escapes it, e.g. `\\x1b`), one every `step` seconds. */
export function dnsRows(n: number, query: string, start = 1_790_000_000, step = 60): string[] {
  return Array.from({ length: n }, (_, i) => `${(start + i * step).toFixed(6)}\tC${i}\t10.0.0.5\t5353\t10.0.0.1\t53\tudp\t${query}\t3\tNXDOMAIN`);
}

/** The whole file's text. */
export const dnsLog = (rows: readonly string[]) => `${[...DNS_HEADER, ...rows].join('\n')}\n`;
