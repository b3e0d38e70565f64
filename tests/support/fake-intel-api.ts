// The fake API's threat-intel calls (tests/support/fake-api.ts): two feeds, an import that adds a
// plain list, the schedule and the off switch kept in memory.
import { ApiError, type BeaconwatchApi, type IntelFeedView, type IntelStatus } from '../../engine/api.js';

const NOW = Math.floor(Date.now() / 1000);
const DAY = 86400;

type IntelCalls = 'getIntelStatus' | 'updateIntelNow' | 'importIntel' | 'updateIntelConfig';

export function fakeIntelApi(): Pick<BeaconwatchApi, IntelCalls> {
  // one feed fetched, one failing with its last good copy kept
  const intel = {
    enabled: true,
    scheduleHours: 24,
    customDir: null as string | null,
    feeds: [
      {
        name: 'feodo',
        title: 'Feodo Tracker',
        format: 'feodo',
        source: 'https://feodotracker.abuse.ch/downloads/ipblocklist.csv',
        builtin: true,
        enabled: true,
        entries: 412,
        fetchedAt: NOW - 3 * 3600,
        checkedAt: NOW - 3 * 3600,
        lastError: null,
        lastErrorAt: null,
      },
      {
        name: 'urlhaus',
        title: 'URLhaus',
        format: 'urlhaus-hosts',
        source: 'https://urlhaus.abuse.ch/downloads/hostfile/',
        builtin: true,
        enabled: true,
        entries: 2210,
        fetchedAt: NOW - 2 * DAY,
        checkedAt: NOW - 2 * DAY,
        lastError: 'the server answered HTTP 503',
        lastErrorAt: NOW - 3600,
      },
    ] as IntelFeedView[],
    status(): IntelStatus {
      const on = this.feeds.filter((f) => f.enabled);
      return {
        enabled: this.enabled,
        scheduleHours: this.scheduleHours,
        customDir: this.customDir,
        feeds: this.feeds,
        entries: on.reduce((n, f) => n + f.entries, 0),
        failing: on.filter((f) => f.lastError).length,
        nextCheckAt: null,
      };
    },
  };

  return {
    getIntelStatus: async () => intel.status(),
    updateIntelNow: async () => ({
      results: intel.feeds.map((f) => ({ feed: f.name, outcome: 'not-modified' as const, entries: f.entries, error: null })),
      status: intel.status(),
    }),
    importIntel: async ({ text, name }) => {
      const entries = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
      if (entries === 0) throw new ApiError('invalid-argument', 'no entries');
      const feed = name ?? 'imported.txt';
      intel.feeds = [
        ...intel.feeds.filter((f) => f.name !== feed),
        { ...intel.feeds[0]!, name: feed, title: feed, format: 'plain', builtin: false, entries, lastError: null, lastErrorAt: null },
      ];
      return { result: { feed, outcome: 'updated', entries, error: null }, status: intel.status() };
    },
    updateIntelConfig: async (c) => {
      if (c.enabled !== undefined) intel.enabled = c.enabled;
      if (c.scheduleHours !== undefined) intel.scheduleHours = c.scheduleHours;
      if (c.customDir !== undefined) intel.customDir = c.customDir;
      return intel.status();
    },
  };
}
