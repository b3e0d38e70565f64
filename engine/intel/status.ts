// The feeds as people see them: entry counts, age, last error (Settings, the status bar,
// `beaconwatch intel list`).
import type { IntelHealth, IntelStatus } from '../contract/api.js';
import { feedTitle } from './feeds.js';
import type { IntelStoreLike } from './update.js';
import { formatDuration } from '../text/describe.js';

export function intelStatus(store: Pick<IntelStoreLike, 'feeds' | 'config'>, nextCheckAt: number | null = null): IntelStatus {
  const config = store.config();
  const feeds = store.feeds().map((f) => ({
    name: f.name,
    title: feedTitle(f.name),
    format: f.format,
    source: f.source,
    builtin: f.builtin,
    enabled: f.enabled,
    entries: f.entryCount,
    fetchedAt: f.fetchedAt,
    checkedAt: f.checkedAt,
    lastError: f.lastError,
    lastErrorAt: f.lastErrorAt,
  }));
  const on = feeds.filter((f) => f.enabled);
  return {
    enabled: config.enabled,
    scheduleHours: config.scheduleHours,
    customDir: config.customDir,
    feeds,
    entries: on.reduce((n, f) => n + f.entries, 0),
    failing: on.filter((f) => f.lastError !== null).length,
    nextCheckAt: config.enabled ? nextCheckAt : null,
  };
}

/** The status bar's line: how many feeds hold entries, how many fail, the oldest copy. */
export function intelHealth(store: Pick<IntelStoreLike, 'feeds' | 'config'>): IntelHealth {
  const on = store.feeds().filter((f) => f.enabled);
  const held = on.filter((f) => f.entryCount > 0);
  return {
    feeds: held.length,
    entries: held.reduce((n, f) => n + f.entryCount, 0),
    failing: on.filter((f) => f.lastError !== null).map((f) => f.name),
    oldestCheckedAt: held.length > 0 ? Math.min(...held.map((f) => f.checkedAt ?? f.fetchedAt ?? 0)) : null,
    downloads: store.config().enabled,
  };
}

/** "3 h ago", "never" */
export function ageText(at: number | null, nowS: number): string {
  if (at === null) return 'never';
  const age = nowS - at;
  return age < 60 ? 'just now' : `${formatDuration(age)} ago`;
}
