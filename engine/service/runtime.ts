// The engine's running state: store, settings, scorers, tailer, rescore timer, counters.
// Lifecycle only; the API calls live in api-impl.ts.
import { EventEmitter } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { Store } from '../../db/store.js';
import { explainStoreError } from '../../db/store-errors.js';
import { Allowlist } from '../allowlist/index.js';
import type { Coverage, EngineStatus, ProblemView, RescoreSummary, Settings } from '../contract/api.js';
import type { EngineHostOptions } from '../contract/host.js';
import { PairExtractor } from '../pairs/extract.js';
import { LocalNetworks } from '../pairs/local-networks.js';
import { rescore } from '../score/rescore.js';
import { ROBUST_LATEST_SAMPLE, robustLatest } from '../score/robust-latest.js';
import { loadScorers, type LoadedScorers } from '../score/scorers.js';
import { loadSettings, saveSettings } from './settings.js';
import { retentionCutoff } from './retention.js';
import { ZeekTailer } from '../tail/tailer.js';
import { LogDirWatch } from './log-dir-watch.js';
import { IngestRate } from './ingest-rate.js';
import { ProblemLog } from './problem-log.js';
import { coverageOf, windowCoverage, type WindowCoverage } from './coverage.js';
import { coverageNote } from '../text/coverage-sentence.js';
import { VERSION } from '../app/version.js';
import type { ViewContext } from './views.js';
import { collectAlerts } from './alert-once.js';
import { QuickRescore } from './quick-rescore.js';
import { IntelSchedule } from '../intel/schedule.js';
import { RemoteAlerts } from '../alerts/remote.js';
import { storeViewContext } from '../findings/store-context.js';
import { terminalSafe } from '../text/terminal-safe.js';

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
  /** events per minute: all of them, and the live ones (ingest-rate.ts) */
  private readonly rate = new IngestRate();
  /** what the last rescore of this run produced (unknown for one from before a restart) */
  private lastOutcome: { at: number; findings: number; newAlerts: number } | null = null;
  private readonly problems = new ProblemLog();
  /** ntfy / webhook alerts, only to the addresses the owner set */
  readonly remoteAlerts: RemoteAlerts;
  private changeTimer: NodeJS.Timeout | null = null;
  /** what the followed directory holds, and the files the tailer could not read */
  readonly logDir = new LogDirWatch();
  /** what the last rescore's window scored and left out (computed once from a stored run after a restart) */
  private windowCover: WindowCoverage | null = null;
  /** between full rescores: the pairs with new events, scored every few minutes */
  readonly quick = new QuickRescore(this);
  /** the threat-intel feeds' downloads (started by create-host.ts) */
  readonly intel: IntelSchedule;

  constructor(readonly opts: EngineHostOptions) {
    super();
    this.store = Store.open(opts.dbFile);
    this.allowlist = new Allowlist(this.store.allowlist);
    // A directory given on the command line becomes the configured one: validated and stored
    // as a Settings save is, so it persists for the next start.
    this.settings =
      opts.zeekDir !== undefined && opts.zeekDir !== null
        ? saveSettings(this.store.settings, { zeekDir: opts.zeekDir })
        : loadSettings(this.store.settings);
    this.intel = new IntelSchedule(this.store.intel, { onChanged: () => this.emit('changed', { reason: 'intel' }), log: (l) => this.log(l) });
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
    this.problems.add(view, transient);
    // a file that could not be read: the coverage sentence counts it
    if (view.level === 'error' && file !== null && !transient && !store) this.logDir.fileFailed(file, problem);
    // file names and messages come from logs: one line, escaped for the terminal
    this.log(`problem: ${terminalSafe(file ?? '')} ${terminalSafe(problem)}`);
  }

  /** A file that had failed for a transient reason was read: its notices are over. */
  resolveProblems(file: string): void {
    this.logDir.fileResolved(file);
    this.problems.resolve(file);
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
    this.logDir.reset();
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      this.logDir.missing(dir);
      this.problem(dir, 'the Zeek log directory does not exist (check Settings)');
      return;
    }
    // before a byte is read: the first status says what the folder holds (an empty or
    // unreadable folder is an error from the start, never a quiet "nothing found")
    if (!this.demo) await this.logDir.refresh(dir);
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
    this.rate.follow(Date.now() / 1000);
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
  refreshLogDir(): Promise<void> {
    return this.logDir.refresh(this.demo ? null : this.settings.zeekDir);
  }

  /** the look at the folder in progress (or a first one): getStatus waits for it */
  logDirSettled(): Promise<void> {
    return this.logDir.settled(this.demo ? null : this.settings.zeekDir);
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

  isRescoring(): boolean {
    return this.rescoring !== null;
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
    await this.quick.idle();
    this.quick.fullRescoreStarts(this.store.pairs.latestEventTime());
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
    this.windowCover = windowCoverage(this.store.pairs, run.windowEnd, this.settings.windowS);
    const { alerts, findings } = collectAlerts(this, (fresh) => this.emit('alerts', fresh));
    this.lastOutcome = { at: run.startedAt, findings, newAlerts: alerts };
    this.emit('changed', { reason: 'rescore' });
    return { at: run.startedAt, windowEnd: run.windowEnd, pairs: run.pairs, durationMs: run.durationMs, newAlerts: alerts };
  }

  private countIngest(n: number): void {
    if (n <= 0) return;
    const now = Date.now();
    // data arrived: the folder holds logs, and one was just written
    this.logDir.ingested(now / 1000);
    this.rate.count(now, n);
    this.quick.ingested(n);
    // Coalesce UI refreshes: at most one "changed" push per two seconds while data streams in.
    this.changeTimer ??= setTimeout(() => {
      this.changeTimer = null;
      this.emit('changed', { reason: 'ingest' });
    }, 2000);
  }

  /**
   * What the last rescore (or a chosen window: end and length) scored and left out, with the
   * folder's files as they are now; null before any rescore.
   */
  coverage(window: { end: number; lengthS: number } | null = null): Coverage | null {
    const last = window ? null : this.store.scores.lastRun();
    if (!window && !last) return null;
    const w = window
      ? windowCoverage(this.store.pairs, window.end, window.lengthS)
      : (this.windowCover ??= windowCoverage(this.store.pairs, last!.windowEnd, this.settings.windowS));
    const files = this.demo ? { found: 0, unreadable: 0 } : this.logDir.files();
    const pending = (this.backfill ? this.backfill.filesTotal - this.backfill.filesDone : 0) + (this.tailer?.waiting ?? 0);
    const problems = this.problems.errors();
    return coverageOf(w, {
      filesFound: files.found,
      filesUnreadable: files.unreadable,
      filesPending: pending,
      problems,
      rowsSkipped: this.problems.skippedRows,
    });
  }

  status(): EngineStatus {
    const latest = this.store.pairs.latestEventTime();
    const counts = this.store.pairs.counts();
    const last = this.store.scores.lastRun();
    const now = Date.now();
    const coverage = this.coverage();
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
      eventsPerMinute: this.rate.lastMinute(now),
      liveEventsPerMinute: this.rate.live(now, latest, (from) => this.store.pairs.eventsFrom(from)),
      ingestLagS: latest === null ? null : Math.max(0, now / 1000 - latest),
      pairs: counts.pairs,
      events: counts.events,
      modelBackend: this.scorers?.backend ?? null,
      problems: this.problems.recent(20),
      skippedRows: this.problems.skippedRows,
      logDir: this.demo ? null : this.logDir.state(this.settings.zeekDir, now / 1000),
      filesWaiting: this.tailer?.waiting ?? 0,
      coverage,
      coverageNote: coverage ? coverageNote(coverage) : null,
    };
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.quick.stop();
    await this.quick.idle();
    this.intel.stop();
    await this.intel.idle();
    if (this.changeTimer) clearTimeout(this.changeTimer);
    await this.stopTailing();
    await this.rescoring?.catch(() => undefined);
    this.scorers?.dispose();
    this.store.close();
  }
}
