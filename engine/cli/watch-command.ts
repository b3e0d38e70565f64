// `beaconwatch watch`: follow a Zeek log directory, rescore on a schedule, print new findings.
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { defaultDbFile } from '../app/paths.js';
import { findingsTable, safeText } from './format.js';
import { collectSensor, parseDuration, SENSOR_OPTION_HELP } from './parse.js';
import { DEFAULT_SENSOR, parseSensorSpec } from '../contract/sensors.js';
import { terminalSafeLines } from '../text/terminal-safe.js';
import { DEFAULT_SETTINGS } from '../service/default-settings.js';
import { formatDuration } from '../text/describe.js';
import type { Settings } from '../contract/api.js';

interface WatchFlags {
  db: string;
  every?: number;
  backfill?: number;
  sensor?: string[];
}

/** The settings `watch` stores: only the flags the user gave; the rest stay as stored (or default). */
export function watchSettingsPatch(flags: Pick<WatchFlags, 'every' | 'backfill'>): Partial<Settings> {
  const patch: Partial<Settings> = {};
  if (flags.every !== undefined) patch.rescoreIntervalS = Math.max(60, Math.round(flags.every));
  if (flags.backfill !== undefined) patch.backfillS = Math.round(flags.backfill);
  return patch;
}

export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .description('follow a Zeek log directory (zeekctl layout or a flat folder), rescore on a schedule, print new findings')
    .argument('[zeek_dir]', `the Zeek log directory, e.g. /opt/zeek/logs (the sensor "${DEFAULT_SENSOR}")`)
    .option('--sensor <name=dir>', SENSOR_OPTION_HELP, collectSensor)
    .option('--db <file>', 'SQLite store', defaultDbFile())
    .option(
      '--every <duration>',
      `rescore interval, stored for later runs (default: the stored setting, at first ${formatDuration(DEFAULT_SETTINGS.rescoreIntervalS)})`,
      parseDuration,
    )
    .option(
      '--backfill <duration>',
      `how far back to read archives on first start, stored (default: the stored setting, at first ${formatDuration(DEFAULT_SETTINGS.backfillS)})`,
      parseDuration,
    )
    .action(async (dir: string | undefined, flags: WatchFlags) => {
      if (!dir && !flags.sensor) throw new Error('give the Zeek log directory, or one --sensor name=DIR or more');
      // loaded when watch runs: the engine host (tailer, chokidar, the API) is not scan's start-up
      const [{ zeekDirProblem }, { createEngineHost }] = await Promise.all([import('../service/zeek-dir.js'), import('../service/create-host.js')]);
      const problem = (dir ? zeekDirProblem(dir) : null) ?? sensorDirProblem(flags.sensor ?? [], zeekDirProblem);
      if (problem) throw new Error(problem);
      const host = await createEngineHost({
        dbFile: flags.db,
        mode: 'serve',
        // the sensors given replace the stored list; without a folder, no default sensor
        zeekDir: dir ?? null,
        ...(flags.sensor ? { sensors: flags.sensor } : {}),
        log: (l) => process.stderr.write(`${terminalSafeLines(l)}\n`),
      });
      const patch = watchSettingsPatch(flags);
      if (Object.keys(patch).length > 0) await host.api.updateSettings(patch);
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
      const followed = [...(dir ? [dir] : []), ...(flags.sensor ?? [])];
      process.stderr.write(`watching ${safeText(followed.join(', '))} (store ${safeText(flags.db)}); Ctrl-C to stop\n`);
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

/** the first sensor whose folder cannot be a Zeek log folder, in the words `zeekDirProblem` gives */
export function sensorDirProblem(sensors: readonly string[], problemOf: (dir: string) => string | null): string | null {
  for (const text of sensors) {
    const s = parseSensorSpec(text);
    if ('problem' in s) return s.problem;
    const problem = problemOf(s.dir);
    if (problem) return `sensor ${s.name}: ${problem}`;
  }
  return null;
}
