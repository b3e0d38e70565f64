// The engine's running state: store, settings, scorers, tailer, rescore timer, counters.
// Lifecycle only; the API calls live in api-impl.ts.
import { EventEmitter } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { Store } from '../../db/store.js';
import { explainStoreError } from '../../db/store-errors.js';
import { Allowlist } from '../allowlist/index.js';
import type { EngineStatus, ProblemView, RescoreSummary, Settings } from '../contract/api.js';
import type { EngineHostOptions } from '../contract/host.js';
import { PairExtractor } from '../pairs/extract.js';
import { LocalNetworks } from '../pairs/local-networks.js';
import { rescore } from '../score/rescore.js';
import { ROBUST_LATEST_SAMPLE, robustLatest } from '../score/robust-latest.js';
import { loadScorers, type LoadedScorers } from '../score/scorers.js';
import { loadSettings } from './settings.js';
import { retentionCutoff } from './retention.js';
import { ZeekTailer } from '../tail/tailer.js';
import { logDirState, scanLogDir, type LogDirScan } from './log-dir-state.js';
import { VERSION } from '../app/version.js';
import { isAlert, visibleFindings, type ViewContext } from './views.js';
import { RemoteAlerts } from '../alerts/remote.js';
import { storeViewContext } from '../findings/store-context.js';
import { terminalSafe } from '../text/terminal-safe.js';

/** the live ingest rate is an average over this many milliseconds */
const LIVE_RATE_MS = 5 * 60_000;

export class EngineRuntime extends EventEmitter {
  readonly store: Store;
  readonly allowlist: Allowlist;
  settings: Settings;
  scorers: LoadedScorers | null = null;
  tailer: ZeekTailer | null = null;
  paused = false;
  demo = false;
  backfill: EngineStatus['backfill'] = null;
  nextRescoreAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private rescoring: Promise<RescoreSummary> | null = null;
  /** stored batches of the last few minutes (any origin: the all-events rate) */
  private readonly ingestTimes: { at: number; n: number }[] = [];
  /** when the folder's backfill began (seconds): live events are the ones newer than it */
  private followFromS: number | null = null;
  /** samples of the count of events newer than followFromS, for the live rate */
  private readonly liveSamples: { at: number; n: number }[] = [];
  /** what the last rescore of this run produced (unknown for one from before a restart) */
  private lastOutcome: { at: number; findings: number; newAlerts: number } | null = null;
  private readonly problems: ProblemView[] = [];
  /** rows skipped by every read of this run (warnings' counts) */
  private skippedRows = 0;
  /** problems that go away once their file is read (disk full, a .gz still being written) */
  private readonly transientProblems = new Set<ProblemView>();
  /** ntfy / webhook alerts, only to the addresses the owner set */
  readonly remoteAlerts: RemoteAlerts;
  private changeTimer: NodeJS.Timeout | null = null;
  /** what the followed directory held at the last look (null: not looked, or demo data) */
  private logDirScan: LogDirScan | null = null;

  constructor(readonly opts: EngineHostOptions) {
    super();
    this.store = Store.open(opts.dbFile);
    this.allowlist = new Allowlist(this.store.allowlist);
    // A directory given on the command line becomes the configured one.
    if (opts.zeekDir !== undefined && opts.zeekDir !== null) this.store.settings.setMany({ zeekDir: opts.zeekDir });
    this.settings = loadSettings(this.store.settings);
    this.remoteAlerts = new RemoteAlerts(
      () => this.settings,
      (l) => this.log(l),
    );
  }

  log(line: string): void {
    this.opts.log?.(line);
  }

  problem(file: string | null, problem: string, transient = false, warning?: { rows: number }): void {
    // a store failure (disk full, damaged or read-only database) names the database and the fix
    const store = explainStoreError(new Error(problem), this.opts.dbFile);
    const view: ProblemView = {
      at: Date.now() / 1000,
      file,
      problem: store ? (transient ? `${store} Beaconwatch tries again by itself.` : store) : problem,
      level: warning && !store ? 'warning' : 'error',
      rows: warning?.rows ?? 0,
    };
    if (view.level === 'warning') this.skippedRows += view.rows;
    if (transient) this.transientProblems.add(view);
    this.problems.unshift(view);
    this.problems.length = Math.min(this.problems.length, 50);
    for (const t of this.transientProblems) if (!this.problems.includes(t)) this.transientProblems.delete(t);
    // file names and messages come from logs: one line, escaped for the terminal
    this.log(`problem: ${terminalSafe(file ?? '')} ${terminalSafe(problem)}`);
  }

  /** A file that had failed for a transient reason was read: its notices are over. */
  resolveProblems(file: string): void {
    for (let i = this.problems.length - 1; i >= 0; i--) {
      const p = this.problems[i]!;
      if (p.file === file && this.transientProblems.delete(p)) this.problems.splice(i, 1);
    }
    this.log(`resolved: ${terminalSafe(file)} read`);
  }

  viewContext(): ViewContext {
    return storeViewContext(this.store, this.allowlist, this.settings, null);
  }

  async loadScorers(): Promise<void> {
    this.scorers ??= await loadScorers({ ...(this.opts.modelDir ? { modelDir: this.opts.modelDir } : {}), log: (l) => this.log(l) });
  }

  /** Start (or restart) following the configured directory. */
  async startTailing(): Promise<void> {
    await this.stopTailing();
    const dir = this.settings.zeekDir;
    if (!dir || this.paused) return;
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      this.problem(dir, 'the Zeek log directory does not exist (check Settings)');
      this.logDirScan = { files: 0, live: false, newestMtime: null };
      return;
    }
    const tailer = new ZeekTailer({
      dir,
      store: this.store.ingest,
      extractor: new PairExtractor(new LocalNetworks(this.settings.localNetworks)),
      backfillS: this.settings.backfillS,
      // a folder of old captures is read back to the retention from its newest file (kept: retention waits while data is historic)
      historicS: this.settings.retentionDays * 86400,
      onProblem: (p) => this.problem(p.file, p.problem, false, p.level === 'warning' ? { rows: p.rows ?? 0 } : undefined),
      onTransient: (p) => this.problem(p.file, p.problem, true),
      onResolved: (file) => this.resolveProblems(file),
      onIngest: (n) => this.countIngest(n),
      onBackfill: (p) => {
        this.backfill = p.filesDone < p.filesTotal ? p : null;
      },
    });
    this.followFromS = Date.now() / 1000;
    this.liveSamples.length = 0;
    this.tailer = tailer;
    try {
      await tailer.start();
    } catch (err) {
      this.problem(dir, (err as Error).message);
    }
    this.backfill = null;
    await this.refreshLogDir();
  }

  /** Look again at what the Zeek directory holds (after start, and at every rescore). */
  async refreshLogDir(): Promise<void> {
    const dir = this.settings.zeekDir;
    this.logDirScan = dir && !this.demo ? await scanLogDir(dir) : null;
  }

  async stopTailing(): Promise<void> {
    const t = this.tailer;
    this.tailer = null;
    await t?.stop();
  }

  /** A rescore nobody awaits failed: into the problems list and the log. */
  rescoreFailed(err: unknown): void {
    this.problem(null, `rescore failed: ${err instanceof Error ? err.message : String(err)}`);
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const ms = this.settings.rescoreIntervalS * 1000;
    this.nextRescoreAt = Date.now() / 1000 + this.settings.rescoreIntervalS;
    this.timer = setTimeout(() => {
      void this.rescoreNow().catch((err: unknown) => this.rescoreFailed(err));
    }, ms);
    this.timer.unref();
  }

  /**
   * The window ends now, unless the newest stored event is older than the window (historic logs
   * imported from archives): then it ends at that event, so the data is still scored.
   */
  windowEnd(): number {
    const now = Date.now() / 1000;
    const latest = robustLatest(this.store.pairs.latestPairTimes(ROBUST_LATEST_SAMPLE), this.store.pairs.counts().events);
    if (latest !== null && latest < now - this.settings.windowS) return latest;
    return now;
  }

  /** Rescore once; concurrent calls share the run in progress. */
  rescoreNow(): Promise<RescoreSummary> {
    this.rescoring ??= this.doRescore().finally(() => {
      this.rescoring = null;
      this.schedule();
    });
    return this.rescoring;
  }

  private async doRescore(): Promise<RescoreSummary> {
    await this.loadScorers();
    if (this.tailer) await this.refreshLogDir();
    await this.tailer?.idle();
    const windowEnd = this.windowEnd();
    const { run } = await rescore(this.store, {
      now: windowEnd,
      windowS: this.settings.windowS,
      gapS: this.settings.activityGapS,
      scorers: this.scorers!.scorers,
    });
    // Retention counts back from the newest event, and waits while the data is historic (retention.ts).
    const cutoff = retentionCutoff(Date.now() / 1000, this.store.pairs.latestEventTime(), this.settings.windowS, this.settings.retentionDays);
    const pruned = this.store.pairs.pruneEvents(cutoff ?? -Infinity);
    if (pruned > 0) this.log(`retention: removed ${pruned} events older than ${this.settings.retentionDays} days`);
    const { alerts, findings } = this.collectAlerts();
    this.lastOutcome = { at: run.startedAt, findings, newAlerts: alerts };
    this.emit('changed', { reason: 'rescore' });
    return { at: run.startedAt, windowEnd: run.windowEnd, pairs: run.pairs, durationMs: run.durationMs, newAlerts: alerts };
  }

  /** Alert once per finding, ever: a behaviour that gains members (a new address) is not new. */
  private collectAlerts(): { alerts: number; findings: number } {
    const rows = this.store.pairs.listScoredPairs();
    const notified = new Set(rows.filter((r) => r.notifiedAt !== null).map((r) => r.id));
    const alerting = visibleFindings(rows, this.viewContext()).filter(isAlert);
    const fresh = alerting.filter((v) => !v.members.some((m) => notified.has(m.pairId)));
    if (fresh.length === 0) return { alerts: 0, findings: alerting.length };
    this.store.pairs.markNotified(
      fresh.flatMap((v) => v.members.map((m) => m.pairId)),
      Date.now() / 1000,
    );
    if (this.settings.notifications) {
      this.emit('alerts', fresh);
      void this.remoteAlerts.notify(fresh);
    }
    return { alerts: fresh.length, findings: alerting.length };
  }

  private countIngest(n: number): void {
    if (n <= 0) return;
    const now = Date.now();
    // data arrived: the folder holds logs, and one was just written
    if (this.logDirScan)
      this.logDirScan = {
        files: Math.max(1, this.logDirScan.files),
        live: this.logDirScan.live,
        newestMtime: Math.max(this.logDirScan.newestMtime ?? 0, now / 1000),
      };
    this.ingestTimes.push({ at: now, n });
    while (this.ingestTimes.length > 0 && this.ingestTimes[0]!.at < now - LIVE_RATE_MS) this.ingestTimes.shift();
    // Coalesce UI refreshes: at most one "changed" push per two seconds while data streams in.
    this.changeTimer ??= setTimeout(() => {
      this.changeTimer = null;
      this.emit('changed', { reason: 'ingest' });
    }, 2000);
  }

  /** Events per minute, only those newer than the backfill start (history never counts, whenever
   *  it is read), sampled at each status; null while the newest event is not recent. */
  private liveRate(nowMs: number, latest: number | null): number | null {
    if (this.followFromS === null || latest === null || nowMs / 1000 - latest > LIVE_RATE_MS / 1000) return null;
    const samples = this.liveSamples;
    samples.push({ at: nowMs, n: this.store.pairs.eventsFrom(this.followFromS) });
    while (samples.length > 2 && samples[1]!.at <= nowMs - LIVE_RATE_MS) samples.shift();
    const first = samples[0]!;
    if (first.at === nowMs) return 0;
    // over the window, or since following began when that is shorter; a prune's chunk merge can lower the count
    return Math.max(0, samples[samples.length - 1]!.n - first.n) / (Math.max(nowMs - first.at, 60_000) / 60_000);
  }

  status(): EngineStatus {
    const latest = this.store.pairs.latestEventTime();
    const counts = this.store.pairs.counts();
    const last = this.store.scores.lastRun();
    const now = Date.now();
    return {
      version: VERSION,
      mode: this.opts.mode,
      zeekDir: this.settings.zeekDir,
      tailing: this.tailer !== null,
      paused: this.paused,
      demo: this.demo,
      backfill: this.backfill,
      lastRescore: last
        ? {
            at: last.startedAt,
            windowEnd: last.windowEnd,
            pairs: last.pairs,
            durationMs: last.durationMs,
            ...(this.lastOutcome?.at === last.startedAt ? { findings: this.lastOutcome.findings, newAlerts: this.lastOutcome.newAlerts } : {}),
          }
        : null,
      nextRescoreAt: this.nextRescoreAt,
      eventsPerMinute: this.ingestTimes.filter((x) => x.at >= now - 60_000).reduce((a, x) => a + x.n, 0),
      liveEventsPerMinute: this.liveRate(now, latest),
      ingestLagS: latest === null ? null : Math.max(0, now / 1000 - latest),
      pairs: counts.pairs,
      events: counts.events,
      modelBackend: this.scorers?.backend ?? null,
      problems: this.problems.slice(0, 20),
      skippedRows: this.skippedRows,
      logDir: this.settings.zeekDir && !this.demo && this.logDirScan ? logDirState(this.settings.zeekDir, this.logDirScan, now / 1000) : null,
      filesWaiting: this.tailer?.waiting ?? 0,
    };
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.changeTimer) clearTimeout(this.changeTimer);
    await this.stopTailing();
    await this.rescoring?.catch(() => undefined);
    this.scorers?.dispose();
    this.store.close();
  }
}
