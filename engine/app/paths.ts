// Where Beaconwatch keeps its store when no --db is given (XDG on Linux, the usual places elsewhere).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(): string {
  if (process.env.BEACONWATCH_DATA_DIR) return process.env.BEACONWATCH_DATA_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Beaconwatch');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Beaconwatch');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'beaconwatch');
}

export function defaultDbFile(): string {
  return join(defaultDataDir(), 'beaconwatch.sqlite');
}
