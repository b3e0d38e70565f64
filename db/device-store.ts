// Device names: learned from dhcp.log by the ingest store, labelled by the owner here.
import type { DeviceRow } from '../engine/contract/rows.js';
import type { SqliteDatabase } from './open.js';
import { DEFAULT_SENSOR } from './ingest-store.js';

export class DeviceStore {
  constructor(private readonly db: SqliteDatabase) {}

  list(): DeviceRow[] {
    return (this.db.prepare('SELECT * FROM devices ORDER BY sensor, address').all() as Record<string, unknown>[]).map(toDevice);
  }

  get(address: string, sensor: string = DEFAULT_SENSOR): DeviceRow | undefined {
    const r = this.db.prepare('SELECT * FROM devices WHERE sensor = ? AND address = ?').get(sensor, address) as Record<string, unknown> | undefined;
    return r ? toDevice(r) : undefined;
  }

  /** Set (or clear, with null) the owner's label for an address. */
  setLabel(address: string, label: string | null, sensor: string = DEFAULT_SENSOR): DeviceRow {
    this.db
      .prepare('INSERT INTO devices (sensor, address, label) VALUES (?, ?, ?) ON CONFLICT (sensor, address) DO UPDATE SET label = excluded.label')
      .run(sensor, address, label);
    return this.get(address, sensor)!;
  }
}

function toDevice(r: Record<string, unknown>): DeviceRow {
  return {
    sensor: r.sensor as string,
    address: r.address as string,
    hostName: (r.host_name as string | null) ?? null,
    mac: (r.mac as string | null) ?? null,
    label: (r.label as string | null) ?? null,
    seenAt: (r.seen_at as number | null) ?? null,
  };
}
