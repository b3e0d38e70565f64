// A store subcommand's frame (`beaconwatch allow …`, `beaconwatch intel …`): open the store named
// by --db, run the command, close it whatever happens. A failure is a runtime failure, not a
// usage error: its message alone on standard error (cmd.error would print the help after it),
// exit code 1; a command may also ask for another exit code (some feeds failed, say).
import { CommanderError, type Command } from 'commander';
import { safeText } from './format.js';

export async function runOnStore<S extends { close(): void }>(
  cmd: Command,
  group: string,
  open: (dbFile: string | undefined) => S | Promise<S>,
  fn: (store: S) => Promise<number | void> | number | void,
): Promise<void> {
  let failure: string | null = null;
  let code = 0;
  let handle: S | null = null;
  try {
    handle = await open(cmd.optsWithGlobals<{ db?: string }>().db);
    code = (await fn(handle)) ?? 0;
  } catch (err) {
    failure = (err as Error).message;
  } finally {
    handle?.close();
  }
  if (failure !== null) {
    const writeErr = cmd.configureOutput().writeErr ?? ((s: string) => process.stderr.write(s));
    writeErr(`beaconwatch ${group} ${cmd.name()}: ${safeText(failure)}\n`);
    throw new CommanderError(1, `beaconwatch.${group}`, failure);
  }
  if (code !== 0) throw new CommanderError(code, `beaconwatch.${group}`, `exit code ${code}`);
}
