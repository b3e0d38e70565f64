// The engine's running state: store, settings, scorers, tailer, rescore timer, counters.
// Lifecycle only; the API calls live in api-impl.ts.
import { EventEmitter } from 'node:events';
import { Store } from '../../db/store.js';
import { explainStoreError } from '../../db/store-errors.js';
import { Allowlist } from '../allowlist/index.js';
import type { Coverage, EngineStatus, ProblemView, RescoreSummary, Settings } from '../contract/api.js';
import type { EngineHostOptions } from '../contract/host.js';
import { rescore } from '../score/rescore.js';
import { ROBUST_LATEST_SAMPLE, robustLatest } from '../score/robust-latest.js';
import { loadScorers, type LoadedScorers } from '../score/scorers.js';
import { loadSettings, saveSettings } from './settings.js';
import { retentionCutoff } from './retention.js';
import type { ZeekTailer } from '../tail/tailer.js';
import { SensorFollow } from './sensor-follow.js';
import { sensorsOf } from '../contract/sensors.js';
import type { LogDirState, SensorStatus } from '../contract/status-values.js';
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
  /** one per followed sensor (named Zeek log folder), in the settings' order */
  followed: SensorFollow[] = [];
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
    // A directory (or sensors) given on the command line becomes the configured one: validated
    // and stored as a Settings save is, so it persists for the next start.
    const given = {
      // with sensors given, no folder means no default sensor (`watch --sensor a=DIR` alone)
      ...(opts.zeekDir !== undefined && (opts.zeekDir !== null || opts.sensors !== undefined) ? { zeekDir: opts.zeekDir } : {}),
      ...(opts.sensors !== undefined ? { sensors: [...opts.sensors] } : {}),
    };
    this.settings = Object.keys(given).length > 0 ? saveSettings(this.store.settings, given) : loadSettings(this.store.settings);
    this.intel = new IntelSchedule(this.store.intel, { onChanged: () => this.emit('changed', { reason: 'intel' }), log: (l) => this.log(l) });
    this.followed = this.sensorFollows();
    this.remoteAlerts = new RemoteAlerts(
      () => this.settings,
      (l) => this.log(l),
    );
  }

  log(line: string): void {
    this.opts.log?.(line);
  }

  /** the first sensor's tailer (a change of local networks restarts them all) */
  get tailer(): ZeekTailer | null {
    return this.followed.find((f) => f.tailer)?.tailer ?? null;
  }

  /** files waiting for a retry, over every sensor */
  private get waiting(): number {
    return this.followed.reduce((n, f) => n + (f.tailer?.waiting ?? 0), 0);
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
    if (view.level === 'error' && file !== null && !transient && !store) this.sensorOf(file)?.logDir.fileFailed(file, problem);
    // file names and messages come from logs: one line, escaped for the terminal
    this.log(`problem: ${terminalSafe(file ?? '')} ${terminalSafe(problem)}`);
  }

  /** A file that had failed for a transient reason was read: its notices are over. */
  resolveProblems(file: string): void {
    this.sensorOf(file)?.logDir.fileResolved(file);
    this.problems.resolve(file);
    this.log(`resolved: ${terminalSafe(file)} read`);
  }

  viewContext(): ViewContext {
    return storeViewContext(this.store, this.allowlist, this.settings, null);
  }

  async loadScorers(): Promise<void> {
    this.scorers ??= await loadScorers({ ...(this.opts.modelDir ? { modelDir: this.opts.modelDir } : {}), log: (l) => this.log(l) });
  }

  /** the followed sensor whose folder holds a file */
  private sensorOf(file: string): SensorFollow | undefined {
    return this.followed.find((f) => f.holds(file));
  }

  /** Start (or restart) following every configured sensor's folder, all at once. */
  async startTailing(): Promise<void> {
    await this.stopTailing();
    this.followed = this.sensorFollows();
    if (this.paused || this.followed.length === 0) return;
    this.rate.follow(Date.now() / 1000);
    await Promise.all(this.followed.map((f) => f.start()));
    this.backfill = null;
  }

  /**
   * One follower per configured sensor, not started: the status looks at their folders even
   * before the host starts (an empty folder is "no logs" from the first status) or while paused.
   */
  private sensorFollows(): SensorFollow[] {
    const several = sensorsOf(this.settings).length > 1;
    return sensorsOf(this.settings).map(
      (s) =>
        new SensorFollow(s, {
          store: this.store,
          localNetworks: this.settings.localNetworks,
          backfillS: this.settings.backfillS,
          // a folder of old captures is read back to the retention from its newest file (kept: retention waits while data is historic)
          historicS: this.settings.retentionDays * 86400,
          demo: this.demo,
          // with several sensors a folder's problem names its sensor: it is that sensor's error
          onProblem: (file, problem, transient, warning) =>
            this.problem(file, several && file === s.dir ? `sensor ${s.name}: ${problem}` : problem, transient, warning),
          onResolved: (file) => this.resolveProblems(file),
          onIngest: (n) => this.countIngest(n),
          onBackfill: (p) => {
            this.backfill = p.filesDone < p.filesTotal ? p : null;
          },
        }),
    );
  }

  /** Look again at what the Zeek folders hold (after start, and at every rescore). */
  async refreshLogDir(): Promise<void> {
    await Promise.all(this.followed.map((f) => f.refresh()));
  }

  /** the look at the folders in progress (or a first one): getStatus waits for it */
  async logDirSettled(): Promise<void> {
    await Promise.all(this.followed.map((f) => f.settled()));
  }

  /** Stop every tailer; the followers stay, so the status still says what each folder holds. */
  async stopTailing(): Promise<void> {
    await Promise.all(this.followed.map((f) => f.stop()));
  }

  /** the app-wide folder state: the first sensor whose folder is readable, else the first one's */
  private logDirState(nowS: number): LogDirState | null {
    const states = this.followed.map((f) => f.state(nowS)).filter((s): s is LogDirState => s !== null);
    return states.find((s) => s.state === 'ok' || s.state === 'stale') ?? states[0] ?? null;
  }

  /** per sensor: its folder's state and what it gave (pairs, events) */
  sensorStatus(nowS: number): SensorStatus[] {
    const counts = new Map(this.store.pairs.sensorCounts().map((c) => [c.sensor, c]));
    return this.followed.map((f) => {
      const c = counts.get(f.name);
      return { name: f.name, dir: f.dir, logDir: f.state(nowS), pairs: c?.pairs ?? 0, events: c?.events ?? 0, lastEventAt: c?.lastSeen ?? null };
    });
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
    await this.refreshLogDir();
    await Promise.all(this.followed.map((f) => f.tailer?.idle()));
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
    // (the sensor's own LogDirWatch notes that its folder holds logs: sensor-follow.ts)
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
    const files = { found: 0, unreadable: 0 };
    if (!this.demo)
      for (const f of this.followed) {
        const one = f.logDir.files();
        files.found += one.found;
        files.unreadable += one.unreadable;
      }
    const pending = (this.backfill ? this.backfill.filesTotal - this.backfill.filesDone : 0) + this.waiting;
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
      tailing: this.followed.some((f) => f.tailer !== null),
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
      logDir: this.demo ? null : this.logDirState(now / 1000),
      sensors: this.sensorStatus(now / 1000),
      filesWaiting: this.waiting,
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
