// What a remote alert (ntfy, JSON webhook) says, Electron-free: the same policy as the desktop's
// notifications (electron/notification-plan.ts): one message per new finding, one summary when
// more than a few arrive together, a finding never announced twice; plus a rate limit, because a
// phone buzzing every minute is a flood. Strings from logs are attacker-controlled: controls and
// bidi overrides are removed and lengths bounded before they leave the machine.
import type { FindingView } from '../api.js';
import { describeInterval } from '../text/describe.js';
import { probabilityText } from '../contract/probability.js';
import { DEFAULT_SENSOR } from '../contract/sensors.js';

export interface AlertFinding {
  finding: number;
  device: string | null;
  src: string;
  dst: string;
  kind: FindingView['kind'];
  state: FindingView['state'];
  score: number;
  summary: string;
  every: string | null;
  first_seen: string | null;
  last_seen: string | null;
  /** the sensor (named Zeek log folder) that saw it; said in the message unless it is the default one */
  sensor: string;
  /** a campaign's devices (one hard-coded address on several devices), else null */
  devices: string[] | null;
  /** how sure, as the list shows it ("99.97 %") */
  sure: string;
  /** the strongest reason it stands out, in words; null when none */
  reason: string | null;
  /** the finding's page, when the owner set where Beaconwatch is reached (alertLinkBase) */
  link: string | null;
  /** "known C2 address contacted" when a threat-intel feed lists the destination, else null */
  intel: string | null;
}

export interface PlannedAlert {
  /** fixed ASCII wording of ours (ntfy sends it as an HTTP header) */
  title: string;
  /** plain text, cleaned */
  message: string;
  findings: AlertFinding[];
}

const MAX_TEXT = 200;
const SUMMARY_LINES = 3;

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(s: string, max = MAX_TEXT): string {
  const t = s.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

const iso = (s: number) => (Number.isFinite(s) ? new Date(Math.round(s * 1000)).toISOString() : null);

/** the finding's page under `base` (its fragment replaced): `https://bw.home/#/pair/12` */
export function findingLink(base: string | null, findingId: number): string | null {
  if (!base) return null;
  const u = new URL(base);
  u.hash = `#/pair/${findingId}`;
  return u.toString();
}

export function alertFinding(f: FindingView, linkBase: string | null = null): AlertFinding {
  const why = f.reasons.find((r) => r.effect === 'raises') ?? null;
  return {
    finding: f.findingId,
    device: f.deviceName === null ? null : cleanText(f.deviceName, 100),
    src: cleanText(f.src, 64),
    sensor: cleanText(f.sensor, 40),
    dst: cleanText(f.dst),
    kind: f.kind,
    state: f.state,
    score: Math.round(f.score * 1000) / 1000,
    summary: cleanText(f.summary),
    every: describeInterval(f.stats),
    first_seen: iso(f.stats.firstSeen),
    last_seen: iso(f.stats.lastSeen),
    devices: f.campaign
      ? f.campaign.devices.map((d) => cleanText((d.name ? `${d.name} (${d.address})` : d.address) + onSensor(d.sensor), 100))
      : null,
    sure: probabilityText(f.logOdds),
    reason: why ? cleanText(why.text) : null,
    link: findingLink(linkBase, f.findingId),
    intel: f.intel?.label ?? null,
  };
}

/** " on sensor workshop": which folder saw it, when several are followed (the default sensor goes unsaid) */
const onSensor = (sensor: string) => (sensor === DEFAULT_SENSOR ? '' : ` on sensor ${sensor}`);

const who = (a: AlertFinding) =>
  a.devices && a.devices.length > 1
    ? `${a.devices.length} devices (${a.devices.slice(0, 3).join(', ')}${a.devices.length > 3 ? ', …' : ''})`
    : (a.device ? `${a.device} (${a.src})` : a.src) + onSensor(a.sensor);

/** The messages for findings that just became alerts; at most `maxIndividual` single ones. */
export function planAlerts(findings: readonly FindingView[], maxIndividual = 3, linkBase: string | null = null): PlannedAlert[] {
  const items = findings.map((f) => alertFinding(f, linkBase));
  if (items.length === 0) return [];
  if (items.length <= maxIndividual) {
    return items.map((a) => ({
      title: a.intel
        ? 'Beaconwatch: known C2 contacted'
        : a.devices && a.devices.length > 1
          ? `Beaconwatch: one beacon on ${a.devices.length} devices`
          : 'Beaconwatch: new beacon',
      // the words first, the same percentage as the list, then the link (its own line: phones open it)
      message: cleanText(`${who(a)} → ${a.dst}: ${a.summary}${a.reason ? `; ${a.reason}` : ''} (${a.sure})`, 400) + (a.link ? `\n${a.link}` : ''),
      findings: [a],
    }));
  }
  const strongest = [...items].sort((a, b) => b.score - a.score);
  // a device is an address on one sensor
  const devices = new Set(items.map((a) => `${a.sensor} ${a.src}`)).size;
  const lines = strongest.slice(0, SUMMARY_LINES).map((a) => cleanText(`${who(a)} → ${a.dst} (${a.sure})`) + (a.link ? ` ${a.link}` : ''));
  const more = items.length - lines.length;
  return [
    {
      title: `Beaconwatch: ${items.length} new beacons on ${devices} device${devices === 1 ? '' : 's'}`,
      message: lines.join('\n') + (more > 0 ? `\n…and ${more} more` : ''),
      findings: strongest,
    },
  ];
}

/**
 * At most `max` messages per `perMs` to each target; what comes over the limit is folded into
 * one summary sent when the window allows, so nothing is lost and nothing floods.
 */
export class AlertLimiter {
  private sent: number[] = [];
  private held: FindingView[] = [];

  constructor(
    private readonly max = 6,
    private readonly perMs = 3600_000,
  ) {}

  /** the messages to send now for these new findings (and any held back earlier) */
  take(findings: readonly FindingView[], now = Date.now(), linkBase: string | null = null): PlannedAlert[] {
    this.sent = this.sent.filter((t) => t > now - this.perMs);
    const pending = [...this.held, ...findings];
    const room = this.max - this.sent.length;
    if (pending.length === 0 || room <= 0) {
      this.held = pending;
      return [];
    }
    this.held = [];
    // with room for fewer messages than findings, they share one summary
    const plan = planAlerts(pending, Math.min(3, room), linkBase);
    for (let i = 0; i < plan.length; i++) this.sent.push(now);
    return plan;
  }
}
