// Chart configurations for the pair view: the window's timeline, the interval histogram and the
// score history. Pure functions of the PairDetail, so they are easy to reason about.
import type { ChartConfiguration } from 'chart.js';
import type { PairDetail } from '../../../engine/api.js';
import { cssVar } from './charts.js';
import { clock, duration } from './format.js';

/** Activities per time bin across the scoring window (96 bins: 15 min over 24 h). */
export function timelineConfig(p: PairDetail): ChartConfiguration<'bar'> {
  const bins = 96;
  const span = Math.max(1, p.windowEnd - p.windowStart);
  const width = span / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const t of p.activities) {
    const i = Math.floor((t - p.windowStart) / width);
    if (i >= 0 && i < bins) counts[i]! += 1;
    else if (i === bins) counts[bins - 1]! += 1;
  }
  const labels = counts.map((_, i) => clock(p.windowStart + i * width));
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [{ label: 'Activities', data: counts, backgroundColor: cssVar('--accent', '#2563eb'), barPercentage: 1, categoryPercentage: 0.9 }],
    },
    options: {
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { title: (items) => `${items[0]?.label ?? ''} (+${duration(width)})` } },
      },
      scales: {
        x: { ticks: { maxTicksLimit: 9, maxRotation: 0 }, grid: { display: false } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: `per ${duration(width)}` } },
      },
    },
  };
}

/** Intervals between activities, in up to 40 bins from 0 to a little above the 95th percentile. */
export function histogramConfig(p: PairDetail): ChartConfiguration<'bar'> {
  const sorted = [...p.intervals].filter((x) => Number.isFinite(x) && x >= 0).sort((a, b) => a - b);
  const p95 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]! : 1;
  const top = Math.max(1, p95 * 1.2);
  const bins = Math.min(40, Math.max(5, Math.ceil(Math.sqrt(sorted.length)) * 2));
  const width = top / bins;
  const counts = new Array<number>(bins + 1).fill(0);
  for (const x of sorted) counts[Math.min(bins, Math.floor(x / width))]! += 1;
  const label = (s: number) => (top < 600 ? `${Math.round(s)} s` : duration(s));
  const labels = counts.map((_, i) => (i === bins ? `> ${label(top)}` : label(i * width + width / 2)));
  return {
    type: 'bar',
    data: { labels, datasets: [{ label: 'Intervals', data: counts, backgroundColor: cssVar('--bar', '#64748b') }] },
    options: {
      plugins: { legend: { display: false } },
      scales: {
        x: { ticks: { maxTicksLimit: 8, maxRotation: 0 }, grid: { display: false }, title: { display: true, text: 'time between activities' } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'count' } },
      },
    },
  };
}

export function historyConfig(p: PairDetail): ChartConfiguration<'line'> {
  const h = [...p.history].sort((a, b) => a.scoredAt - b.scoredAt);
  return {
    type: 'line',
    data: {
      labels: h.map((x) => clock(x.scoredAt)),
      datasets: [
        {
          label: 'Score',
          data: h.map((x) => x.score),
          borderColor: cssVar('--state-new', '#d9480f'),
          backgroundColor: cssVar('--state-new', '#d9480f'),
          pointRadius: h.length > 40 ? 0 : 3,
          tension: 0.2,
        },
      ],
    },
    options: {
      plugins: { legend: { display: false } },
      scales: { y: { min: 0, max: 1 }, x: { ticks: { maxTicksLimit: 8, maxRotation: 0 } } },
    },
  };
}
