// A home on its first day, for the day-one review tests: four services present since the first
// logs (two of them one vendor domain on two devices) and one that starts later (new since the
// review). One dns.log, rows in time order.
import { writeDnsBeaconsLog } from './zeek-fixture.js';

/** [device, query, period s, span s] */
export const REVIEW_BEACONS: [src: string, name: string, periodS: number, spanS: number][] = [
  ['10.0.0.5', 'updates.example.net', 60, 23.5 * 3600],
  ['10.0.0.6', 'c2.evil.example', 90, 23.5 * 3600],
  ['10.0.0.7', 'a.thermo-cloud.example', 120, 23.5 * 3600],
  ['10.0.0.8', 'b.thermo-cloud.example', 75, 23.5 * 3600],
  // starts 8 h before the end: more than 6 h after the first logs, so not "since start"
  ['10.0.0.9', 'late.newcomer.example', 60, 8 * 3600],
];

export function writeReviewDnsLog(dir: string, now = Date.now() / 1000): void {
  writeDnsBeaconsLog(dir, REVIEW_BEACONS, now);
}
