// The device use cases: the home's devices with their alerts (from the findings shown) and the
// owner's labels, which name the devices in every finding.
import type { BeaconwatchApi, DeviceView } from '../contract/api.js';
import type { EngineRuntime } from './runtime.js';
import type { FindingsSource } from './findings-source.js';
import { devicesOf } from './views.js';
import { DEFAULT_SENSOR } from '../contract/sensors.js';

/** what this use case reads of the running engine (the rest of EngineRuntime is not its business) */
type RuntimeParts = Pick<EngineRuntime, 'store' | 'viewContext'>;

export function deviceApi(
  rt: RuntimeParts,
  findings: Pick<FindingsSource, 'findingsIn' | 'cache'>,
): Pick<BeaconwatchApi, 'listDevices' | 'setDeviceLabel'> {
  // the pairs and last sightings as stored now (ingest moves them), the alerts from the findings shown
  const devices = async () => devicesOf(rt.store.pairs.deviceSightings(), rt.viewContext(), (await findings.findingsIn(undefined)).built.visible);
  return {
    listDevices: devices,
    async setDeviceLabel({ address, label, sensor = DEFAULT_SENSOR }) {
      rt.store.devices.setLabel(address, label && label.trim() ? label.trim() : null, sensor);
      // findings name their devices: built again with the new label
      findings.cache.invalidate();
      const d = (await devices()).find((x) => x.address === address && x.sensor === sensor);
      return d ?? unseenDevice(rt, address, sensor);
    },
  };
}

/** a device known by its label or DHCP only, with no pair (yet) */
function unseenDevice(rt: RuntimeParts, address: string, sensor: string): DeviceView {
  const row = rt.store.devices.get(address, sensor)!;
  return {
    sensor,
    address,
    name: row.label ?? row.hostName,
    hostName: row.hostName,
    mac: row.mac,
    label: row.label,
    alerts: 0,
    pairs: 0,
    topScore: null,
    lastSeen: null,
  };
}
