// Period and spread in words, the one way every surface says them (UI, CLI, notifications):
// the range most intervals fall in (10th–90th percentile) and the typical one (the median),
// e.g. "every 3.3–5.8 min, typically 4.6 min, 250 times in 24 h". A median deviation ("± 41 s")
// hid how wide a jittered beacon's intervals really are, so it is no longer said.
import type { SeriesStats } from '../contract/types.js';

const UNITS: [limitS: number, unitS: number, name: string][] = [
  [90, 1, 's'],
  [90 * 60, 60, 'min'],
  [36 * 3600, 3600, 'h'],
  [Infinity, 86400, 'd'],
];

function unitOf(seconds: number): [number, string] {
  const u = UNITS.find(([limit]) => Math.abs(seconds) < limit)!;
  return [u[1], u[2]];
}

export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  const [unit, name] = unitOf(s);
  return `${round(s / unit)} ${name}`;
}

function round(x: number): string {
  return x >= 10 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

/**
 * "every 3.3–5.8 min, typically 4.6 min"; "every 60 s" when the range rounds to one value;
 * "every ~4.6 min" for stats stored before the range was kept. Null below two activities.
 */
export function describeInterval(stats: Pick<SeriesStats, 'periodS' | 'intervalP10S' | 'intervalP90S'>): string | null {
  const typical = stats.periodS;
  if (typical === null || !Number.isFinite(typical)) return null;
  const lo = stats.intervalP10S;
  const hi = stats.intervalP90S;
  if (lo === null || lo === undefined || hi === null || hi === undefined) return `every ~${formatDuration(typical)}`;
  if (hi < 1) return `every ${formatDuration(typical)}`;
  const [unit, name] = unitOf(hi);
  const [a, b] = [round(Math.max(0, lo) / unit), round(hi / unit)];
  if (a === b) return `every ${formatDuration(typical)}`;
  return `every ${a}–${b} ${name}, typically ${formatDuration(typical)}`;
}

/** The range alone, for narrow tables: "3.6–5.6 min", "60 s", "~34 min"; "-" when unknown. */
export function describeIntervalShort(stats: Pick<SeriesStats, 'periodS' | 'intervalP10S' | 'intervalP90S'>): string {
  const long = describeInterval(stats);
  if (long === null) return '-';
  return long.replace(/^every /, '').replace(/, typically .*$/, '');
}

export function describeSeries(stats: SeriesStats, windowS: number): string {
  const times = `${stats.activities.toLocaleString('en-US')} time${stats.activities === 1 ? '' : 's'} in ${formatDuration(windowS)}`;
  const every = stats.activities >= 2 ? describeInterval(stats) : null;
  return every ? `${every}, ${times}` : times;
}
