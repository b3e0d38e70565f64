// Several sensors (issue 22): a sensor is a named Zeek log folder. One definition of what a
// sensor name may be, how `name=DIR` is written (the CLI's --sensor, the Settings list) and which
// sensors a settings object follows. Pure: the renderer, the CLI and the engine share it.

/** the sensor of a single folder (a stored `zeekDir`, `scan DIR…`, rows from before sensors) */
export const DEFAULT_SENSOR = 'sensor';

export interface SensorSpec {
  name: string;
  dir: string;
}

/** letters, digits, '.', '_', '-' (a word a search term and a file name can carry), 1–40 long */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** why a sensor name is refused, or null */
export function sensorNameProblem(name: string): string | null {
  if (name === '') return 'a sensor needs a name (name=folder)';
  if (!NAME.test(name)) return `sensor name "${name}" may use letters, digits, '.', '_' and '-' only (at most 40)`;
  return null;
}

/** `name=DIR` -> the sensor, or the words saying what is wrong */
export function parseSensorSpec(text: string): SensorSpec | { problem: string } {
  const at = text.indexOf('=');
  if (at < 0) return { problem: `"${text}" is not name=folder (for example workshop=/var/log/zeek)` };
  const name = text.slice(0, at).trim();
  const dir = text.slice(at + 1).trim();
  const problem = sensorNameProblem(name);
  if (problem) return { problem };
  if (dir === '') return { problem: `sensor ${name} has no folder (name=folder)` };
  return { name, dir };
}

/** `name=DIR` as the settings list stores it */
export function formatSensorSpec(s: SensorSpec): string {
  return `${s.name}=${s.dir}`;
}

/**
 * The sensors a settings object follows: the single Zeek log directory (when set) as the default
 * sensor, then the named ones of the list. Entries that do not parse, or repeat a name, are left
 * out here: saving settings refuses them with worded errors (engine/service/settings-api.ts).
 */
export function sensorsOf(settings: { zeekDir: string | null; sensors: readonly string[] }): SensorSpec[] {
  const out: SensorSpec[] = [];
  if (settings.zeekDir) out.push({ name: DEFAULT_SENSOR, dir: settings.zeekDir });
  for (const text of settings.sensors) {
    const s = parseSensorSpec(text);
    if ('problem' in s || out.some((o) => o.name === s.name)) continue;
    out.push(s);
  }
  return out;
}

/** every problem of a sensors list (names, duplicates, the default sensor's name taken) */
export function sensorListProblems(zeekDir: string | null, list: readonly string[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>(zeekDir ? [DEFAULT_SENSOR] : []);
  for (const text of list) {
    const s = parseSensorSpec(text);
    if ('problem' in s) problems.push(s.problem);
    else if (names.has(s.name))
      problems.push(
        s.name === DEFAULT_SENSOR && zeekDir
          ? `sensor name "${s.name}" is the Zeek log directory's; choose another`
          : `sensor name "${s.name}" is used twice`,
      );
    else names.add(s.name);
  }
  return problems;
}

/** a device's key where maps hold devices of several sensors (one address, two sites: two keys) */
export function deviceKey(sensor: string, address: string): string {
  return `${sensor}\u0000${address}`;
}
