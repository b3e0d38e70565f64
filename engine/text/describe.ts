// Period and jitter in words: "every ~30 s ± 5 s, 2,880 times in 24 h".
import type { SeriesStats } from '../contract/types.js';

export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 90) return `${round(s)} s`;
  if (s < 90 * 60) return `${round(s / 60)} min`;
  if (s < 36 * 3600) return `${round(s / 3600)} h`;
  return `${round(s / 86400)} d`;
}

function round(x: number): string {
  return x >= 10 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

export function describeSeries(stats: SeriesStats, windowS: number): string {
  const times = `${stats.activities.toLocaleString('en-US')} time${stats.activities === 1 ? '' : 's'} in ${formatDuration(windowS)}`;
  if (stats.periodS === null || stats.activities < 2) return times;
  const jitter = stats.spreadS !== null && stats.spreadS >= 0.5 ? ` ± ${formatDuration(stats.spreadS)}` : '';
  return `every ~${formatDuration(stats.periodS)}${jitter}, ${times}`;
}
