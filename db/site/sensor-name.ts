// A sensor's name becomes a file name (one SQLite file per sensor) and a SQL literal (ClickHouse):
// both stores refuse the same names, with the same words.

export const SENSOR_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The error for a bad sensor name, naming it. */
export function checkSensorName(sensor: string): void {
  if (!SENSOR_NAME.test(sensor) || sensor === '.' || sensor === '..') {
    throw new Error(`sensor name ${JSON.stringify(sensor)} is not usable: use 1 to 64 letters, digits, '.', '_' or '-'`);
  }
}
