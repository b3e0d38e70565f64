// The SQLite site store keeps one ordinary Beaconwatch store per sensor (`<dir>/<sensor>.sqlite`,
// the same schema and migrations as the desktop's): the existing schema has no sensor column, and
// one file per sensor lets each be opened by `scan`/`serve --db` as it is.
import { join } from 'node:path';
import { Store } from '../store.js';
import { checkSensorName } from './sensor-name.js';

/** Opens (creating) a sensor's store under `dir`, refusing a name that is not a plain file name. */
export function sensorStoreOpener(dir: string): (sensor: string) => Store {
  return (sensor) => {
    checkSensorName(sensor);
    return Store.open(join(dir, `${sensor}.sqlite`));
  };
}
