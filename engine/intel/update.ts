// Keeping the feeds current: the built-in downloads when due, the owner's folder of plain lists
// (RITA's custom_feeds_directory: one IP, CIDR or domain a line, # comments), and files imported
// by hand for sensors without internet. Whatever fails is recorded beside the last good copy,
// which stays: a failed or garbage fetch never empties a feed.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { IntelStore } from '../../db/intel-store.js';
import { FeedRejected } from './parse.js';
import type { FeedFormat } from '../contract/intel-values.js';
import { BUILTIN_FEEDS, FOLDER_PREFIX, detectFormat } from './feeds.js';
import { checkedParse, fetchFeed, MAX_FEED_BYTES, type FetchOptions } from './fetch.js';
import { readRegularFileText } from '../zeek/regular-file.js';
import type { LoadedFeed } from './match.js';
import type { IntelFeedResult } from '../contract/api.js';

export type IntelStoreLike = Pick<
  IntelStore,
  'feeds' | 'feed' | 'define' | 'remove' | 'saveGood' | 'markChecked' | 'recordError' | 'config' | 'entries' | 'setEnabled'
>;

/** one feed's outcome: its copy's entries after it (the last good one when it failed) */
export type FeedResult = IntelFeedResult;

export interface UpdateOptions {
  /** epoch s */
  now?: number;
  /** fetch every enabled feed, due or not (`intel update`, "Update now") */
  force?: boolean;
  /** built-in feeds at other addresses (tests serve them from a local server) */
  urls?: Partial<Record<string, string>>;
  fetch?: Pick<FetchOptions, 'timeoutMs' | 'maxBytes' | 'fetchImpl' | 'signal'>;
}

/** Creates the built-in feeds' rows (their copies and on/off untouched). */
export function defineBuiltinFeeds(store: IntelStoreLike, urls: UpdateOptions['urls'] = {}): void {
  for (const f of BUILTIN_FEEDS) store.define({ name: f.name, format: f.format, source: urls[f.name] ?? f.url, builtin: true });
}

/** Whether a feed's copy is older than the schedule (or it has none, or its last try failed after it). */
export function isDue(row: { checkedAt: number | null; lastErrorAt: number | null }, scheduleHours: number, now: number): boolean {
  const last = Math.max(row.checkedAt ?? -Infinity, row.lastErrorAt ?? -Infinity);
  return !Number.isFinite(last) || now - last >= scheduleHours * 3600;
}

/** Updates every enabled feed that is due (all of them with `force`), then re-reads the folder. */
export async function updateFeeds(store: IntelStoreLike, opts: UpdateOptions = {}): Promise<FeedResult[]> {
  const now = opts.now ?? Date.now() / 1000;
  defineBuiltinFeeds(store, opts.urls);
  const config = store.config();
  const out: FeedResult[] = [];
  for (const row of store.feeds()) {
    if (!row.builtin || !row.source) continue;
    // the off switch stops scheduled downloads; "Update now" (force) is the owner asking
    if (!row.enabled || (!opts.force && (!config.enabled || !isDue(row, config.scheduleHours, now)))) {
      out.push({ feed: row.name, outcome: 'skipped', entries: row.entryCount, error: null });
      continue;
    }
    try {
      const got = await fetchFeed(row.source, row.format, {
        ...opts.fetch,
        etag: row.etag,
        lastModified: row.lastModified,
        previousEntries: row.entryCount,
      });
      if (got.kind === 'not-modified') {
        store.markChecked(row.name, now);
        out.push({ feed: row.name, outcome: 'not-modified', entries: row.entryCount, error: null });
      } else {
        store.saveGood(row.name, { entries: got.parsed.entries, contentBytes: got.bytes, at: now, etag: got.etag, lastModified: got.lastModified });
        out.push({ feed: row.name, outcome: 'updated', entries: got.parsed.entries.length, error: null });
      }
    } catch (err) {
      // the host is closing: nothing failed, the feed is simply due next time
      if (opts.fetch?.signal?.aborted) out.push({ feed: row.name, outcome: 'skipped', entries: row.entryCount, error: null });
      else out.push(failed(store, row.name, err, now));
    }
  }
  out.push(...readFolder(store, config.customDir, now));
  return out;
}

function failed(store: IntelStoreLike, name: string, err: unknown, now: number): FeedResult {
  const reason = err instanceof FeedRejected ? err.message : `failed: ${(err as Error).message}`;
  store.recordError(name, reason, now);
  return { feed: name, outcome: 'failed', entries: store.feed(name)?.entryCount ?? 0, error: reason };
}

/**
 * The owner's folder of plain lists: each file a feed named `folder:<file>`. A file gone from
 * the folder takes its feed with it (the owner removed it); one that fails to read keeps its
 * last good copy and says why.
 */
export function readFolder(store: IntelStoreLike, dir: string | null, now: number): FeedResult[] {
  const out: FeedResult[] = [];
  let files: string[] = [];
  if (dir) {
    try {
      files = readdirSync(dir)
        .filter((f) => !f.startsWith('.'))
        .filter((f) => statSync(join(dir, f)).isFile())
        .sort();
    } catch (err) {
      out.push({ feed: `${FOLDER_PREFIX}${dir}`, outcome: 'failed', entries: 0, error: `cannot read the folder ${dir}: ${(err as Error).message}` });
      return out;
    }
  }
  const names = new Set(files.map((f) => `${FOLDER_PREFIX}${f}`));
  for (const row of store.feeds()) if (row.name.startsWith(FOLDER_PREFIX) && !names.has(row.name)) store.remove(row.name);
  for (const f of files) {
    const name = `${FOLDER_PREFIX}${f}`;
    store.define({ name, format: 'plain', source: join(dir!, f), builtin: false });
    out.push(importText(store, name, 'plain', () => readFeedFile(join(dir!, f)), now, join(dir!, f)));
  }
  return out;
}

export interface ImportOptions {
  format?: FeedFormat;
  /** default: the built-in feed of the file's format (so Feodo's file fills `feodo`), else the file's name */
  name?: string;
  now?: number;
}

/** `beaconwatch intel import FILE`: a feed downloaded elsewhere, for a sensor without internet. */
export function importFeedFile(store: IntelStoreLike, file: string, opts: ImportOptions = {}): FeedResult {
  const text = readFeedFile(file);
  return importFeedText(store, text, { ...opts, name: opts.name ?? defaultName(text, opts.format, file), source: file });
}

/** The same for text already read (Settings' import field sends the file's content). */
export function importFeedText(store: IntelStoreLike, text: string, opts: ImportOptions & { source?: string | null }): FeedResult {
  const now = opts.now ?? Date.now() / 1000;
  const format = opts.format ?? detectFormat(text);
  const name = opts.name ?? defaultName(text, format, opts.source ?? 'imported');
  const existing = store.feed(name);
  if (existing && existing.format !== format) {
    throw new FeedRejected(`feed ${name} holds ${existing.format} entries; this file reads as ${format} (give --name for a feed of its own)`);
  }
  const builtin = BUILTIN_FEEDS.find((f) => f.name === name);
  // an import into a built-in feed keeps its download address: the next online update goes on from it
  store.define({ name, format, source: builtin ? (existing?.source ?? builtin.url) : (opts.source ?? null), builtin: builtin !== undefined });
  const r = importText(store, name, format, () => text, now, opts.source ?? null);
  if (r.outcome === 'failed') {
    // a feed this import would have created is not left behind empty
    if (!existing) store.remove(name);
    throw new FeedRejected(`${name}: ${r.error}`);
  }
  return r;
}

function importText(store: IntelStoreLike, name: string, format: FeedFormat, read: () => string, now: number, source: string | null): FeedResult {
  try {
    const text = read();
    const parsed = checkedParse(format, text, store.feed(name)?.entryCount ?? 0, { download: false });
    store.saveGood(name, { entries: parsed.entries, contentBytes: Buffer.byteLength(text), at: now });
    return { feed: name, outcome: 'updated', entries: parsed.entries.length, error: null };
  } catch (err) {
    const r = failed(store, name, err, now);
    return source ? { ...r, error: `${source}: ${r.error}` } : r;
  }
}

/**
 * Feeds for one scan (`scan --intel`), read but never stored: each file in its detected format,
 * each file of a folder as a plain list. A file that fails its checks stops the scan with its reason.
 */
export function feedsFromPaths(paths: readonly string[]): LoadedFeed[] {
  const files = paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => !f.startsWith('.'))
          .map((f) => join(p, f))
          .filter((f) => statSync(f).isFile())
      : [p],
  );
  return files.map((file) => {
    const text = readFeedFile(file);
    const format = detectFormat(text);
    try {
      return {
        name: defaultName(text, format, file),
        fetchedAt: statSync(file).mtimeMs,
        entries: checkedParse(format, text, 0, { download: false }).entries,
      };
    } catch (err) {
      throw new FeedRejected(`${file}: ${(err as Error).message}`);
    }
  });
}

function defaultName(text: string, format: FeedFormat | undefined, file: string): string {
  const f = format ?? detectFormat(text);
  return BUILTIN_FEEDS.find((b) => b.format === f)?.name ?? basename(file);
}

function readFeedFile(file: string): string {
  const size = statSync(file).size;
  if (size > MAX_FEED_BYTES) throw new FeedRejected(`${file} is ${Math.round(size / 1024 / 1024)} MiB, over the 50 MiB limit`);
  return readRegularFileText(file);
}
