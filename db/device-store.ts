// Device names: learned from dhcp.log by the ingest store, labelled by the owner here.
import type { DeviceRow } from '../engine/contract/rows.js';
import type { SqliteDatabase } from './open.js';

export class DeviceStore {
  constructor(private readonly db: SqliteDatabase) {}

  list(): DeviceRow[] {
    return (this.db.prepare('SELECT * FROM devices ORDER BY address').all() as Record<string, unknown>[]).map(toDevice);
  }

  get(address: string): DeviceRow | undefined {
    const r = this.db.prepare('SELECT * FROM devices WHERE address = ?').get(address) as Record<string, unknown> | undefined;
    return r ? toDevice(r) : undefined;
  }

  /** Set (or clear, with null) the owner's label for an address. */
  setLabel(address: string, label: string | null): DeviceRow {
    this.db
      .prepare('INSERT INTO devices (address, label) VALUES (?, ?) ON CONFLICT (address) DO UPDATE SET label = excluded.label')
      .run(address, label);
    return this.get(address)!;
  }
}

function toDevice(r: Record<string, unknown>): DeviceRow {
  return {
    address: r.address as string,
    hostName: (r.host_name as string | null) ?? null,
    mac: (r.mac as string | null) ?? null,
    label: (r.label as string | null) ?? null,
    seenAt: (r.seen_at as number | null) ?? null,
  };
}
