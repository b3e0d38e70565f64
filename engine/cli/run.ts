// Entry point of the `beaconwatch` binary (bin/beaconwatch.js imports the compiled copy).
import { guardProcess } from '../app/process-guard.js';
import { safeText } from './format.js';
import { main } from './program.js';

// before anything loads: a stray rejection in watch or serve is a logged line, not an exit
guardProcess((line) => process.stderr.write(`${safeText(line)}\n`));
process.exitCode = await main(process.argv);
