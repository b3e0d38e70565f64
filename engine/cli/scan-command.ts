// `beaconwatch scan`: read logs from files or folders, score, print a ranked table or JSON Lines.
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { loadScorers } from '../scorers.js';
import { scan } from '../scan.js';
import type { Finding } from '../types.js';
import { findingJson, findingsTable, safeText, type AllowlistedJson } from './format.js';
import { parseDuration, parseInstant } from './parse.js';
import { allowlistFor } from './allowlist-lookup.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import { terminalSafeJson } from '../text/terminal-safe.js';

interface ScanFlags {
  json?: boolean;
  all?: boolean;
  now?: number;
  window: number;
  db?: string;
  cnn: boolean;
  threshold: number;
  failedLookups?: boolean;
  localNet?: string[];
}

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('read Zeek logs from files or folders (recursively), score every pair, print the ranking')
    .argument('<paths...>', 'Zeek log files or folders')
    .option('--json', 'print JSON Lines, one object per pair, best first')
    .option('--all', 'list every pair with at least 4 activities (default: only pairs above the alert threshold)')
    .option('--now <time>', 'end of the scoring window: ISO 8601 or epoch seconds (default: latest timestamp in the data)', parseInstant)
    .option('--window <duration>', 'scoring window', parseDuration, 86400)
    .option('--threshold <score>', 'alert threshold in [0,1]', parseFloat, DEFAULT_SETTINGS.alertThreshold)
    .option('--failed-lookups', 'only periodic DNS lookups that do not resolve')
    .option('--local-net <cidr...>', 'local networks (default: private, link-local and ULA ranges)')
    .option('--db <file>', 'keep the store in this SQLite file (default: a temporary store)')
    .option('--no-cnn', 'score with the statistical scorer only')
    .action(async (paths: string[], flags: ScanFlags) => {
      const scorers = await loadScorers({ cnn: flags.cnn, log: (l) => process.stderr.write(`${safeText(l)}\n`) });
      const bar = process.stderr.isTTY && !flags.json ? new SingleBar({ format: 'reading logs {bar} {value}/{total} files' }, Presets.shades_classic) : null;
      let known = new Map<number, AllowlistedJson>();
      try {
        const summary = await scan(paths, {
          dbFile: flags.db ?? null,
          now: flags.now ?? null,
          windowS: flags.window,
          scorers: scorers.scorers,
          ...(flags.localNet ? { localNetworks: flags.localNet } : {}),
          onProblem: (p) => {
            bar?.stop();
            process.stderr.write(`beaconwatch: warning: ${safeText(p.file)}: ${safeText(p.problem)}\n`);
          },
          onFileDone: (done, total) => {
            if (done === 1) bar?.start(total, 0);
            bar?.update(done);
          },
          withStore: async (store, findings) => {
            known = await allowlistFor(store, findings);
          },
        });
        bar?.stop();
        let shown: Finding[] = summary.findings.filter((f) => f.stats.activities >= 4);
        if (!flags.all) shown = shown.filter((f) => f.score >= flags.threshold);
        if (flags.failedLookups) shown = shown.filter((f) => f.source === 'dns' && f.variant === 'failed');
        if (flags.json) {
          for (const f of shown) process.stdout.write(`${terminalSafeJson(JSON.stringify(findingJson(f, known.get(f.pairId) ?? null)))}\n`);
        } else if (shown.length === 0) {
          process.stdout.write(
            `No pair above the alert threshold (${flags.threshold}) among ${summary.findings.length} pairs from ${summary.files} files. Use --all to list every pair.\n`,
          );
        } else {
          process.stdout.write(`${findingsTable(shown, (f) => (known.has(f.pairId) ? `known: ${known.get(f.pairId)!.reason}` : null))}\n`);
        }
      } finally {
        bar?.stop();
        scorers.dispose();
      }
    });
}
