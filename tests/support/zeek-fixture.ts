// Real Zeek sample logs replayed into a temp directory as if a sensor were writing them now:
// each row's `ts` is shifted by one offset (intervals untouched) so the newest row is a minute
// old, the first half of each file is written at once and the rest appended later.
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './browser.js';

export const SAMPLES = join(REPO_ROOT, '..', 'shared', 'zeek-samples');

export function requireSamples(): void {
  if (!existsSync(join(SAMPLES, 'rita', 'proxy', 'http.log'))) {
    throw new Error(`Zeek sample logs not found at ${SAMPLES}: the e2e tests read ../shared/zeek-samples/ (relative to the repository).`);
  }
}

interface SplitLog {
  name: string;
  head: string[];
  rows: string[];
  close: string[];
}

function readTsv(path: string, name: string): SplitLog {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const head = lines.filter((l, i) => l.startsWith('#') && !l.startsWith('#close') && i < 20);
  const rows = lines.filter((l) => !l.startsWith('#'));
  const close = lines.filter((l) => l.startsWith('#close'));
  return { name, head, rows, close };
}

const tsOf = (row: string) => Number(row.slice(0, row.indexOf('\t')));

/** rows with `ts` (the first column) moved by `offset` seconds */
function shift(rows: string[], offset: number): string[] {
  return rows.map((r) => {
    const tab = r.indexOf('\t');
    return `${(Number(r.slice(0, tab)) + offset).toFixed(6)}${r.slice(tab)}`;
  });
}

export class ReplayedLogs {
  private readonly logs: SplitLog[];
  private readonly offset: number;

  /** files: names inside `rita/proxy/` (e.g. conn.log, http.log) */
  constructor(
    private readonly zeekDir: string,
    files: string[],
    now = Date.now() / 1000,
  ) {
    this.logs = files.map((f) => readTsv(join(SAMPLES, 'rita', 'proxy', f), f));
    const newest = Math.max(...this.logs.flatMap((l) => l.rows.map(tsOf)));
    this.offset = Math.floor(now - 60 - newest);
  }

  /** header + the first half of every file's rows */
  writeFirstHalf(): void {
    for (const l of this.logs) {
      const half = l.rows.slice(0, Math.floor(l.rows.length / 2));
      writeFileSync(join(this.zeekDir, l.name), [...l.head, ...shift(half, this.offset)].join('\n') + '\n');
    }
  }

  /** append the remaining rows (and Zeek's #close line), as the sensor would */
  appendRest(): number {
    let n = 0;
    for (const l of this.logs) {
      const rest = l.rows.slice(Math.floor(l.rows.length / 2));
      n += rest.length;
      appendFileSync(join(this.zeekDir, l.name), [...shift(rest, this.offset), ...l.close].join('\n') + '\n');
    }
    return n;
  }
}

/**
 * A dns.log in Zeek's TSV layout where one device looks up `query` every ~`periodS` seconds over
 * the last `spanS` seconds (small jitter), answered NOERROR.
 */
export function writePeriodicDnsLog(path: string, src: string, query: string, periodS = 60, spanS = 23.5 * 3600, now = Date.now() / 1000): void {
  const head = [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    '#path\tdns',
    '#open\t2026-01-01-00-00-00',
    '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected',
    '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount\tstring\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool',
  ];
  const rows: string[] = [];
  let i = 0;
  for (let t = now - spanS; t < now - 30; t += periodS + Math.sin(i) * 2, i++) {
    rows.push(
      [
        t.toFixed(6),
        `Cdns${i}`,
        src,
        40000 + (i % 2000),
        '10.136.0.1',
        53,
        'udp',
        i % 65536,
        '0.001',
        query,
        1,
        'C_INTERNET',
        1,
        'A',
        0,
        'NOERROR',
        'F',
        'F',
        'T',
        'T',
        0,
        '192.0.2.7',
        '60.000000',
        'F',
      ].join('\t'),
    );
  }
  writeFileSync(path, [...head, ...rows].join('\n') + '\n');
}

/** [device, query, period s, span s (default 23.5 h)] */
export type DnsBeacon = [src: string, name: string, periodS: number, spanS?: number];

/** One dns.log in `dir` holding every beacon, rows in time order (as one sensor writes them). */
export function writeDnsBeaconsLog(dir: string, beacons: readonly DnsBeacon[], now = Date.now() / 1000): void {
  const parts = beacons.map(([src, name, period, span], i) => {
    const p = join(dir, `part${i}.tmp`);
    writePeriodicDnsLog(p, src, name, period, span, now);
    const lines = readFileSync(p, 'utf8').trimEnd().split('\n');
    rmSync(p);
    return lines;
  });
  const head = parts[0]!.filter((l) => l.startsWith('#'));
  const rows = parts.flatMap((l) => l.filter((x) => !x.startsWith('#'))).sort((a, b) => parseFloat(a) - parseFloat(b));
  writeFileSync(join(dir, 'dns.log'), [...head, ...rows].join('\n') + '\n');
}
