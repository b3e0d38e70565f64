// `beaconwatch serve`: the desktop app's engine and renderer over HTTP (headless sensor boxes).
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { collectSensor, SENSOR_OPTION_HELP } from './parse.js';
import { sensorDirProblem } from './watch-command.js';

interface ServeFlags {
  port: number;
  host: string;
  db?: string;
  demo?: boolean;
  sensor?: string[];
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`"${v}" is not a TCP port`);
  return n;
}

export function registerServeCli(program: Command): void {
  program
    .command('serve')
    .description('serve the Beaconwatch app over HTTP (loopback by default; other hosts need the printed token)')
    .argument('[zeek_dir]', 'the Zeek log directory to follow')
    .option('--port <port>', 'TCP port', parsePort, 8787)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--db <file>', 'SQLite store')
    .option('--sensor <name=dir>', SENSOR_OPTION_HELP, collectSensor)
    .option('--demo', 'load a generated home-network day with a planted beacon')
    .action(async (zeekDir: string | undefined, flags: ServeFlags) => {
      // without a folder the app opens on its first-run screen (or the folder stored earlier)
      if (!zeekDir && !flags.demo && !flags.sensor)
        process.stderr.write('No Zeek log directory given: choose one in the app (or with --demo, explore demo data).\n');
      // loaded when serve runs, not at every command's start-up
      const { zeekDirProblem } = await import('../service/zeek-dir.js');
      const problem = (zeekDir ? zeekDirProblem(zeekDir) : null) ?? sensorDirProblem(flags.sensor ?? [], zeekDirProblem);
      if (problem) throw new Error(problem);
      const { runServe } = await import('../serve/serve-command.js');
      await runServe({
        port: flags.port,
        host: flags.host,
        db: flags.db ?? null,
        zeekDir: zeekDir ?? null,
        demo: Boolean(flags.demo),
        ...(flags.sensor ? { sensors: flags.sensor } : {}),
      });
    });
}
