// `beaconwatch watch`: follow a Zeek log directory, rescore on a schedule, print new findings.
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { createEngineHost } from '../service.js';
import { defaultDbFile } from '../paths.js';
import { zeekDirProblem } from '../service/api-impl.js';
import { findingsTable, safeText } from './format.js';
import { parseDuration } from './parse.js';
import { terminalSafeLines } from '../text/terminal-safe.js';

interface WatchFlags {
  db?: string;
  every: number;
  backfill: number;
}

export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .description('follow a Zeek log directory (zeekctl layout or a flat folder), rescore on a schedule, print new findings')
    .argument('<zeek_dir>', 'the Zeek log directory, e.g. /opt/zeek/logs')
    .option('--db <file>', 'SQLite store', defaultDbFile())
    .option('--every <duration>', 'rescore interval', parseDuration, 3600)
    .option('--backfill <duration>', 'how far back to read archives on first start', parseDuration, 86400)
    .action(async (dir: string, flags: WatchFlags) => {
      const problem = zeekDirProblem(dir);
      if (problem) throw new Error(problem);
      const host = await createEngineHost({
        dbFile: flags.db ?? defaultDbFile(),
        mode: 'serve',
        zeekDir: dir,
        log: (l) => process.stderr.write(`${terminalSafeLines(l)}\n`),
      });
      await host.api.updateSettings({ rescoreIntervalS: Math.max(60, Math.round(flags.every)), backfillS: Math.round(flags.backfill) });
      host.on('alerts', (findings) => {
        process.stdout.write(`\n${new Date().toISOString()} new beaconing findings:\n${findingsTable(findings)}\n`);
      });
      const bar = process.stderr.isTTY ? new SingleBar({ format: 'backfill {bar} {value}/{total} files' }, Presets.shades_classic) : null;
      const poll = setInterval(() => {
        void host.api.getStatus({}).then((s) => {
          if (s.backfill && bar) {
            if (!bar.isActive) bar.start(s.backfill.filesTotal, 0);
            bar.update(s.backfill.filesDone);
          }
        });
      }, 500);
      process.stderr.write(`watching ${safeText(dir)} (store ${safeText(flags.db ?? defaultDbFile())}); Ctrl-C to stop\n`);
      await host.start();
      clearInterval(poll);
      bar?.stop();
      const s = await host.api.getStatus({});
      process.stderr.write(`backfill done: ${s.pairs} pairs, ${s.events} events; CNN backend: ${s.modelBackend ?? 'not loaded'}\n`);
      // an empty or stale folder must not look like a quiet network
      if (s.logDir?.message) process.stderr.write(`beaconwatch: warning: ${terminalSafeLines(s.logDir.message)}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.stop();
    });
}
