// A campaign is one behaviour on several devices: each calls the same address no DNS answer gave,
// on one timer (prevalence.ts decides; suspicion.ts raises it). The owner sees it once, naming
// every device, first in the list, instead of N rows that each look like one device's quirk.
import type { FindingView } from '../contract/api.js';
import { deviceKey } from '../contract/sensors.js';

/**
 * Merge each campaign's per-device findings into one: the strongest device's finding, with every
 * device's members and the list of devices (the strongest first). Other findings pass unchanged.
 */
export function mergeCampaigns(views: readonly FindingView[]): FindingView[] {
  const byKey = new Map<string, FindingView[]>();
  const out: FindingView[] = [];
  for (const v of views) {
    if (!v.campaign) {
      out.push(v);
      continue;
    }
    const key = `${v.kind}\u0000${v.dst}`;
    const list = byKey.get(key);
    if (list) list.push(v);
    else byKey.set(key, [v]);
  }
  for (const list of byKey.values()) {
    list.sort((a, b) => b.score - a.score || b.logOdds - a.logOdds || a.findingId - b.findingId);
    const lead = list[0]!;
    const seen = new Map(list.map((v) => [deviceKey(v.sensor, v.src), v]));
    // a device the suspicion saw as a peer but whose finding was not built (filtered) stays listed
    const devices = [
      ...list.map((v) => ({ sensor: v.sensor, address: v.src, name: v.deviceName, findingId: v.findingId })),
      ...lead.campaign!.devices.filter((d) => !seen.has(deviceKey(d.sensor, d.address))).map((d) => ({ ...d, findingId: null })),
    ];
    out.push({
      ...lead,
      // a campaign is as new as its newest device's part: one device allow-listed does not quiet the rest
      state: list.some((v) => v.state === 'new') ? 'new' : lead.state,
      campaign: { devices },
      members: list.flatMap((v) => v.members),
    });
  }
  return out;
}
