// Crash harness shared by the crash tests and the crash benchmark: run a beaconwatch command,
// SIGKILL it at random moments, and compare what two stores hold pair by pair (every event's
// timestamp), so a lost, doubled or misplaced event shows even when the totals agree.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decode } from '../../db/event-chunks.js';
import { REPO_ROOT } from './samples.js';

export const CLI = join(REPO_ROOT, 'engine/cli/run.ts');

export interface Exit {
  code: number | null;
  signal: string | null;
  out: string;
}

export interface Running {
  child: ChildProcess;
  done: Promise<Exit>;
  /** stdout and stderr so far */
  output(): string;
}

/** `beaconwatch ARGS` from the sources, as the crash tests run it. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out })));
  return { child, done, output: () => out };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** a deterministic generator in [0, 1): the kill points of a failing run can be replayed */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** Every stored pair's event timestamps, sorted, by (source, variant, src, dst). */
export function pairEvents(dbFile: string): Map<string, Float64Array> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const names = new Map<number, string>();
    for (const r of db.prepare('SELECT id, source, variant, src, dst FROM pairs').all() as {
      id: number;
      source: string;
      variant: string;
      src: string;
      dst: string;
    }[])
      names.set(r.id, `${r.source}/${r.variant} ${r.src} -> ${r.dst}`);
    const parts = new Map<string, Float64Array[]>();
    for (const [id, ts] of db.prepare('SELECT pair_id, ts FROM event_chunks').raw().all() as [number, Buffer][]) {
      const key = names.get(id) ?? `missing pair ${id}`;
      let list = parts.get(key);
      if (!list) parts.set(key, (list = []));
      list.push(decode(ts));
    }
    const out = new Map<string, Float64Array>();
    for (const key of names.values()) {
      const list = parts.get(key) ?? [];
      const all = new Float64Array(list.reduce((n, a) => n + a.length, 0));
      let at = 0;
      for (const a of list) {
        all.set(a, at);
        at += a.length;
      }
      out.set(key, all.sort());
    }
    return out;
  } finally {
    db.close();
  }
}

export interface PairDiff {
  /** pairs in either store */
  pairs: number;
  events: number;
  /** pairs whose events (count or any timestamp) differ */
  differ: number;
  /** a few of them, for the failure message */
  examples: string[];
}

/** Compares two stores pair by pair: count and every timestamp. */
export function comparePairs(clean: Map<string, Float64Array>, other: Map<string, Float64Array>): PairDiff {
  const keys = new Set([...clean.keys(), ...other.keys()]);
  const d: PairDiff = { pairs: keys.size, events: 0, differ: 0, examples: [] };
  for (const k of keys) {
    const a = clean.get(k) ?? new Float64Array(0);
    const b = other.get(k) ?? new Float64Array(0);
    d.events += a.length;
    let same = a.length === b.length;
    for (let i = 0; same && i < a.length; i++) same = a[i] === b[i];
    if (same) continue;
    d.differ++;
    if (d.examples.length < 5) d.examples.push(`${k}: ${a.length} events clean, ${b.length} after the kills`);
  }
  return d;
}

/**
 * Every stored pair's traits (bytes each way, durations, the longest connection) by pair key, as
 * text. Sums are rounded to the microsecond: a resumed run adds the same values in other groupings.
 */
export function pairTraits(dbFile: string): Map<string, string> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT p.source, p.variant, p.src, p.dst, t.rows, t.sent, t.received, t.durations, t.duration_sum, t.duration_max, t.longest_ts, t.longest_bytes
         FROM pair_traits t JOIN pairs p ON p.id = t.pair_id`,
      )
      .raw()
      .all() as [string, string, string, string, number, number, number, number, number, number, number | null, number | null][];
    return new Map(
      rows.map(([source, variant, src, dst, n, sent, received, durations, sum, max, longestTs, longestBytes]) => [
        `${source}/${variant} ${src} -> ${dst}`,
        `${n} ${sent} ${received} ${durations} ${sum.toFixed(6)} ${max} ${longestTs} ${longestBytes}`,
      ]),
    );
  } finally {
    db.close();
  }
}
