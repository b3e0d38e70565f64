// Shared by the bench's parts: medians, number formatting, progress lines, and awk over the
// same files as the reference reader every speed is a ratio to.
import { spawnSync } from 'node:child_process';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
export const log = (s: string) => process.stderr.write(s + '\n');
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Seconds `awk -F'\t' PROGRAM` takes over the files (gzip ones through gzip -dc), output discarded. */
function timeAwk(program: string, files: string[]): number {
  const plain = files.filter((f) => !f.endsWith('.gz'));
  const gz = files.filter((f) => f.endsWith('.gz'));
  const awk = `awk -F'\\t' '${program}'`;
  const parts: string[] = [];
  if (plain.length) parts.push(`${awk} ${plain.map(sh).join(' ')} > /dev/null`);
  if (gz.length) parts.push(`gzip -dc ${gz.map(sh).join(' ')} | ${awk} > /dev/null`);
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', parts.join(' && ')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('awk failed');
  return (performance.now() - t0) / 1000;
}

/** awk over the same files: the reference reader. */
export const runAwk = (files: string[]): number => timeAwk('{print $1, $3, $5}', files);

/** awk counting records per destination over the same files: what a user would compare with. */
export const runAwkCount = (files: string[]): number => timeAwk('{n[$3]++} END{for (k in n) c++; print c}', files);
