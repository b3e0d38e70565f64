// chart.js with only the parts the views use, coloured from the page's CSS variables so charts
// follow light/dark mode.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  Legend,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip, Legend);

export function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export function themeChart(): void {
  Chart.defaults.color = cssVar('--muted', '#666');
  Chart.defaults.borderColor = cssVar('--grid', 'rgba(128,128,128,0.2)');
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
}

export const STATE_COLORS = {
  new: () => cssVar('--state-new', '#d9534f'),
  known: () => cssVar('--state-known', '#3b82f6'),
  dismissed: () => cssVar('--state-dismissed', '#9ca3af'),
  seen: () => cssVar('--state-seen', '#10b981'),
};

export { Chart };
