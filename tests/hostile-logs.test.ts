// Issue 9: real sensors and hostile logs, through the command line as a user runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, runCli } from './support/cli.js';

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

export function dnsRows(n: number, query: string, start = 1_790_000_000, step = 60): string[] {
  return Array.from({ length: n }, (_, i) => `${(start + i * step).toFixed(6)}\tC${i}\t10.0.0.5\t5353\t10.0.0.1\t53\tudp\t${query}\t3\tNXDOMAIN`);
}

test('scan --json escapes C1 controls, CSI and bidi overrides from the logs', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-hostile-'));
  // Zeek writes non-printable bytes as \xNN: U+009B (one-byte CSI) and U+202E (RLO) in UTF-8
  writeFileSync(join(dir, 'dns.log'), `${[...DNS_HEADER, ...dnsRows(40, 'evil\\xc2\\x9b31m\\xe2\\x80\\xaegnp.example')].join('\n')}\n`);
  const r = await runCli(['scan', '--all', '--json', '--no-cnn', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /[\u007f-\u009f\u202e]/);
  const rows = jsonLines<{ dst: string }>(r.stdout);
  assert.ok(rows.some((x) => x.dst === 'evil\u009b31m\u202egnp.example'), 'the JSON still holds the real name');
});
