// The `beaconwatch` command line: scan, watch, serve, allow, intel, long, ingest-site. A composition root: it wires the
// engine to the concrete store and scorers.
import { Command, CommanderError } from 'commander';
import { registerScanCommand } from './scan-command.js';
import { registerWatchCommand } from './watch-command.js';
import { registerServeCli } from './serve-cli.js';
import { registerAllowCommand } from './allow-command.js';
import { registerIntelCommand } from './intel-command.js';
import { registerLongCommand } from './long-command.js';
import { registerIngestSiteCommand } from './ingest-site-command.js';
import { Store } from '../../db/store.js';
import { defaultDbFile } from '../app/paths.js';
import { safeText } from './format.js';
import { VERSION } from '../app/version.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('beaconwatch')
    .description('Find devices that call home on a schedule (beaconing) in Zeek logs.')
    .version(VERSION)
    .showHelpAfterError()
    // Before the commands are added, so they inherit it: every error ends in main()'s catch.
    .exitOverride();
  registerScanCommand(program);
  registerWatchCommand(program);
  registerServeCli(program);
  registerAllowCommand(program, (dbFile) => Store.open(dbFile ?? defaultDbFile()));
  registerIntelCommand(program, (dbFile) => Store.open(dbFile ?? defaultDbFile()));
  registerLongCommand(program, (dbFile) => Store.open(dbFile), defaultDbFile);
  registerIngestSiteCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    process.stderr.write(`beaconwatch: ${safeText((err as Error).message)}\n`);
    return 1;
  }
}
