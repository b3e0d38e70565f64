// The match index over the stored feeds, built once per change of the feeds: findings are built
// many times between two updates, a feed changes once a day.
import type { IntelStore } from '../../db/intel-store.js';
import { IntelIndex, type LoadedFeed } from './match.js';

type Source = Pick<IntelStore, 'feeds' | 'entries'>;

const cache = new WeakMap<Source, { signature: string; index: IntelIndex }>();

/** Enabled feeds with a good copy; `fetchedAt` is when the copy was last confirmed current. */
export function loadedFeeds(store: Source): LoadedFeed[] {
  return store
    .feeds()
    .filter((f) => f.enabled && f.entryCount > 0)
    .map((f) => ({ name: f.name, fetchedAt: (f.checkedAt ?? f.fetchedAt ?? 0) * 1000, entries: store.entries(f.name) }));
}

/** The index of the store's feeds, or null when no feed holds entries (nothing to look up). */
export function intelIndexOf(store: Source): IntelIndex | null {
  const feeds = store.feeds().filter((f) => f.enabled && f.entryCount > 0);
  if (feeds.length === 0) return null;
  const signature = feeds.map((f) => `${f.name}\u0000${f.fetchedAt}\u0000${f.checkedAt}\u0000${f.entryCount}`).join('\u0001');
  const have = cache.get(store);
  if (have?.signature === signature) return have.index;
  const index = new IntelIndex(loadedFeeds(store));
  cache.set(store, { signature, index });
  return index;
}
