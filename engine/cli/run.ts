// Entry point of the `beaconwatch` binary (bin/beaconwatch.js imports the compiled copy).
import { main } from './program.js';

process.exitCode = await main(process.argv);
