// One-shot pipeline behind `beaconwatch scan`: find logs, ingest them into a store (a temporary
// one unless given), rescore at `now`, and return the findings best first.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../db/store.js';
import { StoreError } from '../../db/open.js';
import { explainStoreError } from '../../db/store-errors.js';
import { findLogs } from '../ingest/find-logs.js';
import { IngestGroup, ingestFile } from '../ingest/ingest-file.js';
import { PairExtractor } from '../pairs/extract.js';
import { LocalNetworks } from '../pairs/local-networks.js';
import { rescore } from '../score/rescore.js';
import { compareFindings, toFinding } from '../findings/pair-finding.js';
import { storeViewContext } from '../findings/store-context.js';
import { buildFindings } from '../findings/build.js';
import { repeats } from '../contract/thresholds.js';
import { IntelIndex, type LoadedFeed } from '../intel/match.js';
import { loadedFeeds } from '../intel/loaded.js';
// the read side only: the index (and Allowlist's editing) would load zod at start-up
import { AllowlistView } from '../allowlist/allowlist-view.js';
import { DEFAULT_SETTINGS } from '../service/default-settings.js';
import type { Coverage, FindingView, Settings } from '../contract/api.js';
import { ROBUST_LATEST_SAMPLE, robustLatest } from '../score/robust-latest.js';
import { statsScorer } from '../score/stats-scorer.js';
import type { Finding, Scorer } from '../contract/types.js';
import type { LogProblem } from '../zeek/reader.js';
import { ZeekLogError } from '../zeek/reader.js';
import { classifyLogFile } from '../zeek/log-names.js';
import { noLogsMessage, unreadableMessage } from '../service/log-dir-state.js';
import { DEFAULT_SENSOR, type SensorSpec } from '../contract/sensors.js';

export interface ScanOptions {
  /** keep the store in this file; default: a temporary store removed afterwards */
  dbFile?: string | null;
  /** end of the scoring window (epoch s); default: the latest event time in the data */
  now?: number | null;
  windowS?: number;
  /**
   * score every stored event: the window ends at the latest event and reaches back to the first
   * (overrides windowS and the robust default of now); the CLI's --all-time
   */
  allTime?: boolean;
  gapS?: number;
  localNetworks?: readonly string[];
  /** the scorers, or a promise of them (loading while the logs are read); statistics only by default */
  scorers?: readonly Scorer[] | Promise<readonly Scorer[]>;
  onProblem?: (p: LogProblem) => void;
  onFileDone?: (done: number, total: number, file: string) => void;
  /** settings the findings are built with (alert threshold…); the defaults otherwise */
  settings?: Partial<Settings>;
  /** threat-intel feeds for this scan besides the store's (`scan --intel FILE`): raise only, never stored */
  intelFeeds?: LoadedFeed[];
  /**
   * only what repeats: `findings` holds the pairs with enough activities (or a slow schedule) and
   * `views` the findings with such a member — all that `--all` lists, without the rest's cost
   */
  repeatingOnly?: boolean;
  /** called once the pairs are scored: the scorers are no longer needed (free a model's memory) */
  onScored?: () => void;
  /**
   * named sensors (`--sensor name=DIR`): each folder's pairs and devices carry its name. The
   * `paths` are together one sensor, the default one ('sensor'): `scan DIR1 DIR2` reads archives
   * and live folders of one network, where one address is one device.
   */
  sensors?: readonly SensorSpec[];
  /** receives the open store before it is closed */
  withStore?: (store: Store, findings: Finding[], views: FindingView[]) => void | Promise<void>;
}

export interface ScanSummary {
  /** every scored pair, best first */
  findings: Finding[];
  /** the behaviours those pairs form, as the overview shows them (state, members), unfiltered */
  views: FindingView[];
  files: number;
  events: number;
  now: number | null;
  problems: LogProblem[];
  /** what the window scored and what it left out (the coverage sentence); null when nothing was scored */
  coverage: Coverage | null;
}

/** Nothing readable as a Zeek log under the paths: the CLI's error (exit 1), with the reason. */
export class NoLogsError extends Error {
  constructor(paths: readonly string[], detail?: string) {
    super(detail ?? `no Zeek logs (conn, dns, http, ssl) found in ${paths.join(', ')}`);
    this.name = 'NoLogsError';
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** why a folder held nothing to read: empty, or no name like a log (the app's words, log-dir-state.ts) */
function noLogsDetail(paths: readonly string[]): string | undefined {
  if (paths.length !== 1) return undefined;
  const dir = paths[0]!;
  let entries: number;
  try {
    entries = readdirSync(dir).length;
  } catch {
    return undefined;
  }
  return lowerFirst(noLogsMessage(dir, entries));
}

export async function scan(paths: readonly string[], opts: ScanOptions = {}): Promise<ScanSummary> {
  const buckets: { sensor: string; files: string[] }[] = [];
  if (paths.length > 0) buckets.push({ sensor: DEFAULT_SENSOR, files: await findLogs(paths) });
  for (const s of opts.sensors ?? []) buckets.push({ sensor: s.name, files: await findLogs([s.dir]) });
  const allPaths = [...paths, ...(opts.sensors ?? []).map((s) => s.dir)];
  const files = buckets.flatMap((b) => b.files);
  if (files.length === 0) throw new NoLogsError(allPaths, noLogsDetail(allPaths));
  const tempDir = opts.dbFile ? null : mkdtempSync(join(tmpdir(), 'beaconwatch-scan-'));
  // the temporary store is scratch (written once, never synced); a store the user keeps is not
  const store = opts.dbFile ? Store.open(opts.dbFile) : Store.open(join(tempDir!, 'scan.sqlite'), { scratch: true });
  const problems: LogProblem[] = [];
  const report = (p: LogProblem) => {
    problems.push(p);
    opts.onProblem?.(p);
  };
  try {
    let read = 0;
    let i = 0;
    // files that gave nothing (unreadable, not Zeek), with why: the coverage sentence counts them
    const unreadable = new Map<string, string>();
    for (const bucket of buckets) {
      // one sensor at a time, each with its writer (its pairs carry its name) and its extractor
      const ingest = store.ingestFor(bucket.sensor);
      const extractor = new PairExtractor(new LocalNetworks(opts.localNetworks ?? DEFAULT_SETTINGS.localNetworks));
      // Many small archives (hourly gz files) share transactions; the group commits every
      // million lines and at the end. Positions still move only with the events they cover.
      const group = new IngestGroup(ingest);
      const done: string[] = [];
      for (const file of bucket.files) {
        const discards = group.discards;
        try {
          const r = await ingestFile(file, ingest, extractor, { final: true, onProblem: report, group });
          if (r.kind) read++;
          // a file given by name that is no log we read is said, never silently passed over
          else if (r.skipped === 'not-a-pair-log' && !classifyLogFile(file)) {
            const problem = 'not a conn, dns, http, ssl or dhcp log (judged by its name): skipped';
            unreadable.set(file, problem);
            report({ file, problem });
          }
        } catch (err) {
          // A damaged, read-only or full store stops the run, naming the database and the fix.
          const storeProblem = explainStoreError(err, store.file);
          if (storeProblem) throw new StoreError(storeProblem, { cause: err });
          // One bad file never stops the run: say which file and why, then go on.
          const problem = err instanceof ZeekLogError ? err.problem : (err as Error).message;
          unreadable.set(file, problem);
          report({ file, problem });
          // A read that failed mid-batch drops the group's uncommitted work: read those files
          // again; each continues from its committed position, so nothing counts twice.
          if (group.discards !== discards) for (const f of done) await ingestFile(f, ingest, extractor, { final: true, group });
        }
        done.push(file);
        opts.onFileDone?.(++i, files.length, file);
      }
      // committed before the next sensor: a file in two folders is then known (by content) and read once
      group.flush();
    }
    const events = store.pairs.storedEventCount();
    if (read === 0) {
      const why = [...unreadable].map(([file, reason]) => ({ file, reason }));
      throw new NoLogsError(allPaths, why.length > 0 ? lowerFirst(unreadableMessage(paths.join(', '), files.length, why)) : undefined);
    }
    // the newest event time, robust to an outlier pair (see robust-latest.ts)
    const dataFrom = store.pairs.firstEventTime();
    const dataTo = store.pairs.latestEventTime();
    const now = opts.allTime ? (opts.now ?? dataTo) : (opts.now ?? robustLatest(store.pairs.latestPairTimes(ROBUST_LATEST_SAMPLE), events));
    let findings: Finding[] = [];
    let views: FindingView[] = [];
    let coverage: Coverage | null = null;
    if (now !== null) {
      // all time: one window from the first event to `now` (+1 s: the first event inside it)
      const windowS = opts.allTime && dataFrom !== null ? Math.max(1, Math.ceil(now - dataFrom) + 1) : (opts.windowS ?? DEFAULT_SETTINGS.windowS);
      const w = store.pairs.windowCoverage(now - windowS, now);
      coverage = {
        dataFrom,
        dataTo,
        windowEnd: now,
        windowS,
        allTime: opts.allTime ?? false,
        pairsInWindow: w.inWindow,
        pairsOutside: w.outside,
        eventsOutside: w.eventsOutside,
        filesFound: files.length,
        filesUnreadable: unreadable.size,
        filesPending: 0,
        problems: problems.length,
        rowsSkipped: problems.reduce((n, p) => n + (p.level === 'warning' ? (p.rows ?? 0) : 0), 0),
      };
      await rescore(store, {
        now,
        windowS,
        gapS: opts.gapS ?? DEFAULT_SETTINGS.activityGapS,
        scorers: (await opts.scorers) ?? [statsScorer],
      });
      opts.onScored?.();
      const scored = store.pairs.listScoredPairs();
      findings = (opts.repeatingOnly ? scored.filter((p) => repeats(p)) : scored)
        .map(toFinding)
        .filter((f): f is Finding => f !== null)
        .sort(compareFindings);
      const settings: Settings = { ...DEFAULT_SETTINGS, ...opts.settings, windowS };
      const allowlist = new AllowlistView(store.allowlist);
      const ctx = storeViewContext(store, allowlist, settings, now);
      if (opts.intelFeeds?.length) ctx.intel = new IntelIndex([...loadedFeeds(store.intel), ...opts.intelFeeds]);
      views = buildFindings(scored, ctx, { repeatingOnly: opts.repeatingOnly ?? false }).sort(compareFindings);
    }
    await opts.withStore?.(store, findings, views);
    return { findings, views, files: files.length, events, now, problems, coverage };
  } finally {
    store.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

/** The contract promised to native-model's evaluation: findings only. */
export async function scanPaths(paths: string[], opts: ScanOptions = {}): Promise<Finding[]> {
  return (await scan(paths, opts)).findings;
}
