// Parsing of CLI option values: durations ("24h", "90m", "3600"), instants (ISO or epoch) and
// sensors (`--sensor name=DIR`, repeatable).
import { InvalidArgumentError } from 'commander';
import { formatSensorSpec, parseSensorSpec } from '../contract/sensors.js';

/** `--sensor name=DIR`, repeated: the list so far plus this one (`name=DIR`, trimmed); a repeated name is refused */
export function collectSensor(value: string, previous: string[] = []): string[] {
  const s = parseSensorSpec(value);
  if ('problem' in s) throw new InvalidArgumentError(s.problem);
  if (previous.some((p) => p.startsWith(`${s.name}=`))) throw new InvalidArgumentError(`sensor name "${s.name}" is given twice`);
  return [...previous, formatSensorSpec(s)];
}

/** the sensors' option, as watch, serve and scan describe it */
export const SENSOR_OPTION_HELP = 'a named Zeek log folder to follow as one sensor, e.g. workshop=/var/log/zeek (repeatable)';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

export function parseDuration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw]?)$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`"${value}" is not a duration (examples: 3600, 90m, 24h, 7d)`);
  const seconds = Number(m[1]) * UNITS[(m[2] || 's').toLowerCase()]!;
  if (!(seconds > 0)) throw new InvalidArgumentError(`"${value}" must be longer than zero`);
  return seconds;
}

export function parseInstant(value: string): number {
  const v = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new InvalidArgumentError(`"${value}" is not a time (ISO 8601 like 2026-11-27T10:00:00Z, or epoch seconds)`);
  return t / 1000;
}
