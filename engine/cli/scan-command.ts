// `beaconwatch scan`: read logs from files or folders, score, print findings (behaviours) as a
// ranked table, or JSON Lines: one object per pair (with its finding's id and state) or, with
// --findings, one object per finding with its member pairs.
import { Option, type Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { loadScorers } from '../score/scorers.js';
import { scan } from '../scan/scan.js';
import type { FindingView } from '../contract/api.js';
import { isDefaultDirection } from '../findings/pair-finding.js';
import { MIN_ACTIVITIES, repeats, shownAsFinding } from '../contract/thresholds.js';
import { feedsFromPaths } from '../intel/update.js';
import { coverageLine, findingViewJson, findingsTable, pairJson, safeText, scanSummaryJson } from './format.js';
import { coverageSentence } from '../text/coverage-sentence.js';
import { CSV_COLUMNS, csvLine, findingCsvRow, pairCsvRow } from './csv.js';
import { collectSensor, parseDuration, parseInstant, SENSOR_OPTION_HELP } from './parse.js';
import { parseSensorSpec, type SensorSpec } from '../contract/sensors.js';
import { DEFAULT_SETTINGS } from '../service/default-settings.js';
import { terminalSafeJson } from '../text/terminal-safe.js';

interface ScanFlags {
  sensor?: string[];
  json?: boolean;
  csv?: boolean;
  wide?: boolean;
  findings?: boolean;
  all?: boolean;
  now?: number;
  window: number;
  allTime?: boolean;
  db?: string;
  cnn: boolean;
  threshold: number;
  failedLookups?: boolean;
  localNet?: string[];
  intel?: string[];
}

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('read Zeek logs from files or folders (recursively), score every pair, print the findings best first')
    .argument('[paths...]', 'Zeek log files or folders, together one sensor (named "sensor")')
    .option('--sensor <name=dir>', SENSOR_OPTION_HELP, collectSensor)
    .option('--json', 'print JSON Lines, one object per pair (with its finding and state), best first')
    .option('--csv', 'print CSV with a header row, one row per pair (with its finding id and state), best first')
    .option('--wide', 'table: show every column in full (default: fit 80 columns, cutting long names with …)')
    .option('--findings', 'with --json or --csv: one object (row) per finding, with its member pairs')
    .option(
      '--all',
      `list every finding (or pair) with at least ${MIN_ACTIVITIES} activities (default: what the overview shows: new and known findings above the alert threshold)`,
    )
    .option('--now <time>', 'end of the scoring window: ISO 8601 or epoch seconds (default: latest timestamp in the data)', parseInstant)
    .addOption(
      new Option('--window <duration>', 'length of the scoring window ending at --now: 1h, 24h or 7d (or any duration: 90m, 3600 seconds)')
        .argParser(parseDuration)
        .default(DEFAULT_SETTINGS.windowS, '24h'),
    )
    .option('--all-time', 'score every stored event: one window from the first event to the last (overrides --window)')
    .option('--threshold <score>', 'alert threshold in [0,1]', parseFloat, DEFAULT_SETTINGS.alertThreshold)
    .option('--failed-lookups', 'only periodic DNS lookups that do not resolve')
    .option('--local-net <cidr...>', 'local networks (default: private, link-local and ULA ranges)')
    .option('--db <file>', 'keep the store in this SQLite file (default: a temporary store)')
    .option('--intel <files...>', 'threat-intel lists for this scan (a feed file or a folder of plain lists; raise only, nothing stored)')
    .option('--no-cnn', 'score with the statistical scorer only')
    .action(async (paths: string[], flags: ScanFlags) => {
      if (paths.length === 0 && !flags.sensor) throw new Error('give Zeek log files or folders, or one --sensor name=DIR or more');
      const sensors = (flags.sensor ?? []).map((t) => parseSensorSpec(t) as SensorSpec);
      // The model loads in a worker thread while the logs are read, and predicts there while
      // this thread computes the statistics; scan waits for it only when it scores.
      const loading = loadScorers({ cnn: flags.cnn, thread: true, log: (l) => process.stderr.write(`${safeText(l)}\n`) });
      const bar =
        process.stderr.isTTY && !flags.json && !flags.csv
          ? new SingleBar({ format: 'reading logs {bar} {value}/{total} files' }, Presets.shades_classic)
          : null;
      try {
        const summary = await scan(paths, {
          dbFile: flags.db ?? null,
          sensors,
          now: flags.now ?? null,
          windowS: flags.window,
          allTime: flags.allTime ?? false,
          scorers: loading.then((l) => l.scorers),
          settings: { alertThreshold: flags.threshold },
          ...(flags.intel ? { intelFeeds: feedsFromPaths(flags.intel) } : {}),
          // JSON and CSV list only what repeats; the table's message counts every finding
          repeatingOnly: Boolean(flags.json || flags.csv),
          // the model's thread and memory go before the findings are built
          onScored: () => void loading.then((l) => l.dispose()),
          ...(flags.localNet ? { localNetworks: flags.localNet } : {}),
          onProblem: (p) => {
            bar?.stop();
            process.stderr.write(`beaconwatch: warning: ${safeText(p.file)}: ${safeText(p.problem)}\n`);
          },
          onFileDone: (done, total) => {
            if (done === 1) bar?.start(total, 0);
            bar?.update(done);
          },
        });
        bar?.stop();
        const failedOnly = (v: FindingView) => v.members.some((m) => m.source === 'dns' && m.variant === 'failed' && m.activities >= MIN_ACTIVITIES);
        let views = summary.views.filter((v) => shownAsFinding(v));
        // a feed hit is listed whatever its score: "known C2 address contacted"
        if (!flags.all) views = views.filter((v) => (v.score >= flags.threshold || v.intel) && v.state !== 'dismissed');
        if (flags.failedLookups) views = views.filter(failedOnly);

        // what was scored and what was not, next to every list and every "nothing found" (GUIDE §6)
        const covered = summary.coverage ? coverageSentence(summary.coverage, 'cli') : null;
        if (flags.json || flags.csv) {
          // stdout stays one record a line; the summary goes to stderr
          const line = flags.json
            ? terminalSafeJson(JSON.stringify({ summary: scanSummaryJson(summary, views.length) }))
            : `beaconwatch: coverage: ${safeText(covered ?? 'nothing scored')}`;
          process.stderr.write(`${line}\n`);
        }
        if (flags.csv && flags.findings) {
          process.stdout.write(`${csvLine(CSV_COLUMNS)}\n`);
          for (const v of views) process.stdout.write(`${csvLine(findingCsvRow(v))}\n`);
        } else if (flags.json && flags.findings) {
          for (const v of views) process.stdout.write(`${terminalSafeJson(JSON.stringify(findingViewJson(v)))}\n`);
        } else if (flags.json || flags.csv) {
          const byPair = new Map<number, FindingView>();
          for (const v of summary.views) for (const m of v.members) byPair.set(m.pairId, v);
          const shownFindings = new Set(views.map((v) => v.findingId));
          let pairs = summary.findings.filter((f) => repeats(f));
          if (!flags.all) pairs = pairs.filter((f) => shownFindings.has(byPair.get(f.pairId)?.findingId ?? -1));
          if (flags.failedLookups) pairs = pairs.filter((f) => f.source === 'dns' && f.variant === 'failed');
          if (flags.csv) {
            process.stdout.write(`${csvLine(CSV_COLUMNS)}\n`);
            for (const f of pairs) process.stdout.write(`${csvLine(pairCsvRow(f, byPair.get(f.pairId) ?? null))}\n`);
          } else {
            for (const f of pairs) process.stdout.write(`${terminalSafeJson(JSON.stringify(pairJson(f, byPair.get(f.pairId) ?? null)))}\n`);
          }
        } else if (views.length === 0) {
          process.stdout.write(
            `No finding above the alert threshold (${flags.threshold}) among ${summary.views.length} findings (${summary.findings.length} pairs) from ${summary.files} files. Use --all to list every finding.\n${coverageLine(covered, flags.wide ? null : 80)}\n`,
          );
        } else {
          const hidden = views.filter((v) => !isDefaultDirection(v)).length;
          process.stdout.write(`${findingsTable(views, { wide: flags.wide ?? false })}\n\n${coverageLine(covered, flags.wide ? null : 80)}\n`);
          if (hidden > 0) process.stderr.write(`(${hidden} of these are inbound or external: the overview hides them by default)\n`);
        }
      } finally {
        bar?.stop();
        (await loading).dispose();
      }
    });
}
